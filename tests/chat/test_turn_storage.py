"""A chat turn's storage on both databases: what it writes, and how durably.

The chat path commits its transcript writes without waiting for the disk (`relax_durability`);
every other transaction — enquiries above all — must still get full durability, even on a
pooled connection the chat path used a moment before.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from bot.chat.schemas import UserMessage
from bot.chat.service import begin_turn, create_conversation, finish_turn
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker, relax_durability
from bot.insights.models import AnalyticsEvent
from bot.settings import get_settings


def durability(db) -> str:
    if db.get_bind().dialect.name == "sqlite":
        return {0: "off", 1: "relaxed", 2: "full", 3: "full"}[
            db.execute(text("PRAGMA synchronous")).scalar()
        ]
    return {"on": "full", "off": "relaxed"}.get(
        db.execute(text("SHOW synchronous_commit")).scalar(), "other"
    )


def check_durability(factory) -> None:
    with factory() as db:
        assert durability(db) == "full"
        relax_durability(db)
        assert durability(db) == "relaxed"
        db.commit()
        # The next transaction (on SQLite: the next checkout of a pooled connection) is full.
        assert durability(db) == "full"
    for _ in range(3):  # whichever pooled connection comes back
        with factory() as db:
            assert durability(db) == "full"


def check_turn(factory) -> None:
    """One ordinary turn through the service's storage code, with Rasa's REST reply as it comes."""
    with factory() as db:
        conversation = create_conversation(db)
        db.commit()
        conversation_id = conversation.id
    with factory() as db:
        relax_durability(db)
        conversation = db.scalar(select(Conversation).where(Conversation.id == conversation_id))
        answered, _, _ = begin_turn(
            db, get_settings(), conversation, UserMessage(text="help with school for my grandson")
        )
        assert answered is None  # not a safety message: it goes on to Rasa
        replies = [
            {
                "recipient_id": conversation_id,
                "custom": {
                    "text": "Here is what can help at school.",
                    "sections": [
                        {"id": "education", "title": "Education", "url": "/offer#education"}
                    ],
                    "buttons": [{"title": "Talk to someone", "payload": "/request_handoff"}],
                    "kind": "sections",
                },
            }
        ]
        slots = {"audience": "carer", "arrangement": "sgo", "needs": ["education"]}
        reply = finish_turn(db, conversation, reply_input(), replies, slots)
        assert [m.text for m in reply.messages] == ["Here is what can help at school."]
    with factory() as db:
        stored = db.scalars(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        ).all()
        assert [(m.sender, m.text) for m in stored] == [
            ("user", "help with school for my grandson"),
            ("bot", "Here is what can help at school."),
        ]
        assert stored[1].sections == ["education"]
        assert stored[1].buttons == [{"title": "Talk to someone", "payload": "/request_handoff"}]
        saved = db.get(Conversation, conversation_id)
        assert (saved.arrangement, saved.audience, saved.needs, saved.sections_shown) == (
            "sgo",
            "carer",
            ["education"],
            ["education"],
        )
        assert saved.last_activity_at is not None
        events = sorted(
            (e.event_type, e.value)
            for e in db.scalars(
                select(AnalyticsEvent).where(AnalyticsEvent.conversation_id == conversation_id)
            )
        )
        assert events == [
            ("arrangement_known", "sgo"),
            ("audience", "carer"),
            ("conversation_started", None),
            ("need_asked", "education"),
            ("section_shown", "education"),
        ]


def reply_input() -> UserMessage:
    return UserMessage(text="help with school for my grandson")


def test_chat_writes_are_relaxed_and_nothing_else_is_on_sqlite():
    check_durability(get_sessionmaker())


def test_a_turn_is_stored_on_sqlite():
    check_turn(get_sessionmaker())


@pytest.mark.postgres
def test_chat_writes_are_relaxed_and_nothing_else_is_on_postgres(postgres_factory):
    check_durability(postgres_factory)


@pytest.mark.postgres
def test_a_turn_is_stored_on_postgres(postgres_factory):
    check_turn(postgres_factory)
