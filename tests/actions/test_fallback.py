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


def test_an_arrangement_described_and_nothing_asked_gets_its_meaning_not_sorry():
    """'a social worker comes round every week' after the money section: kinship fostering, what
    it means and what it adds to the money already asked about (issue 19: the aunt was told
    'Sorry, I did not understand')."""
    from actions.common import offer, phrase

    text = "a social worker comes round every week"
    messages, events = run(
        ActionFallback(),
        tracker("nlu_fallback", text, {"audience": "carer", "needs": ["financial-support"]}),
    )
    assert {"event": "slot", "name": "arrangement", "value": "kinship_fostering",
            "timestamp": None} in events  # fmt: skip
    assert messages[0]["text"].startswith(phrase("arrangement_from_words"))
    assert offer().arrangements["kinship_fostering"].title in messages[0]["text"]
    assert any(s["id"] == "financial-support" for m in messages for s in m["sections"])
    assert all(m.get("kind") != "fallback" for m in messages)


def test_the_arrangement_described_after_a_need_was_answered_tailors_every_need():
    """'nothing official, her mam just asked me to have her' after the school section (the NLU
    read a legal question): the arrangement's meaning, then school and the rest tailored to it,
    as if the arrangement's button had been pressed (actions/replies.py `answer_needs`)."""
    from actions.common import offer, phrase
    from actions.offer_sections import ActionShowSections

    messages, events = run(
        ActionShowSections(),
        tracker(
            "need_legal_support",
            "no court or anything, her dad just dropped her off with us",
            {"audience": "carer", "needs": ["education"]},
        ),
    )
    assert {"event": "slot", "name": "arrangement", "value": "informal",
            "timestamp": None} in events  # fmt: skip
    assert messages[0]["text"].startswith(phrase("arrangement_from_words"))
    assert offer().arrangements["informal"].title in messages[0]["text"]
    shown = [s["id"] for m in messages for s in m["sections"]]
    assert shown[:2] == ["education", "legal-support"]
