"""The manager's "Erase personal data" also deletes the conversation from Rasa's tracker store
(a real SQLite file shaped like Rasa's); while that store cannot be cleaned, nothing is erased
and the manager is told so."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import Message
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.staff.models import AuditEntry
from tests.chat.tracker_store_helpers import (
    NAME,
    PHONE,
    add_conversation,
    app_tracker_store,
    broken,
    rows_of,
)
from tests.enquiries.helpers import stored_conversation
from tests.staff.conftest import add_enquiry, csrf_from


@pytest.fixture
def tracker(monkeypatch, tmp_path):
    yield from app_tracker_store(monkeypatch, tmp_path)


def test_manager_erase_deletes_the_conversation_from_rasas_tracker_store(manager, tracker):
    path, engine = tracker
    cid = stored_conversation(("user", f"my phone is {PHONE}"))
    count = add_conversation(engine, cid)
    add_conversation(engine, "someone-else", name="Kim Other", phone="07700 900111")
    enquiry_id = add_enquiry(conversation_id=cid, name=NAME)
    url = f"/navigator/enquiries/{enquiry_id}"
    token = csrf_from(manager.get(url).text)

    response = manager.post(f"{url}/erase", data={"csrf_token": token, "confirm": "yes"})

    assert response.status_code == 200 and "erased on request" in response.text
    assert count and rows_of(engine, cid) == 0
    assert rows_of(engine, "someone-else") == count
    raw = path.read_bytes()
    assert PHONE.encode() not in raw and NAME.encode() not in raw


def test_manager_erase_erases_nothing_while_rasas_store_cannot_be_cleaned(manager, tracker):
    path, engine = tracker
    broken(path)
    cid = stored_conversation(("user", f"my phone is {PHONE}"))
    enquiry_id = add_enquiry(conversation_id=cid, name=NAME)
    url = f"/navigator/enquiries/{enquiry_id}"
    token = csrf_from(manager.get(url).text)

    response = manager.post(f"{url}/erase", data={"csrf_token": token, "confirm": "yes"})

    assert response.status_code == 503
    assert "Nothing was erased" in response.text and "erased on request" not in response.text
    assert 'action="/navigator/enquiries/' in response.text  # the form is there to try again
    with get_sessionmaker()() as db:
        enquiry = db.get(Enquiry, enquiry_id)
        assert not enquiry.erased_on_request and enquiry.personal_data_deleted_at is None
        assert enquiry.name == NAME
        assert db.scalars(select(Message).where(Message.conversation_id == cid)).all()
        actions = db.scalars(
            select(AuditEntry.action).where(AuditEntry.enquiry_id == enquiry_id)
        ).all()
        assert "erasure_failed" in actions and "erased_on_request" not in actions

    # Once Rasa's store answers again, the same button erases everything.
    path.unlink()
    add_conversation(engine, cid)
    response = manager.post(f"{url}/erase", data={"csrf_token": token, "confirm": "yes"})
    assert response.status_code == 200 and "erased on request" in response.text
    assert rows_of(engine, cid) == 0
