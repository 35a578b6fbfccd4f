"""Which glossary term a message asks about when it names several."""

import pytest

from actions.terms import asked_term
from tests.actions.helpers import tracker


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
