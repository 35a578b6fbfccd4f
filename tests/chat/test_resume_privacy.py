"""After a safety response, "carry on" (`/resume`) never shows the person's contact details again
(issue #16): at the hand-off's check step the last turn holds the name, phone number or e-mail
address and message (bot/chat/resume.py). Through the chat API, with Rasa's check step made by
the real action (a stand-in Rasa) and through the real app and Rasa server (integration)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from actions.handoff import AskConfirm
from bot.chat.resume import SHOW_DETAILS_PAYLOAD
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.offer.loader import get_offer
from tests.actions.helpers import form_tracker, run

NAME = "Pat Example"
PHONE = "07700 900123"
EMAIL = "pat.example@example.com"
WORDS = "We need help with school for Jayden"
DANGER = "his dad is outside now banging on the door saying he'll take him"


def details_slots(method: str) -> dict:
    return {
        "carer_name": NAME,
        "contact_method": method,
        "contact_detail": EMAIL if method == "email" else PHONE.replace(" ", ""),
        "best_time": "after 3pm",
        "carer_message": WORDS,
        "access_needs": "",
    }


def stand_in_rasa(monkeypatch, method: str) -> list[str]:
    """Rasa's answer to every message is the hand-off's check step, as the real action says it."""
    from bot.chat.rasa_client import RasaClient

    check, _ = run(AskConfirm(), form_tracker("handoff_confirmed", slots=details_slots(method)))
    sent: list[str] = []

    async def send(self, sender_id: str, message: str) -> list[dict]:
        sent.append(message)
        return [{"recipient_id": sender_id, "custom": dict(m)} for m in check]

    async def slots(self, sender_id: str) -> dict:
        return {}

    monkeypatch.setattr(RasaClient, "send", send)
    monkeypatch.setattr(RasaClient, "slots", slots)
    return sent


def say(client, session_id: str, **body) -> dict:
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def everything_shown(reply: dict) -> str:
    return " ".join(
        [m["text"] for m in reply["messages"]]
        + [f"{b['title']} {b['payload']}" for m in reply["messages"] for b in m["buttons"]]
    )


def assert_no_details(shown: str, contact: str) -> None:
    for detail in (NAME, "Pat", contact, contact.replace(" ", ""), WORDS, "Jayden", "after 3pm"):
        assert detail not in shown, detail


@pytest.mark.parametrize(("method", "contact"), [("phone", PHONE), ("email", EMAIL)])
def test_carry_on_at_the_check_step_never_shows_the_details_again(
    client, monkeypatch, method, contact
):
    stand_in_rasa(monkeypatch, method)
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    check = say(client, session_id, payload="/affirm")
    summary = check["messages"][-1]
    assert summary["kind"] == "handoff_question"
    assert NAME in summary["text"] and contact in summary["text"]  # the check step, as Rasa said it

    danger = say(client, session_id, text=DANGER)
    assert danger["safeguarding"] is True
    assert "/resume" in [b["payload"] for m in danger["messages"] for b in m["buttons"]]

    resumed = say(client, session_id, payload="/resume")
    assert_no_details(everything_shown(resumed), contact)
    dialogue = get_offer().dialogue
    texts = [m["text"] for m in resumed["messages"]]
    assert texts == [dialogue["resume"], dialogue["resume_handoff_check"]]
    # What is needed to carry on is all there: see them again, send, change, cancel.
    payloads = [b["payload"] for b in resumed["messages"][-1]["buttons"]]
    assert payloads[0] == SHOW_DETAILS_PAYLOAD
    assert payloads[1:] == [b["payload"] for b in summary["buttons"]]
    assert "/affirm" in payloads and "/cancel_handoff" in payloads

    # Nor are they stored again as part of the "carry on" turn.
    with get_sessionmaker()() as db:
        conversation = db.scalar(select(Conversation).where(Conversation.session_key == session_id))
        stored = db.scalars(
            select(Message.text)
            .where(Message.conversation_id == conversation.id, Message.sender == "bot")
            .order_by(Message.id.desc())
            .limit(2)
        ).all()
    assert stored == list(reversed(texts))


def test_carry_on_elsewhere_still_replays_the_question_word_for_word(client, monkeypatch):
    """Only the check step is put in other words: any other question comes back as it was."""
    from bot.chat.rasa_client import RasaClient

    asked = get_offer().dialogue["handoff_ask_message"]

    async def send(self, sender_id: str, message: str) -> list[dict]:
        return [
            {
                "recipient_id": sender_id,
                "custom": {"text": asked, "buttons": [], "kind": "handoff_question"},
            }
        ]

    async def slots(self, sender_id: str) -> dict:
        return {}

    monkeypatch.setattr(RasaClient, "send", send)
    monkeypatch.setattr(RasaClient, "slots", slots)
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    say(client, session_id, text="after 3pm")
    assert say(client, session_id, text=DANGER)["safeguarding"] is True
    resumed = say(client, session_id, payload="/resume")
    assert [m["text"] for m in resumed["messages"]][1:] == [asked]


@pytest.mark.integration
def test_carry_on_at_the_check_step_through_the_real_rasa(live_system):
    """The whole way: the form reaches its check step, a danger message gets the safety reply,
    "carry on" shows no details, "Show my details again" shows them, and the message is sent."""
    system = live_system
    session = system.new_session()
    system.say(session, payload="/request_human")
    system.say(session, payload="/affirm")
    system.say(session, text=NAME)
    system.say(session, payload='/inform_contact_method{"contact_method": "phone"}')
    system.say(session, text=PHONE)
    system.say(session, text="after 3pm")
    system.say(session, text=WORDS)
    check = system.say(session, payload="/affirm")
    summary = check["messages"][-1]["text"]
    assert NAME in summary and PHONE in summary and WORDS in summary, check

    danger = system.say(session, text=DANGER)
    assert danger["safeguarding"] is True

    resumed = system.say(session, payload="/resume")
    assert resumed["safeguarding"] is False
    assert_no_details(everything_shown(resumed), PHONE)
    assert resumed["messages"][-1]["text"] == get_offer().dialogue["resume_handoff_check"]

    shown = system.say(session, payload=SHOW_DETAILS_PAYLOAD)
    assert shown["messages"][-1]["text"] == summary, shown  # asked for: the check step again

    sent = system.say(session, payload="/affirm")
    assert sent["enquiry_reference"], sent
