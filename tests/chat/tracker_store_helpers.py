"""A database shaped like Rasa 3.6's SQL tracker store (rasa/core/tracker_store.py,
SQLTrackerStore.SQLEvent: one table `events`, indexed by `sender_id`), filled with the events a
hand-off leaves there: the person's messages and the slots with their name and phone number."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import (
    Column,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.pool import NullPool

METADATA = MetaData()
EVENTS = Table(
    "events",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
Index("ix_events_sender_id", EVENTS.c.sender_id)

NAME = "Robin Tracker"
PHONE = "07700 900456"


def add_conversation(
    engine: Engine, sender_id: str, at: float | None = None, name: str = NAME, phone: str = PHONE
) -> int:
    """A hand-off as Rasa stores it (the events' `data` is their JSON); returns the row count."""
    at = time.time() if at is None else at
    events = [
        ("action", None, "action_session_start", {"event": "action", "name": "action_listen"}),
        ("user", "request_human", None, {"event": "user", "text": "/request_human"}),
        ("user", "inform", None, {"event": "user", "text": name}),
        ("slot", None, None, {"event": "slot", "name": "carer_name", "value": name}),
        ("user", "inform", None, {"event": "user", "text": phone}),
        ("slot", None, None, {"event": "slot", "name": "contact_value", "value": phone}),
        ("bot", None, None, {"event": "bot", "text": f"{name}, we will call you on {phone}."}),
    ]
    METADATA.create_all(engine)
    with engine.begin() as connection:
        for offset, (kind, intent, action, data) in enumerate(events):
            connection.execute(
                EVENTS.insert().values(
                    sender_id=sender_id,
                    type_name=kind,
                    timestamp=at + offset / 1000,
                    intent_name=intent,
                    action_name=action,
                    data=json.dumps({**data, "timestamp": at + offset / 1000}),
                )
            )
    return len(events)


def rows_of(engine: Engine, sender_id: str) -> int:
    with engine.connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(EVENTS).where(EVENTS.c.sender_id == sender_id)
        )


def all_data(engine: Engine) -> str:
    """Every stored event, as text."""
    with engine.connect() as connection:
        return "\n".join(str(row) for row in connection.execute(select(EVENTS)))


def app_tracker_store(monkeypatch, tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    """For a fixture: the app's settings point at an SQLite tracker store of this test (as
    endpoints.yml does for Rasa); yields its path and an engine on it."""
    from bot.settings import get_settings

    path = tmp_path / "rasa_tracker.db"
    monkeypatch.setenv("RASA_ENDPOINTS", "endpoints.yml")
    monkeypatch.setenv("RASA_TRACKER_DB", str(path))
    get_settings.cache_clear()
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        yield path, engine
    finally:
        engine.dispose()
        monkeypatch.undo()
        get_settings.cache_clear()


def broken(path: Path) -> None:
    """Makes Rasa's store one that cannot be read (not a database)."""
    path.write_bytes(b"this is not an SQLite database " * 100)
