"""Enquiries: creating them (one transaction with their notification mail, or their place in
the next digest mail), the navigators' work on them, and erasure. Services flush; the caller
(request or action) commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.chat import tracker_store
from bot.chat.summary import delete_links_of
from bot.core.errors import AppError
from bot.core.hours import is_out_of_hours
from bot.db.base import utcnow
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.enquiries.models import OUTCOMES, STATUSES, Enquiry, EnquiryNote
from bot.enquiries.timing import expected_contact_by, new_reference
from bot.notifications.service import announce_new_enquiry
from bot.offer.loader import get_offer

MAX_CARER_WORDS = 2000


@dataclass
class EnquiryDraft:
    """What the hand-off collected, before it is stored."""

    contact_method: str
    contact_value: str
    name: str | None = None
    best_time: str | None = None
    carer_words: str | None = None
    urgent: bool = False
    access_needs: str | None = None  # "interpreter: Polish", "British Sign Language", "textphone"
    conversation_id: str | None = None
    source: str = "chat"
    arrangement: str = "unknown"
    audience: str = "carer"
    needs: list[str] = field(default_factory=list)
    sections_shown: list[str] = field(default_factory=list)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def transcript_of(db: Session, conversation_id: str) -> list[dict]:
    messages = db.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
    )
    return [
        {
            "sender": m.sender,
            "text": m.text,
            "payload": m.payload,
            "at": as_utc(m.created_at).isoformat(),
        }
        for m in messages
    ]


def _unique_reference(db: Session) -> str:
    for _ in range(20):
        reference = new_reference()
        if db.scalar(select(Enquiry.id).where(Enquiry.reference == reference)) is None:
            return reference
    raise RuntimeError("could not find a free enquiry reference")


def create_enquiry(db: Session, draft: EnquiryDraft, now: dt.datetime | None = None) -> Enquiry:
    """Store an enquiry, its transcript and its notification mail, or its wait for the next
    digest mail (flushed, not committed)."""
    now = now or utcnow()
    conversation_id = draft.conversation_id
    transcript = None
    if conversation_id is not None:
        if db.get(Conversation, conversation_id) is None:
            conversation_id = None
        else:
            transcript = transcript_of(db, conversation_id)
    enquiry = Enquiry(
        reference=_unique_reference(db),
        conversation_id=conversation_id,
        source=draft.source,
        created_at=now,
        arrangement=draft.arrangement or "unknown",
        audience=draft.audience or "carer",
        needs=list(draft.needs),
        sections_shown=list(draft.sections_shown),
        out_of_hours=is_out_of_hours(now),
        urgent=draft.urgent,
        contact_method=draft.contact_method,
        contact_value=draft.contact_value,
        name=(draft.name or "").strip()[:200] or None,
        best_time=(draft.best_time or "").strip()[:500] or None,
        carer_words=(draft.carer_words or "").strip()[:MAX_CARER_WORDS] or None,
        access_needs=(draft.access_needs or "").strip()[:200] or None,
        transcript=transcript,
        consent_version=get_offer().council.consent_version,
        consent_at=now,
        expected_contact_by=expected_contact_by(now),
        status="new",
    )
    db.add(enquiry)
    db.flush()
    announce_new_enquiry(db, enquiry)
    return enquiry


def submit_enquiry(draft: EnquiryDraft) -> Enquiry:
    """Create and commit an enquiry in its own transaction (used by the dialogue actions)."""
    for attempt in range(3):
        with get_sessionmaker()() as db:
            try:
                enquiry = create_enquiry(db, draft)
                db.commit()
                return enquiry
            except IntegrityError:  # a reference taken at the same moment: try another
                db.rollback()
                if attempt == 2:
                    raise
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- the inbox


def list_enquiries(
    db: Session,
    *,
    status: str | None = None,
    urgent: bool | None = None,
    out_of_hours: bool | None = None,
    search: str | None = None,
    limit: int = 200,
) -> list[Enquiry]:
    query = select(Enquiry)
    if status in STATUSES:
        query = query.where(Enquiry.status == status)
    if urgent is not None:
        query = query.where(Enquiry.urgent.is_(urgent))
    if out_of_hours is not None:
        query = query.where(Enquiry.out_of_hours.is_(out_of_hours))
    if search:
        term = f"%{search.strip().lower()[:100]}%"
        query = query.where(
            or_(
                func.lower(Enquiry.reference).like(term),
                func.lower(Enquiry.name).like(term),
                func.lower(Enquiry.contact_value).like(term),
                func.lower(Enquiry.carer_words).like(term),
            )
        )
    # Urgent first, then whoever has waited longest.
    query = query.order_by(Enquiry.urgent.desc(), Enquiry.created_at.asc()).limit(limit)
    return list(db.scalars(query).unique())


def get_enquiry(db: Session, enquiry_id: str) -> Enquiry:
    enquiry = db.get(Enquiry, enquiry_id) if len(enquiry_id) <= 32 else None
    if enquiry is None:
        raise AppError(404, "There is no enquiry with this id.")
    return enquiry


def assign(enquiry: Enquiry, user_id: int) -> None:
    enquiry.assigned_to_id = user_id
    if enquiry.status == "new":
        enquiry.status = "in_progress"
    enquiry.first_contact_at = enquiry.first_contact_at or utcnow()  # for time to first contact


def add_note(db: Session, enquiry: Enquiry, author_id: int, text: str) -> EnquiryNote:
    text = text.strip()
    if not text:
        raise AppError(422, "Please write a note before saving it.")
    if len(text) > 5000:
        raise AppError(422, "Please keep a note under 5000 characters.")
    note = EnquiryNote(enquiry_id=enquiry.id, author_id=author_id, text=text)
    enquiry.first_contact_at = enquiry.first_contact_at or utcnow()  # for time to first contact
    db.add(note)
    db.flush()
    return note


def set_status(enquiry: Enquiry, status: str, outcome: str | None = None) -> None:
    if status not in STATUSES:
        raise AppError(422, "That is not a status an enquiry can have.")
    if status == "closed":
        if outcome not in OUTCOMES:
            raise AppError(422, "Please choose an outcome before closing the enquiry.")
        enquiry.outcome = outcome
        enquiry.closed_at = utcnow()
    else:
        enquiry.outcome = None
        enquiry.closed_at = None
    if status != "new" and enquiry.first_contact_at is None:
        enquiry.first_contact_at = utcnow()
    enquiry.status = status


def clear_personal_data(db: Session, enquiry: Enquiry) -> None:
    """Remove everything that identifies the carer; keep the anonymous facts."""
    enquiry.name = None
    enquiry.contact_value = None
    enquiry.best_time = None
    enquiry.carer_words = None
    enquiry.access_needs = None
    enquiry.transcript = None
    now = utcnow()
    enquiry.transcript_deleted_at = enquiry.transcript_deleted_at or now
    enquiry.personal_data_deleted_at = now
    for note in list(enquiry.notes):
        db.delete(note)


def erase(db: Session, enquiry: Enquiry) -> None:
    """Erasure on request: the enquiry's personal data and its chat messages, in the app's
    database and in Rasa's tracker store.

    Rasa's copy goes last, after the app's changes are flushed: when it cannot be deleted,
    TrackerStoreError is raised and the caller rolls back, so that nothing is marked erased.
    """
    clear_personal_data(db, enquiry)
    enquiry.erased_on_request = True
    if enquiry.conversation_id:
        # Its chat's summary links ("Save or print what I've found") stop working.
        delete_links_of(db, [enquiry.conversation_id])
        from bot.insights.models import Feedback, UnansweredQuestion

        for message in db.scalars(
            select(Message).where(Message.conversation_id == enquiry.conversation_id)
        ):
            db.delete(message)
        # The redacted questions and feedback comments of that conversation go too: they are
        # the person's own words, even redacted. Anonymous counts (analytics_event) stay.
        for model in (UnansweredQuestion, Feedback):
            for row in db.scalars(
                select(model).where(model.conversation_id == enquiry.conversation_id)
            ):
                db.delete(row)
    db.flush()
    if enquiry.conversation_id:
        tracker_store.delete_events([enquiry.conversation_id])
