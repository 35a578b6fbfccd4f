"""The need classifier (bot/understanding/needs.py). These are regression checks on sentences
written for this file (development data, not a measure of accuracy: `make eval` measures
that on the frozen blind sets)."""

from __future__ import annotations

import pytest

from bot.understanding.needs import NO_NEED, get_need_classifier


@pytest.fixture(scope="module")
def classifier():
    model = get_need_classifier()
    assert model is not None
    return model


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("who do I ring?", "kinship-navigators"),
        ("we can barely afford the food shop since the two of them came", "financial-support"),
        ("three lads sharing one box room", "housing"),
        ("she keeps getting sent home from school at dinner time", "education"),
    ],
)
def test_reads_needs_said_in_other_words(classifier, text, section):
    best = classifier.rank(text)[0]
    assert best.section_id == section, classifier.rank(text)[:3]


@pytest.mark.parametrize("text", ["hello?", "thanks love", "yes please", "bye"])
def test_small_talk_is_no_need(classifier, text):
    assert classifier.rank(text)[0].section_id == NO_NEED


def test_probabilities_are_a_distribution(classifier):
    ranked = classifier.rank("any help with nursery fees")
    assert abs(sum(g.probability for g in ranked) - 1.0) < 1e-6
    assert ranked == sorted(ranked, key=lambda g: -g.probability)


def test_first_messages_that_ask_nothing_are_taught_as_no_need():
    """bot/understanding/data/intros.yaml: every example is read, taught as "no need" at
    INTRO_WEIGHT."""
    from bot.understanding import needs

    intros = needs.intro_examples()
    assert len(intros) >= 150
    texts, labels, weights = needs.training_examples()
    taught = {t: (label, w) for t, label, w in zip(texts, labels, weights, strict=True)}
    assert all(taught[t] == (needs.NO_NEED, needs.INTRO_WEIGHT) for t in intros if t in taught)
    assert sum(t in taught for t in intros) >= len(intros) - 5  # a few may be need examples too
