"""Deleting conversations from Rasa's tracker store (bot/chat/tracker_store.py): on a real
SQLite file shaped like Rasa's and on PostgreSQL; finding the store from Rasa's endpoints files
as Rasa does; what is "nothing to delete" and what is a failure."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.chat.tracker_store import TrackerStoreError, delete_events, tracker_store_url
from bot.settings import PROJECT_ROOT, Settings
from scripts.live_system import free_port
from tests.chat.tracker_store_helpers import (
    METADATA,
    NAME,
    PHONE,
    add_conversation,
    all_data,
    rows_of,
)

OTHER_NAME, OTHER_PHONE = "Kim Other", "07700 900111"
DAY = 24 * 3600


@pytest.fixture
def sqlite_store(tmp_path):
    """An SQLite file where endpoints.yml sends Rasa, and the settings that say so."""
    path = tmp_path / "rasa_tracker.db"
    settings = Settings(rasa_endpoints="endpoints.yml", rasa_tracker_db=str(path))
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    yield path, settings, engine
    engine.dispose()


def test_deletes_every_event_of_the_conversation_and_nothing_else(sqlite_store):
    path, settings, engine = sqlite_store
    count = add_conversation(engine, "carer")
    add_conversation(engine, "someone-else", name=OTHER_NAME, phone=OTHER_PHONE)
    assert PHONE.encode() in path.read_bytes()  # the check below can see it when it is there

    assert delete_events(["carer"], settings=settings) == count

    assert rows_of(engine, "carer") == 0
    assert rows_of(engine, "someone-else") == count
    # Not in any row, and not in the file's bytes either (SQLite's freed pages are zeroed).
    assert PHONE not in all_data(engine) and NAME not in all_data(engine)
    raw = path.read_bytes()
    for personal in (PHONE, NAME, PHONE.replace(" ", "")):
        assert personal.encode() not in raw, personal
    assert OTHER_PHONE.encode() in raw
    assert delete_events(["carer"], settings=settings) == 0  # again: nothing left to delete


def test_before_deletes_older_events_of_every_conversation(sqlite_store):
    _, settings, engine = sqlite_store
    now = time.time()
    old = add_conversation(engine, "old", at=now - 91 * DAY)
    add_conversation(engine, "recent", at=now - 89 * DAY)
    erased = add_conversation(engine, "erased", at=now - 1 * DAY)
    add_conversation(engine, "fresh", at=now)
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=90)

    assert delete_events(["erased"], before=cutoff, settings=settings) == old + erased

    assert (rows_of(engine, "old"), rows_of(engine, "erased")) == (0, 0)
    assert rows_of(engine, "recent") > 0 and rows_of(engine, "fresh") > 0


def test_many_conversations_at_once(sqlite_store):
    _, settings, engine = sqlite_store
    ids = [f"conversation-{n}" for n in range(1200)]  # more than one batch of bound values
    for cid in ids[:3] + ids[-3:]:
        add_conversation(engine, cid)
    assert delete_events(ids, settings=settings) == 6 * 7
    assert all(rows_of(engine, cid) == 0 for cid in ids[:3] + ids[-3:])


def test_a_tracker_store_that_is_not_there_yet_holds_nothing(sqlite_store):
    path, settings, _ = sqlite_store
    assert delete_events(["carer"], settings=settings) == 0
    assert not path.exists(), "looking must not create Rasa's database"

    create_engine(f"sqlite:///{path}").connect().close()  # a database without Rasa's table
    assert path.exists()
    assert delete_events(["carer"], settings=settings) == 0
    assert delete_events([], settings=settings) == 0  # nothing asked: nothing opened


def test_rasa_without_a_stored_tracker_store_holds_nothing(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://127.0.0.1:8000/webhook\n")
    assert delete_events(["carer"], settings=Settings(rasa_endpoints=str(endpoints))) == 0
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ':memory:'\n")
    assert delete_events(["carer"], settings=Settings(rasa_endpoints=str(endpoints))) == 0


def test_a_store_that_cannot_be_cleaned_is_reported_and_logged(sqlite_store, caplog):
    path, settings, _ = sqlite_store
    path.write_bytes(b"this is not an SQLite database " * 100)
    with caplog.at_level(logging.ERROR, logger="bot.tracker_store"):
        with pytest.raises(TrackerStoreError, match="still there"):
            delete_events(["carer"], settings=settings)
    assert "could not be cleaned" in caplog.text


@pytest.mark.parametrize(
    "endpoints, message",
    [
        ("tracker_store:\n  type: redis\n  url: localhost\n", "type 'redis'"),
        ("tracker_store:\n  type: SQL\n  db: ${NOT_SET_ANYWHERE}\n", "NOT_SET_ANYWHERE"),
        ("tracker_store: [not: a mapping", "could not be read"),
    ],
)
def test_a_store_the_app_cannot_reach_is_an_error(tmp_path, endpoints, message):
    path = tmp_path / "endpoints.yml"
    path.write_text(endpoints)
    with pytest.raises(TrackerStoreError, match=message):
        delete_events(["carer"], settings=Settings(rasa_endpoints=str(path)))


def test_a_missing_endpoints_file_is_an_error(tmp_path):
    with pytest.raises(TrackerStoreError, match="could not be read"):
        delete_events(["carer"], settings=Settings(rasa_endpoints=str(tmp_path / "missing.yml")))


def test_finds_the_store_from_rasas_endpoints_files_as_rasa_does(tmp_path):
    # endpoints.yml: the SQLite file, a relative path read from the project (where Rasa runs).
    url = tracker_store_url(Settings(rasa_tracker_db="var/rasa_tracker.db"))
    assert (url.get_backend_name(), url.database) == (
        "sqlite",
        str(PROJECT_ROOT / "var" / "rasa_tracker.db"),
    )
    # endpoints.production.yml: a complete URL in RASA_TRACKER_URL wins (read with psycopg 3).
    production = Settings(
        rasa_endpoints="endpoints.production.yml",
        rasa_tracker_url="postgresql://rasa:secret@db.internal:5432/rasa_tracker",
        rasa_tracker_db="ignored_then",
    )
    assert tracker_store_url(production) == make_url(
        "postgresql+psycopg://rasa:secret@db.internal:5432/rasa_tracker"
    )
    # ... and without it, Rasa connects to the database named in RASA_TRACKER_DB.
    production = Settings(
        rasa_endpoints="endpoints.production.yml", rasa_tracker_url="", rasa_tracker_db="rasa"
    )
    assert tracker_store_url(production) == make_url("postgresql+psycopg:///rasa")
    # Host and port in `url`, credentials and `login_db` as separate keys; ${...} from the
    # environment: events live in `db` (Rasa logs in to `login_db` only to create it).
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: db.internal:6543\n"
        "  db: rasa\n  login_db: postgres\n  username: rasa\n  password: ${TRACKER_PASSWORD}\n"
    )
    url = tracker_store_url(
        Settings(rasa_endpoints=str(endpoints)), environ={"TRACKER_PASSWORD": "s3cret"}
    )
    assert url == make_url("postgresql+psycopg://rasa:s3cret@db.internal:6543/rasa")


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture
def postgres_tracker():
    """A fresh PostgreSQL database for Rasa's events, and the settings of
    endpoints.production.yml that point at it."""
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip("TEST_POSTGRES_URL is not set (scripts/postgres.sh starts a test server)")
    name = f"kinship_tracker_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name)
    rasa_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
    settings = Settings(
        rasa_endpoints="endpoints.production.yml", rasa_tracker_url=rasa_url, rasa_tracker_db=name
    )
    engine = create_engine(url, poolclass=NullPool)
    try:
        yield settings, engine, url
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_postgres_tracker_store(postgres_tracker):
    settings, engine, _ = postgres_tracker
    assert delete_events(["carer"], settings=settings) == 0  # no table yet: nothing to delete
    METADATA.create_all(engine)
    now = time.time()
    count = add_conversation(engine, "carer")
    add_conversation(engine, "someone-else", name=OTHER_NAME, phone=OTHER_PHONE)
    old = add_conversation(engine, "old", at=now - 91 * DAY)

    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=90)
    assert delete_events(["carer"], before=cutoff, settings=settings) == count + old

    assert (rows_of(engine, "carer"), rows_of(engine, "old")) == (0, 0)
    assert rows_of(engine, "someone-else") == count
    assert PHONE not in all_data(engine) and NAME not in all_data(engine)


@pytest.mark.postgres
def test_postgres_database_not_there_yet_or_server_down(postgres_tracker):
    settings, _, url = postgres_tracker
    missing = url.set(drivername="postgresql", database=f"{url.database}_never_made")
    settings_missing = Settings(
        rasa_endpoints="endpoints.production.yml",
        rasa_tracker_url=missing.render_as_string(hide_password=False),
        rasa_tracker_db=missing.database,
    )
    assert delete_events(["carer"], settings=settings_missing) == 0

    down = url.set(drivername="postgresql", port=free_port())  # nothing listens there
    settings_down = Settings(
        rasa_endpoints="endpoints.production.yml",
        rasa_tracker_url=down.render_as_string(hide_password=False),
        rasa_tracker_db=down.database,
    )
    with pytest.raises(TrackerStoreError):
        delete_events(["carer"], settings=settings_down)
