"""End to end through the real app and the real Rasa server: after a hand-off that gave a name
and a phone number, a manager's "Erase personal data" leaves nothing of the conversation in
Rasa's tracker store: no row, and no trace anywhere in the bytes of its SQLite file. (The same
on PostgreSQL: tests/integration/test_production_config.py.)"""

from __future__ import annotations

import secrets

import httpx
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from bot.enquiries.models import Enquiry
from bot.staff.security import create_user
from tests.chat.tracker_store_helpers import all_data, rows_of
from tests.enquiries.test_handoff_live import leave_message, live_db
from tests.staff.conftest import csrf_from

pytestmark = pytest.mark.integration

# Used by no other test, so that finding them anywhere in Rasa's store means this conversation.
NAME = "Robin Rasatest"
PHONE = "07700 900481"
PERSONAL = (NAME, "Rasatest", PHONE, PHONE.replace(" ", ""), "900481")
PASSWORD = "a long enough manager password"


def sign_in_as_manager(system) -> httpx.Client:
    """A new manager account in the live app's database, signed in through the sign-in page."""
    email = f"erasure-{secrets.token_hex(4)}@council.example.org"
    with live_db(system)() as db:
        create_user(db, email, PASSWORD, "manager")
        db.commit()
    client = httpx.Client(base_url=system.app_url, timeout=30)
    page = client.get("/navigator/sign-in")
    response = client.post(
        "/navigator/sign-in",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf_from(page.text)},
    )
    assert response.status_code == 303, response.text
    return client


def erase_as_manager(system, reference: str) -> None:
    """Press "Erase personal data" on the enquiry's page, as a manager of the live app."""
    with live_db(system)() as db:
        enquiry_id = db.scalar(select(Enquiry.id).where(Enquiry.reference == reference))
    client = sign_in_as_manager(system)
    try:
        url = f"/navigator/enquiries/{enquiry_id}"
        token = csrf_from(client.get(url).text)
        response = client.post(f"{url}/erase", data={"csrf_token": token, "confirm": "yes"})
        assert response.status_code == 303, response.text
        assert "erased on request" in client.get(url).text
    finally:
        client.close()


def conversation_of(system, reference: str) -> str:
    with live_db(system)() as db:
        return db.scalar(select(Enquiry.conversation_id).where(Enquiry.reference == reference))


def test_erasure_leaves_nothing_of_the_conversation_in_rasas_tracker_store(live_system):
    reference, _ = leave_message(live_system, name=NAME, phone=PHONE)
    conversation_id = conversation_of(live_system, reference)
    store = live_system.workdir / "rasa_tracker.db"  # RASA_TRACKER_DB of both processes
    engine = create_engine(f"sqlite:///{store}", poolclass=NullPool)
    try:
        # Before: Rasa holds the whole hand-off, the name and the number included.
        assert rows_of(engine, conversation_id) > 10
        before = store.read_bytes()
        assert NAME.encode() in before and b"900481" in before

        erase_as_manager(live_system, reference)

        assert rows_of(engine, conversation_id) == 0
        rows = all_data(engine)
        for personal in PERSONAL:
            assert personal not in rows, personal
        files = sorted(store.parent.glob(f"{store.name}*"))  # with any -journal or -wal file
        assert files
        for file in files:
            raw = file.read_bytes()
            for personal in PERSONAL:
                assert personal.encode() not in raw, (file.name, personal)
    finally:
        engine.dispose()

    # Rasa itself keeps no copy in memory: asked for the conversation, it knows nothing of it.
    tracker = httpx.get(
        f"{live_system.rasa_url}/conversations/{conversation_id}/tracker",
        params={"token": live_system.rasa_token},
        timeout=30,
    )
    assert tracker.status_code == 200
    for personal in PERSONAL:
        assert personal not in tracker.text, personal
