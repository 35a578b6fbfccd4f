"""The production configuration, run locally: PostgreSQL for the app and for Rasa's tracker
store, a Redis lock store, the app with two workers, and two Rasa instances behind the app.
Killing one Rasa instance mid-conversation does not lose the conversation.

Needs TEST_POSTGRES_URL and TEST_REDIS_PORT (scripts/test.sh starts both servers)."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest

from scripts.live_system import LiveSystem

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

POSTGRES = os.environ.get("TEST_POSTGRES_URL")
REDIS_PORT = os.environ.get("TEST_REDIS_PORT")


def create_database(name: str) -> None:
    import psycopg

    url = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="module")
def production_system(tmp_path_factory):
    if not POSTGRES or not REDIS_PORT:
        pytest.skip("needs TEST_POSTGRES_URL and TEST_REDIS_PORT (run through `make test`)")
    from bot.db.migrate import upgrade

    suffix = uuid.uuid4().hex[:8]
    app_db, tracker_db = f"kinship_app_{suffix}", f"kinship_tracker_{suffix}"
    create_database(app_db)
    create_database(tracker_db)
    base = POSTGRES.rsplit("/", 1)[0]
    system = LiveSystem(
        tmp_path_factory.mktemp("production"),
        database_url=f"{base}/{app_db}",
        app_workers=2,
        rasa_instances=2,
        endpoints="endpoints.production.yml",
    )
    system.extra_env = {
        "RASA_TRACKER_URL": f"{base.replace('postgresql+psycopg://', 'postgresql://')}/{tracker_db}",
        "RASA_TRACKER_DB": tracker_db,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": REDIS_PORT,
        "REDIS_PASSWORD": "",  # endpoints.production.yml names it; the test Redis has none
    }
    upgrade(system.database_url)
    try:
        system.start_app()
        system.start_rasa()
        yield system
    finally:
        system.stop()


def test_two_rasa_instances_share_conversations_and_survive_one_dying(production_system):
    system = production_system
    sessions = [system.new_session() for _ in range(4)]
    for session in sessions:
        reply = system.say(session, "we don't have enough bedrooms for the kids")
        assert any(s["id"] == "housing" for m in reply["messages"] for s in m["sections"])
    # Requests went round-robin: both instances hold these conversations in the shared store.
    system.stop_rasa(index=0, kill=True)
    for session in sessions:
        reply = system.say(session, payload='/inform_arrangement{"arrangement": "sgo"}')
        assert reply["context"]["arrangement"] == "sgo"
        assert reply["context"]["needs"] == ["housing"], "what was said before is remembered"
    health = httpx.get(f"{system.app_url}/health", timeout=10)
    assert health.json()["database"] == "ok" and health.json()["rasa"] == "ok"
    system.start_rasa(index=0)
    system.stop_rasa(index=1, kill=True)
    for session in sessions:
        reply = system.say(session, "thank you")
        assert reply["context"]["arrangement"] == "sgo"


def test_erasure_deletes_the_conversation_from_the_postgresql_tracker_store(production_system):
    """A manager's "Erase personal data" reaches Rasa's PostgreSQL tracker store, where the app
    finds it from endpoints.production.yml as Rasa does."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    from tests.chat.tracker_store_helpers import all_data, rows_of
    from tests.enquiries.test_erasure_live import (
        NAME,
        PERSONAL,
        PHONE,
        conversation_of,
        erase_as_manager,
    )
    from tests.enquiries.test_handoff_live import leave_message

    system = production_system
    reference, _ = leave_message(system, name=NAME, phone=PHONE)
    conversation_id = conversation_of(system, reference)
    url = make_url(system.extra_env["RASA_TRACKER_URL"]).set(drivername="postgresql+psycopg")
    engine = create_engine(url, poolclass=NullPool)
    try:
        assert rows_of(engine, conversation_id) > 10
        assert NAME in all_data(engine)

        erase_as_manager(system, reference)

        assert rows_of(engine, conversation_id) == 0
        rows = all_data(engine)
        for personal in PERSONAL:
            assert personal not in rows, personal
    finally:
        engine.dispose()
