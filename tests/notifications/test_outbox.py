"""Notification mails: queued with the enquiry, sent over real SMTP, retried with backoff."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.notifications import service
from bot.notifications.models import OutboxInstance, OutboxMail
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


def another_instance(db, *, host: str, pid: int, heartbeat_age: float = 0.0) -> str:
    instance_id = f"other{pid}{host}"[:32]
    now = utcnow()
    db.merge(
        OutboxInstance(
            id=instance_id,
            host=host,
            pid=pid,
            started_at=now,
            heartbeat_at=now - dt.timedelta(seconds=heartbeat_age),
        )
    )
    db.commit()
    return instance_id


def claim_for(db, enquiry, instance_id: str) -> OutboxMail:
    mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
    mail.claimed_by = instance_id
    mail.claimed_until = utcnow() + dt.timedelta(minutes=1)
    db.commit()
    return mail


def test_a_mail_claimed_by_another_live_worker_is_not_sent_twice(smtp_server):
    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db)
        # A worker on another machine, heard from just now.
        claim_for(db, enquiry, another_instance(db, host="other-host", pid=4242))
        assert send_pending(db, settings_for(smtp_server.port)) == 0


def test_a_claim_of_a_process_that_died_on_this_host_is_taken_over_at_once(smtp_server):
    import subprocess
    import sys

    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)  # that process has exited: its pid runs nothing now
    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db, urgent=True)
        # Its heartbeat is fresh (it died a moment ago), but its process is gone.
        claim_for(db, enquiry, another_instance(db, host=service.HOST, pid=dead_pid))
        assert send_pending(db, settings_for(smtp_server.port)) == 1
        mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
        assert mail.sent_at is not None and mail.claimed_by == service.INSTANCE_ID
    assert any(enquiry.reference in m for m in smtp_server.messages)


def test_a_claim_of_a_worker_elsewhere_that_went_silent_is_taken_over(smtp_server):
    settings = settings_for(smtp_server.port)
    silent_for = service.stale_after(settings).total_seconds() + 1
    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db)
        other = another_instance(db, host="other-host", pid=4243, heartbeat_age=silent_for)
        claim_for(db, enquiry, other)
        assert send_pending(db, settings) == 1


def test_urgent_mails_are_sent_first(smtp_server):
    with get_sessionmaker()() as db:
        clear_outbox(db)
        ordinary = new_enquiry(db)
        urgent = new_enquiry(db, urgent=True)
        assert send_pending(db, settings_for(smtp_server.port), limit=1) == 1
        sent = db.scalars(
            select(OutboxMail.enquiry_id).where(
                OutboxMail.sent_at.is_not(None), OutboxMail.enquiry_id.in_([ordinary.id, urgent.id])
            )
        )
        assert list(sent) == [urgent.id]


def test_the_heartbeat_registers_this_instance_and_renews_it():
    with get_sessionmaker()() as db:
        service.heartbeat(db)
        first = db.get(OutboxInstance, service.INSTANCE_ID).heartbeat_at
        later = utcnow() + dt.timedelta(seconds=5)
        service.heartbeat(db, later)
        db.expire_all()
        renewed = db.get(OutboxInstance, service.INSTANCE_ID)
        assert renewed.heartbeat_at > first
        assert renewed.pid and renewed.host == service.HOST
