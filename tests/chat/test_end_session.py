"""Ending a chat on request ("Clear this chat" in the widget): the chat is refused from then on,
as one that ended after a quiet while (410); what was said is deleted at once, from the app's
database and from Rasa's tracker store."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.settings import get_settings
from tests.chat.tracker_store_helpers import add_conversation, rows_of

CARRY_ON = {"payload": "/resume"}  # answered by the app itself: no Rasa needed


def messages_in(session_id: str) -> int:
    with get_sessionmaker()() as db:
        return db.scalar(
            select(func.count())
            .select_from(Message)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Conversation.session_key == session_id)
        )


def test_an_ended_chat_is_refused(client):
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    assert (
        client.post(f"/api/chat/sessions/{session_id}/messages", json=CARRY_ON).status_code == 200
    )
    assert messages_in(session_id) > 0
    # What Rasa keeps of it (its tracker store, as the app's settings find it), and of another.
    with get_sessionmaker()() as db:
        conversation_id = db.scalar(
            select(Conversation.id).where(Conversation.session_key == session_id)
        )
    engine = create_engine(f"sqlite:///{get_settings().rasa_tracker_db}", poolclass=NullPool)
    add_conversation(engine, conversation_id)
    add_conversation(engine, "someone-else")

    response = client.post(f"/api/chat/sessions/{session_id}/end")
    assert response.status_code == 204, response.text
    assert response.headers["cache-control"] == "no-store"
    assert messages_in(session_id) == 0  # cleared, here and in Rasa
    assert rows_of(engine, conversation_id) == 0
    assert rows_of(engine, "someone-else") > 0
    engine.dispose()

    refused = client.post(f"/api/chat/sessions/{session_id}/messages", json=CARRY_ON)
    assert refused.status_code == 410
    assert "start a new one" in refused.json()["detail"]
    assert messages_in(session_id) == 0  # nothing more is kept
    with get_sessionmaker()() as db:  # when it was cleared, for a restore to clear it again
        assert db.get(Conversation, conversation_id).cleared_at is not None


def test_rasas_copy_of_a_cleared_chat_goes_with_the_next_retention_run(client):
    """When Rasa's copy could not be deleted as the chat was cleared, or a restore brought it
    back, the retention run deletes it (within the transcripts period; after it, every event
    goes anyway)."""
    from bot.enquiries.retention import apply_retention

    session_id = client.post("/api/chat/sessions").json()["session_id"]
    assert client.post(f"/api/chat/sessions/{session_id}/end").status_code == 204
    with get_sessionmaker()() as db:
        conversation_id = db.scalar(
            select(Conversation.id).where(Conversation.session_key == session_id)
        )
    engine = create_engine(f"sqlite:///{get_settings().rasa_tracker_db}", poolclass=NullPool)
    add_conversation(engine, conversation_id)  # still there, or back
    add_conversation(engine, "someone-else")
    left = rows_of(engine, conversation_id)
    with get_sessionmaker()() as db:
        report = apply_retention(db)
        db.commit()
    assert report.rasa_events_deleted >= left > 0
    assert rows_of(engine, conversation_id) == 0
    assert rows_of(engine, "someone-else") > 0
    engine.dispose()


def test_ending_twice_is_not_an_error(client):
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    assert client.post(f"/api/chat/sessions/{session_id}/end").status_code == 204
    assert client.post(f"/api/chat/sessions/{session_id}/end").status_code == 204


def test_ending_an_unknown_chat_is_a_404(client):
    response = client.post("/api/chat/sessions/not-a-session/end")
    assert response.status_code == 404
    assert response.json()["detail"]
    too_long = client.post(f"/api/chat/sessions/{'x' * 200}/end")
    assert too_long.status_code == 404


def test_another_chat_carries_on(client):
    ended = client.post("/api/chat/sessions").json()["session_id"]
    other = client.post("/api/chat/sessions").json()["session_id"]
    client.post(f"/api/chat/sessions/{ended}/end")
    assert client.post(f"/api/chat/sessions/{other}/messages", json=CARRY_ON).status_code == 200


def test_migration_0008_goes_down_and_up_again_on_sqlite(tmp_path):
    """conversation.cleared_at (on PostgreSQL: tests/integration/test_backup_restore.py runs
    the migrations there)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from bot.db.migrate import upgrade
    from bot.settings import PROJECT_ROOT

    url = f"sqlite:///{tmp_path / 'migrations.db'}"

    def has_cleared_at() -> bool:
        engine = create_engine(url, poolclass=NullPool)
        try:
            return "cleared_at" in {c["name"] for c in inspect(engine).get_columns("conversation")}
        finally:
            engine.dispose()

    upgrade(url)
    assert has_cleared_at()
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    command.downgrade(config, "0007")
    assert not has_cleared_at()
    upgrade(url)
    assert has_cleared_at()
