"""Who is writing, through the app's chat API and the real Rasa server: after a first message
that shows nobody, a way to say who is writing (the question and its buttons, or "I'm an adult
caring for a child"), and the buttons' payloads (including the payload-only `writer` entity)
parsed by the trained model and answered by the actions."""

from __future__ import annotations

import pytest

from actions.common import CARER_PAYLOAD, WHO_PAYLOADS
from bot.understanding.audience_rules import detect

pytestmark = pytest.mark.integration


def payloads(reply: dict) -> list[str]:
    return [b["payload"] for m in reply["messages"] for b in m["buttons"]]


def test_a_greeting_is_answered_then_asked_and_the_young_person_button_switches(live_system):
    session = live_system.new_session()
    reply = live_system.say(session, "hello")
    assert reply["context"]["audience"] == "carer"  # nobody is assumed; carer is the default
    assert set(WHO_PAYLOADS.values()) <= set(payloads(reply))
    assert reply["messages"][-1]["buttons"]
    reply = live_system.say(session, payload=WHO_PAYLOADS["young_person"])
    assert reply["context"]["audience"] == "young_person"
    assert "Childline" in "\n".join(m["text"] for m in reply["messages"])


def test_the_professional_button_gives_the_referral_route(live_system):
    session = live_system.new_session()
    live_system.say(session, "what is kinship care")
    reply = live_system.say(session, payload=WHO_PAYLOADS["professional"])
    assert reply["context"]["audience"] == "professional"
    assert "refer" in "\n".join(m["text"] for m in reply["messages"]).lower()


# First messages that show nobody: a carer, a young person or a professional could each have typed
# them, and the rules make no call. Whatever the classifier and the NLU make of one, the reading
# is uncertain, so the first reply must offer a way to say who is writing, and that way must
# work. (Which reading each gets is not pinned: a better model may read them otherwise.)
NO_CUE = ("whats an sgo", "wat is kinship", "is there any money")


def text_of(reply: dict) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


@pytest.mark.parametrize("text", NO_CUE)
def test_an_uncertain_reading_offers_a_way_to_say_who_is_writing(live_system, text):
    assert detect(text).audience is None, "the rules make no call on it"
    session = live_system.new_session()
    reply = live_system.say(session, text)
    if reply["context"]["audience"] == "carer":
        # Nobody assumed: the who-is-writing question with its two buttons.
        assert set(WHO_PAYLOADS.values()) <= set(payloads(reply))
        reply = live_system.say(session, payload=WHO_PAYLOADS["young_person"])
        assert reply["context"]["audience"] == "young_person"
        assert "Childline" in text_of(reply)
    else:
        # Read as a young person or a professional by the classifier or the NLU intent: "I'm
        # an adult caring for a child" under the answer, and one tap makes them a carer.
        assert CARER_PAYLOAD in payloads(reply)
        reply = live_system.say(session, payload=CARER_PAYLOAD)
        assert reply["context"]["audience"] == "carer"
        assert "automated assistant" in text_of(reply) and "Childline" not in text_of(reply)


def test_the_carer_button_answers_what_was_typed_before(live_system):
    session = live_system.new_session()
    live_system.say(session, "is there any money")
    reply = live_system.say(session, payload=CARER_PAYLOAD)
    assert reply["context"]["audience"] == "carer"
    assert "financial-support" in [s["id"] for m in reply["messages"] for s in m["sections"]]
