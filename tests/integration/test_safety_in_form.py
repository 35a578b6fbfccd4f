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


def test_nlu_safety_net_inside_the_form(live_system):
    """When Rasa's NLU recognises danger that the rules let through (forced here with the
    intent's payload, so the test does not depend on one model's guess), the form's validation
    gives the safety response and asks the same question again."""
    session = live_system.new_session()
    live_system.say(session, payload="/request_human")
    question = live_system.say(session, payload="/affirm")["messages"][-1]["text"]
    reply = live_system.say(session, payload="/safeguarding_concern")
    assert reply["safeguarding"] is True
    kinds = [m["kind"] for m in reply["messages"]]
    assert kinds[0] == "safeguarding" and "999" in reply["messages"][0]["text"]
    assert reply["messages"][-1]["text"] == question


def test_nlu_safety_net_outside_a_form(live_system):
    session = live_system.new_session()
    reply = live_system.say(session, payload="/safeguarding_concern")
    assert reply["safeguarding"] is True
    assert "999" in reply["messages"][0]["text"]
