"""A danger message in the middle of the hand-off form gets the safety response first, and the
form can then be resumed where it was (through the real app and the real Rasa server)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_danger_mid_form_then_resume(live_system):
    system = live_system
    session = system.new_session()
    system.say(session, payload="/request_human")
    asked = system.say(session, payload="/affirm")
    question = asked["messages"][-1]["text"]
    assert "call you" in question

    # Caught by the app's rule-based check before Rasa sees it.
    danger = system.say(
        session, text="his dad is outside now banging on the door saying he'll take him"
    )
    assert danger["safeguarding"] is True
    assert "999" in danger["messages"][0]["text"]
    assert all(m["kind"] == "safeguarding" for m in danger["messages"])

    resumed = system.say(session, payload="/resume")
    assert resumed["safeguarding"] is False
    assert resumed["messages"][-1]["text"] == question, "the form's question is asked again"

    # The form carries on from where it was: the name is taken, then how to contact.
    after = system.say(session, text="Pat Example")
    payloads = [b["payload"] for m in after["messages"] for b in m["buttons"]]
    assert any("inform_contact_method" in p for p in payloads), after


def test_the_nlu_safety_intent_alone_does_not_alarm_or_derail_the_form(live_system):
    """Danger is decided by the app's check before Rasa (above). Rasa's `safeguarding_concern`
    intent on its own (forced here with the intent's payload, so the test does not depend on
    one model's guess) neither raises the emergency reply nor loses the form's question."""
    session = live_system.new_session()
    live_system.say(session, payload="/request_human")
    question = live_system.say(session, payload="/affirm")["messages"][-1]["text"]
    reply = live_system.say(session, payload="/safeguarding_concern")
    assert reply["safeguarding"] is False
    assert "999" not in " ".join(m["text"] for m in reply["messages"])
    assert reply["messages"][-1]["text"] == question


def test_the_nlu_safety_intent_outside_a_form_is_answered_not_alarmed(live_system):
    session = live_system.new_session()
    reply = live_system.say(session, payload="/safeguarding_concern")
    assert reply["safeguarding"] is False
    assert reply["messages"] and reply["messages"][-1]["buttons"]


def test_the_arrangement_a_danger_message_shows_is_kept_by_rasa(live_system):
    """Rasa never sees the danger message; the app tells it the arrangement the words named (a
    slot event on the real tracker), so the next answer still knows it."""
    session = live_system.new_session()
    danger = live_system.say(
        session, text="his dad is outside now banging on the door, we have an sgo for him"
    )
    assert danger["safeguarding"] is True
    assert danger["context"]["arrangement"] == "sgo"
    live_system.say(session, payload="/resume")
    after = live_system.say(session, text="what money can we get")
    assert after["context"]["arrangement"] == "sgo"
