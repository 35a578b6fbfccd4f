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


def test_questions_asked_in_a_crisis_teach_only_the_reading_after_the_safety_lines():
    """bot/understanding/data/crisis_questions.yaml: every example is taught to the reading after
    the safety lines at CRISIS_WEIGHT, with the need intent of its section; the need reading of
    ordinary messages does not learn them."""
    from bot.understanding import needs

    crisis = needs.crisis_questions()
    assert len(crisis) >= 300
    assert {intent for _, intent in crisis} == set(needs.NEED_INTENTS)
    plain = set(needs.training_examples()[0])
    texts, labels, weights = needs.after_danger_examples()
    taught = list(zip(texts, labels, weights, strict=True))
    for text, intent in crisis:
        assert (text, intent, needs.CRISIS_WEIGHT) in taught
    assert sum(text in plain for text, _ in crisis) <= 5  # a few may be need examples too


def test_a_crisis_question_with_a_section_that_is_not_in_the_offer_is_named(tmp_path):
    from bot.understanding import needs

    path = tmp_path / "crisis.yaml"
    path.write_text(
        "examples:\n- text: where do we sleep\n  section: somewhere-else\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="crisis.yaml: unknown section 'somewhere-else'"):
        needs.crisis_questions(path)


def test_danger_messages_that_ask_something_teach_only_the_reading_after_the_safety_lines():
    """bot/understanding/data/crisis_messages.yaml: every whole message (a danger now and a
    question) is taught to the reading after the safety lines at CRISIS_MESSAGE_WEIGHT, with the
    need intent of the first section that answers its question; never to the need reading of
    ordinary messages."""
    from bot.understanding import needs

    messages = needs.crisis_messages()
    assert len(messages) >= 250
    assert {intent for _, intent in messages} == set(needs.NEED_INTENTS)
    plain = set(needs.training_examples()[0])
    # the development sets' need questions are in both (after_danger_dev.yaml and
    # need_questions_dev.yaml): ordinary questions, not dangers
    asked_only = {text for text, _ in needs.dev_need_questions()}
    taught = list(zip(*needs.after_danger_examples(), strict=True))
    for text, intent in messages:
        assert (text, intent, needs.CRISIS_MESSAGE_WEIGHT) in taught
        assert text not in plain or text in asked_only
    assert asked_only and asked_only <= plain


@pytest.mark.parametrize(
    "entry",
    [
        "  sections: [somewhere-else]\n",
        "  sections: []\n",
        "",
    ],
)
def test_a_danger_message_without_a_section_of_the_offer_is_named(tmp_path, entry):
    from bot.understanding import needs

    path = tmp_path / "crisis_messages.yaml"
    path.write_text(
        "examples:\n- text: he's at the door, and where do we sleep tonight\n" + entry,
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="crisis_messages.yaml: .*needs `sections`"):
        needs.crisis_messages(path)


def test_the_need_reading_learns_the_development_sets_need_questions():
    from bot.understanding import needs
    from bot.understanding.reading import asked_in

    learnt = needs.dev_need_questions()
    assert len(learnt) > 1000
    texts, labels, weights = needs.training_examples()
    taught = set(zip(texts, labels, weights, strict=True))
    assert all((text, intent, needs.DEV_NEED_WEIGHT) in taught for text, intent in learnt)
    # one of them, read as support groups for carers before it was learnt (2026-12-05)
    text = (
        "is there like a youth club or something near brinsworth, i live with my nan now and "
        "dont know anyone"
    )
    assert (text, "need_family_hubs") in learnt
    assert asked_in(text)[0] == "family-hubs-and-activities"


def test_the_need_reading_learns_the_development_sets_out_of_scope_messages_as_no_need():
    from bot.understanding import needs

    learnt = needs.dev_no_need()
    assert len(learnt) > 500
    texts, labels, weights = needs.training_examples()
    taught = set(zip(texts, labels, weights, strict=True))
    assert all((text, needs.NO_NEED, needs.DEV_NEED_WEIGHT) in taught for text in learnt)
    # learnt with the need questions alone, this was read as legal advice (2026-12-05)
    assert (
        needs.get_need_classifier().rank("where can i get a passport photo")[0].section_id == "none"
    )
