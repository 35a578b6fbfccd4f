"""Someone struggling where no alarm rose (bot/understanding/distress.py `is_struggling`, read by
the safety check's `assess`): the warm word first, never the emergency reply; everyday questions
are not read as struggling. The real classifier, trained on the project's data."""

from __future__ import annotations

import pytest

from bot.safety import engine
from bot.understanding import distress

STRUGGLING = [
    "honestly im on my knees with it all, not slept properly in months and i feel like "
    "nobody gets it. is there anything for carers like me",
    "I feel so alone with all this. My friends have drifted off since the kids came and I "
    "just sit and cry once they're in bed.",
]
EVERYDAY = [
    "how do i apply for the special guardianship allowance",
    "is there a holiday club in the summer for my grandson, he's 9",
    "can the school give him extra help with his reading, he is behind",
    "what does kinship fostering mean",
]


@pytest.mark.parametrize("text", STRUGGLING)
def test_struggling_in_plain_words_gets_the_warm_word_not_an_alarm(text):
    found = engine.assess(text)
    assert found.danger is False
    assert found.level == "distress", found.matched
    assert "struggling" in found.matched


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_questions_are_not_read_as_struggling(text):
    assert distress.is_struggling(text) is False
    assert engine.assess(text).level == "none"


def test_short_words_are_never_read(monkeypatch):
    monkeypatch.setattr(distress, "is_struggling", lambda text: True)
    monkeypatch.setattr(engine, "is_struggling", lambda text: True)
    assert engine.assess("ok thanks").level == "none"  # too few words to tell
    assert engine.assess("i cant cope with any of this").level == "distress"


def test_a_broken_reading_reads_nobody_as_struggling(monkeypatch):
    monkeypatch.setattr(distress, "get_struggling_classifier", lambda: None)
    distress.is_struggling.cache_clear()
    try:
        assert distress.is_struggling(STRUGGLING[0]) is False
    finally:
        distress.is_struggling.cache_clear()


def test_it_learns_struggling_from_the_distress_sets_and_everyday_from_the_nlu():
    texts, labels, _ = distress.struggling_examples()
    assert labels.count(distress.STRUGGLING) >= 200
    assert labels.count(distress.EVERYDAY) >= 1000
    assert len(texts) == len(set(texts))
