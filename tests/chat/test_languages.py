"""A message in another language, through the chat API with Rasa "down": answered in the app
(bot/chat/languages.py), first in that language, then in English, with the interpreter button;
danger words in those languages reach the safety reply."""

from __future__ import annotations

import json

from sqlalchemy import insert

from bot.db.base import utcnow
from bot.db.models import Message
from bot.db.session import get_sessionmaker
from bot.understanding.language import language_content


def new_session(client) -> str:
    return client.post("/api/chat/sessions").json()["session_id"]


def say(client, session_id, **body):
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_polish_message_is_answered_in_polish_then_english_with_the_interpreter_button(client):
    polish = language_content().by_code("pl")
    body = say(client, new_session(client), text="Czy ktoś mówi po polsku? Potrzebuję pomocy.")
    assert body["safeguarding"] is False
    first, second = body["messages"]
    assert first["text"] == polish.reply
    assert second["text"] == language_content().english_reply
    payloads = [b["payload"] for b in second["buttons"]]
    button = next(p for p in payloads if p.startswith("/request_human"))
    assert json.loads(button.removeprefix("/request_human")) == {
        "access_needs": "interpreter: Polish"
    }
    assert polish.button in second["buttons"][0]["title"]


def test_a_polish_cry_for_help_gets_the_safety_reply(client):
    body = say(client, new_session(client), text="Pomocy! On ją bije")
    assert body["safeguarding"] is True
    assert "999" in body["messages"][0]["text"]


def test_an_english_request_for_an_interpreter_gets_the_button(client):
    body = say(client, new_session(client), text="I need interpreter polish please")
    payloads = [b["payload"] for m in body["messages"] for b in m["buttons"]]
    assert '/request_human{"access_needs": "interpreter: Polish"}' in payloads


def test_a_name_typed_in_the_hand_off_is_not_taken_for_another_language(client):
    """Answers to hand-off questions go to Rasa (here: down, so 503), never the language reply."""
    session_id = new_session(client)
    from bot.chat.service import find_conversation

    with get_sessionmaker()() as db:
        conversation = find_conversation(db, session_id)
        db.execute(
            insert(Message.__table__),
            [
                {
                    "conversation_id": conversation.id,
                    "sender": "bot",
                    "text": "What would you like us to call you?",
                    "kind": "handoff_question",
                    "sections": [],
                    "buttons": [],
                    "created_at": utcnow(),
                }
            ],
        )
        db.commit()
    response = client.post(
        f"/api/chat/sessions/{session_id}/messages", json={"text": "Agnieszka Wiśniewska"}
    )
    assert response.status_code == 503  # it went to Rasa
