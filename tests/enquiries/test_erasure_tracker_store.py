"""Retention (and erasure, called directly) also delete conversations from Rasa's tracker store
(a real SQLite file shaped like Rasa's), and commit nothing when that store cannot be cleaned.
The manager's erase button: tests/staff/test_erasure_rasa.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from bot.chat.tracker_store import TrackerStoreError
from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.retention import apply_retention, run_once
from bot.enquiries.service import erase
from bot.offer.loader import get_offer
from bot.staff.models import AuditEntry
from tests.chat.tracker_store_helpers import add_conversation, app_tracker_store, broken, rows_of
from tests.enquiries.retention_cases import _enquiry
from tests.staff.conftest import add_enquiry

DAY = 24 * 3600


@pytest.fixture
def tracker(monkeypatch, tmp_path):
    yield from app_tracker_store(monkeypatch, tmp_path)


def test_retention_deletes_from_rasas_tracker_store(tracker):
    _, engine = tracker
    days = get_offer().council.retention_days
    now = utcnow()
    with get_sessionmaker()() as db:
        _, fresh = _enquiry(db, 1, now)
        _, anonymised = _enquiry(db, days["enquiries"] + 1, now)
        _, deleted = _enquiry(db, days["analytics"] + 1, now)
        db.commit()
    # Rasa's events carry the time they happened. Those of the enquiry anonymised and of the
    # conversation deleted are made recent here: they go because of their conversation.
    kept = add_conversation(engine, fresh)
    gone = add_conversation(engine, anonymised) + add_conversation(engine, deleted)
    # An old conversation Rasa still holds (the app's copy already gone): its time is over.
    gone += add_conversation(engine, "old", at=time.time() - (days["transcripts"] + 1) * DAY)
    inside = add_conversation(engine, "inside", at=time.time() - (days["transcripts"] - 1) * DAY)

    with get_sessionmaker()() as db:
        report = apply_retention(db, now)
        db.commit()

    assert report.rasa_events_deleted == gone
    for cid in (anonymised, deleted, "old"):
        assert rows_of(engine, cid) == 0, cid
    assert (rows_of(engine, fresh), rows_of(engine, "inside")) == (kept, inside)
    with get_sessionmaker()() as db:
        entry = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "retention").order_by(AuditEntry.id)
        ).all()[-1]
        assert f"rasa events deleted: {gone}" in entry.detail


def test_retention_commits_nothing_while_rasas_store_cannot_be_cleaned(tracker):
    path, _ = tracker
    broken(path)
    days = get_offer().council.retention_days
    with get_sessionmaker()() as db:
        enquiry_id, _ = _enquiry(db, days["enquiries"] + 1, utcnow())
        db.commit()

    with pytest.raises(TrackerStoreError):
        run_once()

    with get_sessionmaker()() as db:
        enquiry = db.get(Enquiry, enquiry_id)
        assert enquiry.name == "Robin" and enquiry.personal_data_deleted_at is None

    result = subprocess.run(
        [sys.executable, "-m", "bot.enquiries.retention"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "RASA_TRACKER_DB": str(path)},
    )
    assert result.returncode != 0
    assert "Retention NOT applied (nothing was changed)" in result.stderr


def test_an_enquiry_left_without_a_conversation_is_erased_without_asking_rasa(tracker):
    path, _ = tracker
    broken(path)  # never opened: the contact form's enquiries have no conversation in Rasa
    enquiry_id = add_enquiry(conversation_id=None, source="fallback")
    with get_sessionmaker()() as db:
        erase(db, db.get(Enquiry, enquiry_id))
        db.commit()
        assert db.get(Enquiry, enquiry_id).erased_on_request
