"""Which glossary term a message asks about when it names several, and a term question that also
asks about a part of the offer."""

import pytest

from actions.terms import ActionExplainTerm, asked_term
from tests.actions.helpers import run, tracker


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # The term nearest the words that ask, not the longest match ("my nan" -> grandparent).
        ("what is an sgo my nan said we have one", "special guardianship order"),
        ("my nan said we have an sgo what is that", "special guardianship order"),
        ("my social worker keeps saying kinship care what does it mean", "kinship care"),
        # Nothing asks: the longest match, as before.
        ("does my nan have parental responsibility", "parental responsibility"),
        ("what does kinship carer mean", "kinship care"),
    ],
)
def test_the_term_asked_about(text, term):
    found = asked_term(tracker("ask_term", text=text))
    assert found is not None and found.term == term


def test_a_term_question_that_names_a_need_gets_the_meaning_then_that_part_of_the_offer():
    # Was a message of tests/acceptance/first_messages.yml, which the code of actions/terms.py
    # was written for; moved here (that set is frozen and must not be tuned on).
    text = "what is pupil premium plus and does my grandson get it"
    messages, _ = run(ActionExplainTerm(), tracker("ask_term", text=text))
    assert messages[0]["kind"] == "term" and "Pupil Premium Plus" in messages[0]["text"]
    assert "education" in [s["id"] for m in messages for s in m["sections"]]
