"""Retention checks shared by the SQLite and PostgreSQL tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import utcnow
from bot.db.models import Conversation, Message
from bot.enquiries.models import Enquiry, EnquiryNote
from bot.enquiries.retention import apply_retention
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.offer.loader import get_offer


def _conversation(db: Session, days_ago: float, now: dt.datetime) -> str:
    when = now - dt.timedelta(days=days_ago)
    conversation = Conversation(created_at=when, last_activity_at=when, needs=["housing"])
    db.add(conversation)
    db.flush()
    for text in ("my number is 07700 900123", "thanks"):
        db.add(Message(conversation_id=conversation.id, sender="user", text=text, created_at=when))
    db.flush()
    return conversation.id


def _enquiry(db: Session, days_ago: float, now: dt.datetime) -> tuple[str, str]:
    conversation_id = _conversation(db, days_ago, now)
    enquiry = create_enquiry(
        db,
        EnquiryDraft(
            contact_method="phone",
            contact_value="07700900123",
            name="Robin",
            best_time="mornings",
            carer_words="help please",
            conversation_id=conversation_id,
            needs=["housing"],
            arrangement="cao",
        ),
        now=now - dt.timedelta(days=days_ago),
    )
    db.add(EnquiryNote(enquiry_id=enquiry.id, text="called Robin"))
    db.flush()
    return enquiry.id, conversation_id


def check_retention(factory: sessionmaker) -> None:
    days = get_offer().council.retention_days
    assert days["transcripts"] < days["enquiries"] < days["analytics"]
    now = utcnow()
    with factory() as db:
        fresh = _enquiry(db, 1, now)
        past_transcripts = _enquiry(db, days["transcripts"] + 1, now)
        past_enquiries = _enquiry(db, days["enquiries"] + 1, now)
        past_analytics = _enquiry(db, days["analytics"] + 1, now)
        just_inside = _enquiry(db, days["transcripts"] - 1, now)
        db.commit()

        report = apply_retention(db, now)
        db.commit()
        assert report.enquiries_deleted >= 1 and report.enquiries_anonymised >= 1

    with factory() as db:

        def messages(conversation_id):
            return db.scalars(
                select(Message).where(Message.conversation_id == conversation_id)
            ).all()

        for kept in (fresh, just_inside):
            enquiry = db.get(Enquiry, kept[0])
            assert enquiry.transcript and enquiry.name == "Robin" and enquiry.notes
            assert len(messages(kept[1])) == 2

        enquiry = db.get(Enquiry, past_transcripts[0])
        assert enquiry.transcript is None and enquiry.transcript_deleted_at is not None
        assert messages(past_transcripts[1]) == []
        assert enquiry.name == "Robin" and enquiry.contact_value == "07700900123"  # still needed
        assert enquiry.notes and enquiry.personal_data_deleted_at is None

        enquiry = db.get(Enquiry, past_enquiries[0])
        assert (
            enquiry.name,
            enquiry.contact_value,
            enquiry.best_time,
            enquiry.carer_words,
            enquiry.transcript,
        ) == (None, None, None, None, None)
        assert enquiry.notes == [] and enquiry.personal_data_deleted_at is not None
        # The anonymous facts stay, for counts.
        assert (enquiry.arrangement, enquiry.needs, enquiry.contact_method) == (
            "cao",
            ["housing"],
            "phone",
        )
        assert db.get(Conversation, past_enquiries[1]) is not None

        assert db.get(Enquiry, past_analytics[0]) is None
        assert db.get(Conversation, past_analytics[1]) is None
        assert messages(past_analytics[1]) == []

        # Running again changes nothing.
        again = apply_retention(db, now)
        assert (again.enquiries_anonymised, again.enquiries_deleted, again.transcripts_deleted) == (
            0,
            0,
            0,
        )
