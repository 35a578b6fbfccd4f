"""actions/fallback.py: the unsure reply always hands the turn back, and a need said in other
words is answered rather than met with "did not understand"."""

from __future__ import annotations

from actions.fallback import ActionFallback
from tests.actions.helpers import run, tracker


def test_the_fallback_always_ends_the_turn():
    # Rasa also runs it as the core fallback; without "listen" after it, Rasa ran it ten
    # times in a row and the conversation stopped answering.
    _, events = run(ActionFallback(), tracker("nlu_fallback", "zzzz qqqq"))
    assert events[-1] == {"event": "followup", "name": "action_listen", "timestamp": None}


def test_who_do_i_ring_read_as_a_form_answer_still_gets_the_navigators():
    # The NLU read "who do I ring?" as an answer to the contact form's question (outside the
    # form): the need classifier reads the words again.
    messages, _ = run(
        ActionFallback(), tracker("inform_contact_method", "who do I ring?", {"audience": "carer"})
    )
    assert any(s["id"] == "kinship-navigators" for m in messages for s in m["sections"])
