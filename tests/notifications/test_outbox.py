"""Notification mails: queued with the enquiry, sent over real SMTP, retried with backoff."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.notifications.models import OutboxMail
from bot.notifications.service import backoff_seconds, send_pending
from bot.settings import get_settings


def settings_for(port: int):
    return get_settings().model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "navigator_team_email": "navigators@example.org",
            "public_base_url": "https://council.example.org",
        }
    )


def new_enquiry(db, **overrides):
    draft = EnquiryDraft(
        contact_method="email",
        contact_value="jo.bloggs@example.org",
        name="Jo Bloggs",
        carer_words="Our money has stopped",
        **overrides,
    )
    enquiry = create_enquiry(db, draft)
    db.commit()
    return enquiry


def pending_ids(db) -> list[int]:
    return db.scalars(select(OutboxMail.id).where(OutboxMail.sent_at.is_(None))).all()


def clear_outbox(db):
    for mail in db.scalars(select(OutboxMail)):
        mail.sent_at = utcnow()
    db.commit()


def test_mail_reaches_the_smtp_server_without_personal_details(smtp_server):
    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db, urgent=True)
        sent = send_pending(db, settings_for(smtp_server.port))
    assert sent == 1
    raw = next(m for m in smtp_server.messages if enquiry.reference in m)
    assert "URGENT" in raw
    # The link uses the settings at the time the mail was queued (the app's PUBLIC_BASE_URL).
    assert f"/navigator/enquiries/{enquiry.id}" in raw
    for personal in ("Jo", "Bloggs", "jo.bloggs", "money"):
        assert personal not in raw


def test_failed_sending_is_kept_and_retried_with_backoff(smtp_server):
    from tests.conftest import free_port

    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db)
        assert send_pending(db, settings_for(free_port())) == 0  # nothing listens there
        mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
        assert mail.attempts == 1 and mail.sent_at is None and mail.last_error
        db.refresh(mail)
        # Not due again yet: the backoff holds it back even when the server is back.
        assert send_pending(db, settings_for(smtp_server.port)) == 0
        mail.next_attempt_at = utcnow() - dt.timedelta(seconds=1)
        db.commit()
        assert send_pending(db, settings_for(smtp_server.port)) == 1
        db.refresh(mail)
        assert mail.sent_at is not None and mail.attempts == 2
    assert any(enquiry.reference in m for m in smtp_server.messages)


def test_without_smtp_settings_mails_wait():
    with get_sessionmaker()() as db:
        enquiry = new_enquiry(db)
        assert send_pending(db, get_settings().model_copy(update={"smtp_host": ""})) == 0
        assert db.scalar(select(OutboxMail.id).where(OutboxMail.enquiry_id == enquiry.id)) in (
            pending_ids(db)
        )


def test_backoff_grows_and_is_capped():
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff_seconds(50) == 3600


def test_a_mail_claimed_by_another_worker_is_not_sent_twice(smtp_server):
    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db)
        mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
        mail.claimed_until = utcnow() + dt.timedelta(minutes=1)
        db.commit()
        assert send_pending(db, settings_for(smtp_server.port)) == 0
