"""A chat with nothing said in it for CHAT_SESSION_IDLE_HOURS (default 2) has ended: its next
message gets a 410 with a plain "start a new one", and nothing is stored (issue 16)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from bot.core import clock
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.settings import get_settings

LAST_SAID = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
# "Carry on" is answered by the app itself, so these tests need no Rasa.
CARRY_ON = {"payload": "/resume"}


def quiet_since(client, when: dt.datetime) -> str:
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    with get_sessionmaker()() as db:
        db.execute(
            update(Conversation)
            .where(Conversation.session_key == session_id)
            .values(last_activity_at=when)
        )
        db.commit()
    return session_id


def messages_in(session_id: str) -> int:
    with get_sessionmaker()() as db:
        return db.scalar(
            select(func.count())
            .select_from(Message)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Conversation.session_key == session_id)
        )


def say(client, session_id, body):
    return client.post(f"/api/chat/sessions/{session_id}/messages", json=body)


def test_the_default_is_two_hours():
    assert get_settings().chat_session_idle_hours == 2


def test_a_chat_quiet_for_just_under_the_limit_carries_on(client):
    session_id = quiet_since(client, LAST_SAID)
    hours = get_settings().chat_session_idle_hours
    with clock.fixed(LAST_SAID + dt.timedelta(hours=hours) - dt.timedelta(minutes=1)):
        response = say(client, session_id, CARRY_ON)
    assert response.status_code == 200, response.text
    assert messages_in(session_id) >= 2


def test_a_chat_quiet_for_longer_has_ended(client):
    session_id = quiet_since(client, LAST_SAID)
    hours = get_settings().chat_session_idle_hours
    with clock.fixed(LAST_SAID + dt.timedelta(hours=hours) + dt.timedelta(minutes=1)):
        response = say(client, session_id, CARRY_ON)
        typed = say(client, session_id, {"text": "hello again"})
    assert response.status_code == 410, response.text
    assert typed.status_code == 410
    detail = response.json()["detail"]
    assert "This chat has ended" in detail and "start a new one" in detail
    assert "2 hours" in detail
    assert messages_in(session_id) == 0, "nothing is stored in an ended chat"
    # A new chat works at once.
    with clock.fixed(LAST_SAID + dt.timedelta(hours=hours) + dt.timedelta(minutes=1)):
        fresh = client.post("/api/chat/sessions").json()["session_id"]
        assert say(client, fresh, CARRY_ON).status_code == 200


def test_each_message_keeps_the_chat_open(client):
    """The limit counts from the last message, not from the start of the chat."""
    hours = get_settings().chat_session_idle_hours
    now = dt.datetime.now(dt.UTC)
    session_id = quiet_since(client, now - dt.timedelta(hours=hours) + dt.timedelta(minutes=5))
    assert say(client, session_id, CARRY_ON).status_code == 200  # records the activity
    with clock.fixed(now + dt.timedelta(hours=hours) - dt.timedelta(minutes=1)):
        assert say(client, session_id, CARRY_ON).status_code == 200
    with clock.fixed(now + dt.timedelta(hours=hours, minutes=10)):
        assert say(client, session_id, CARRY_ON).status_code == 410


def test_the_limit_in_words():
    from bot.chat.service import hours_text

    assert hours_text(2) == "2 hours"
    assert hours_text(1) == "1 hour"
    assert hours_text(1.5) == "1.5 hours"
    assert hours_text(0.5) == "30 minutes"
