"""Who is writing, decided once from the words (bot/understanding/who_is_writing.py): where the
rules and the audience classifier disagree."""

from __future__ import annotations

import pytest

from bot.understanding import audience_classifier, who_is_writing
from bot.understanding.audience_rules import CARER, PROFESSIONAL, YOUNG_PERSON


@pytest.fixture
def sure_of_a_young_person(monkeypatch):
    """The classifier all but sure that a young person is writing, whatever the words."""
    monkeypatch.setattr(
        audience_classifier,
        "probabilities",
        lambda text: {YOUNG_PERSON: 0.99, PROFESSIONAL: 0.005, CARER: 0.005},
    )


def test_a_carer_the_classifier_takes_for_a_young_person_is_overruled(sure_of_a_young_person):
    # the rules read a carer from the wording alone: the classifier may overrule them
    assert who_is_writing.clear_audience("im not a child im his auntie") == YOUNG_PERSON


@pytest.mark.parametrize("text", ["lol no im 52, i'm his nan", "I am 67 and I look after her"])
def test_an_adults_age_is_never_overruled(sure_of_a_young_person, text):
    """'im 40 lol, i'm the aunt' after being taken for a young person: an age past a young
    adult's (the rules' grown_up_max_age) is never a child's, whatever the classifier says."""
    assert who_is_writing.clear_audience(text) == CARER


def test_a_young_adults_age_can_still_be_a_young_person(sure_of_a_young_person):
    # care-experienced young adults (up to grown_up_max_age) are in the young people's offer
    assert who_is_writing.clear_audience("im 19 and been skint since uni started") == YOUNG_PERSON
