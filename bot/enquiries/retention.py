"""Retention: delete personal data once the periods in council.yml (`retention_days`) are over.

    python -m bot.enquiries.retention          # apply now (also runs hourly inside the app)

- transcripts: chat messages, and the copy of the chat kept with an enquiry, are deleted after
  `transcripts` days;
- enquiries: the carer's name, contact details, best time, own words and the navigators'
  notes are deleted after `enquiries` days; the anonymous facts (arrangement, needs, dates,
  outcome) stay, for counts;
- analytics: those anonymous rows, and conversations, are deleted after `analytics` days;
- summary links ("Save or print what I've found") of chats that have ended are deleted (they
  are refused from the moment the chat ends);
- audit: staff audit log entries are deleted after `audit` days, and then the account of
  anyone who has left (deactivated) once the log no longer names it (bot/staff/audit.py).

Rasa's tracker store keeps the same conversations (every message, and the name and phone
number in its slots): there, every event goes after `transcripts` days, and every event of a
conversation whose enquiry's personal data or which itself is deleted in a run goes with it
(bot/chat/tracker_store.py), as does every event of a chat the person cleared ("Clear this
chat") within that period, in case Rasa's store could not be cleaned at the time or a restore
brought its copy back. When Rasa's store cannot be cleaned the run fails and nothing of it is
committed; the next run tries again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import asdict, dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.chat import tracker_store
from bot.chat.summary import delete_ended_links, delete_links_of
from bot.core import clock
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.service import clear_personal_data
from bot.insights.models import AnalyticsEvent, Feedback, UnansweredQuestion
from bot.notifications.models import OutboxMail
from bot.offer.loader import get_offer
from bot.settings import get_settings
from bot.staff import audit
from bot.staff.models import AuditEntry, StaffDevice, StaffResetCode, StaffSession

log = logging.getLogger("bot.retention")


@dataclass
class RetentionReport:
    messages_deleted: int = 0
    transcripts_deleted: int = 0
    enquiries_anonymised: int = 0
    enquiries_deleted: int = 0
    conversations_deleted: int = 0
    summary_links_deleted: int = 0
    analytics_rows_deleted: int = 0
    rasa_events_deleted: int = 0
    audit_entries_deleted: int = 0
    staff_accounts_deleted: int = 0

    def __str__(self) -> str:
        return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in asdict(self).items())


def _delete(db: Session, statement) -> int:
    # No in-session evaluation: SQLite gives naive datetimes back, the cut-offs are aware.
    return db.execute(statement.execution_options(synchronize_session=False)).rowcount


def apply_retention(db: Session, now: dt.datetime | None = None) -> RetentionReport:
    """Apply the retention periods (flushed; the caller commits). Rasa's tracker store is
    cleaned last, in its own transaction; TrackerStoreError when it could not be (then the
    caller must not commit)."""
    now = now or clock.now()
    days = get_offer().council.retention_days
    transcripts_cutoff = now - dt.timedelta(days=days["transcripts"])
    enquiries_cutoff = now - dt.timedelta(days=days["enquiries"])
    analytics_cutoff = now - dt.timedelta(days=days["analytics"])
    report = RetentionReport()
    gone_from_rasa: set[str] = set()  # conversations whose every event Rasa must forget

    report.messages_deleted = _delete(
        db, delete(Message).where(Message.created_at < transcripts_cutoff)
    )

    for enquiry in db.scalars(
        select(Enquiry).where(
            Enquiry.created_at < transcripts_cutoff, Enquiry.transcript_deleted_at.is_(None)
        )
    ).all():
        enquiry.transcript = None
        enquiry.transcript_deleted_at = now
        report.transcripts_deleted += 1

    for enquiry in db.scalars(
        select(Enquiry).where(
            Enquiry.created_at < enquiries_cutoff, Enquiry.personal_data_deleted_at.is_(None)
        )
    ).all():
        clear_personal_data(db, enquiry)
        report.enquiries_anonymised += 1
        if enquiry.conversation_id:
            gone_from_rasa.add(enquiry.conversation_id)
    db.flush()

    old_enquiries = select(Enquiry.id).where(Enquiry.created_at < analytics_cutoff)
    _delete(db, delete(OutboxMail).where(OutboxMail.enquiry_id.in_(old_enquiries)))
    report.enquiries_deleted = _delete(
        db, delete(Enquiry).where(Enquiry.created_at < analytics_cutoff)
    )
    old_conversations = select(Conversation.id).where(
        Conversation.last_activity_at < analytics_cutoff
    )
    gone_from_rasa.update(db.scalars(old_conversations))
    # Summary links of ended chats (refused already) and of erased enquiries' chats.
    report.summary_links_deleted = delete_ended_links(db, get_settings(), now) + delete_links_of(
        db, gone_from_rasa
    )
    _delete(db, delete(Message).where(Message.conversation_id.in_(old_conversations)))
    report.conversations_deleted = _delete(
        db, delete(Conversation).where(Conversation.last_activity_at < analytics_cutoff)
    )

    # Analytics rows (anonymous events, redacted questions and feedback).
    for model in (AnalyticsEvent, UnansweredQuestion, Feedback):
        report.analytics_rows_deleted += _delete(
            db, delete(model).where(model.at < analytics_cutoff)
        )

    # Housekeeping: sent mails (no personal data), expired staff sessions, reset codes and
    # remembered browsers.
    _delete(db, delete(OutboxMail).where(OutboxMail.sent_at < transcripts_cutoff))
    _delete(db, delete(StaffSession).where(StaffSession.expires_at < now))
    _delete(db, delete(StaffResetCode).where(StaffResetCode.expires_at < now))
    _delete(db, delete(StaffDevice).where(StaffDevice.expires_at < now))

    # The staff audit log, then the accounts of staff who have left that it no longer names.
    report.audit_entries_deleted, report.staff_accounts_deleted = audit.purge_expired(
        db, now, days["audit"]
    )

    # Rasa's copy of the conversations, last: the transcripts period applies to its events.
    # Chats cleared on request within it go too (usually deleted already: then nothing is).
    gone_from_rasa.update(
        db.scalars(select(Conversation.id).where(Conversation.cleared_at >= transcripts_cutoff))
    )
    report.rasa_events_deleted = tracker_store.delete_events(
        gone_from_rasa, before=transcripts_cutoff
    )
    if any(asdict(report).values()):
        db.add(AuditEntry(actor="system", action="retention", detail=str(report)))
    db.flush()
    db.expire_all()
    return report


def run_once() -> RetentionReport:
    with get_sessionmaker()() as db:
        report = apply_retention(db)
        db.commit()
    return report


async def run_forever(interval_seconds: float) -> None:
    """The scheduled job the app starts in its lifespan."""
    while True:
        try:
            report = await asyncio.to_thread(run_once)
            log.info("retention applied: %s", report)
        except Exception:  # keep the job alive; the next run tries again
            log.exception("retention run failed")
        await asyncio.sleep(interval_seconds)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    try:
        report = run_once()
    except tracker_store.TrackerStoreError as exc:
        raise SystemExit(f"Retention NOT applied (nothing was changed): {exc}") from None
    print(f"Retention applied. {report}")
