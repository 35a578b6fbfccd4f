"""Notification mails: queued in the outbox with the enquiry, sent by `send_pending`.

A mail holds only the enquiry's reference, whether it is urgent, any access need (an
interpreter and its language, BSL, a textphone: chosen from buttons, so the right person calls)
and a link to it: never a name, phone number, e-mail address or anything the carer wrote.

Which enquiry gets a mail of its own is decided here (`announce_new_enquiry`): a hand-off from
the chat and every urgent enquiry at once; a message left through "leave a message" (the
fallback form, open to anyone) that is not urgent waits for the next digest mail
(`queue_fallback_digest`), so that a stranger cannot flood the Navigators' mailbox with it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.notifications.models import OutboxInstance, OutboxMail
from bot.settings import Settings, get_settings
from bot.understanding.language import access_need_for_mail

log = logging.getLogger("bot.notifications")
HERE = Path(__file__).resolve().parent
MAX_BACKOFF_SECONDS = 3600
# The longest one send may hold a mail, even for a live instance (a hung SMTP conversation).
CLAIM_SECONDS = 120
# This process, as a sender of the outbox. A new id at every start: a restarted app never
# mistakes the claims of the process that died for its own.
INSTANCE_ID = uuid.uuid4().hex
HOST = socket.gethostname()[:255]
# Instance rows nobody has heard from for this long are removed.
FORGET_INSTANCES_AFTER = dt.timedelta(days=1)
# A mail normally goes within one poll (OUTBOX_POLL_SECONDS, 10 s). One still unsent after
# this long means mail is not going: /health says "backlog" (docs/production.md: alerts).
BACKLOG_AFTER_SECONDS = 300.0


@lru_cache(maxsize=1)
def _templates() -> Environment:
    # Plain-text mail: no HTML, so no escaping; the values are a reference, a flag and a link.
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def waits_for_digest(enquiry) -> bool:
    """A message left through "leave a message" that is not urgent: no mail of its own, it is
    named in the next digest mail. Urgent never waits (a safeguarding referral is urgent)."""
    return enquiry.source == "fallback" and not enquiry.urgent


def announce_new_enquiry(db: Session, enquiry) -> OutboxMail | None:
    """Queue the enquiry's own mail, or mark it to wait for the next digest (then None)."""
    if waits_for_digest(enquiry):
        enquiry.awaiting_digest = True
        db.flush()
        return None
    return queue_new_enquiry_mail(db, enquiry)


def queue_new_enquiry_mail(db: Session, enquiry) -> OutboxMail:
    settings = get_settings()
    link = f"{settings.base_url}/navigator/enquiries/{enquiry.id}"  # PUBLIC_BASE_URL
    values = {
        "reference": enquiry.reference,
        "urgent": enquiry.urgent,
        # A young person's request for help after a danger message (actions/referral.py).
        "referral": bool(getattr(enquiry, "safeguarding_referral", False)),
        "link": link,
        # An interpreter and its language, BSL or a textphone: so the right person calls.
        "access_needs": access_need_for_mail(getattr(enquiry, "access_needs", None)),
    }
    subject = _templates().get_template("new_enquiry_subject.txt").render(**values).strip()
    body = _templates().get_template("new_enquiry.txt").render(**values)
    # A safeguarding referral goes to children's social care, not the carers' team.
    recipient = settings.navigator_team_email
    if values["referral"] and settings.safeguarding_referral_email.strip():
        recipient = settings.safeguarding_referral_email.strip()
    mail = OutboxMail(
        kind="new_enquiry",
        recipient=recipient,
        subject=subject,
        body=body,
        enquiry_id=enquiry.id,
        urgent=bool(enquiry.urgent),
    )
    db.add(mail)
    db.flush()
    return mail


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def digest_interval(settings: Settings) -> dt.timedelta:
    return dt.timedelta(minutes=settings.fallback_digest_minutes)


def queue_fallback_digest(
    db: Session, settings: Settings | None = None, now: dt.datetime | None = None
) -> OutboxMail | None:
    """Once the oldest message waiting for a digest has waited FALLBACK_DIGEST_MINUTES, queue
    one mail naming every waiting message and commit. Returns the mail, or None (nothing due).

    Safe with several app workers: the waiting messages are taken with one conditional UPDATE
    (`awaiting_digest` true -> false) in the same transaction as the digest's outbox row. A
    second worker's UPDATE waits for the first's row locks (PostgreSQL) or write lock (SQLite)
    and then takes only what is still waiting: each message is named in exactly one digest.
    When all it took is younger than the interval (the first worker took the old ones a moment
    before), it gives them back: so digests come at most about one interval apart. The digest is
    then an ordinary outbox row, sent once by `send_pending`'s claims.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    due_before = now - digest_interval(settings)
    # A cheap look first, so that a poll with nothing due writes nothing.
    oldest = db.scalar(select(func.min(Enquiry.created_at)).where(Enquiry.awaiting_digest))
    if oldest is None or _as_utc(oldest) > due_before:
        return None
    taken = db.execute(
        update(Enquiry)
        .where(Enquiry.awaiting_digest)
        .values(awaiting_digest=False)
        .returning(Enquiry.id, Enquiry.reference, Enquiry.created_at, Enquiry.access_needs)
    ).all()
    if not taken or min(_as_utc(row.created_at) for row in taken) > due_before:
        db.rollback()  # another worker has just taken the old ones: these wait on
        return None
    taken.sort(key=lambda row: (_as_utc(row.created_at), row.reference))
    values = {
        "count": len(taken),
        "items": [
            {
                "reference": row.reference,
                "link": f"{settings.base_url}/navigator/enquiries/{row.id}",  # PUBLIC_BASE_URL
                "access_needs": access_need_for_mail(row.access_needs),
            }
            for row in taken
        ],
        "inbox_link": f"{settings.base_url}/navigator/enquiries",
        "minutes": f"{settings.fallback_digest_minutes:g}",
    }
    mail = OutboxMail(
        kind="fallback_digest",
        recipient=settings.navigator_team_email,
        subject=_templates().get_template("fallback_digest_subject.txt").render(**values).strip(),
        body=_templates().get_template("fallback_digest.txt").render(**values),
        enquiry_id=None,
        urgent=False,
    )
    db.add(mail)
    db.commit()
    log.info("fallback digest mail %s queued for %s messages", mail.id, len(taken))
    return mail


def backoff_seconds(attempts: int) -> float:
    """30 s, 1 min, 2 min ... up to an hour."""
    return float(min(30 * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


def tls_context(settings: Settings) -> ssl.SSLContext:
    """Verified TLS: the system's trusted CAs (or SMTP_CA_FILE), the server's name checked."""
    return ssl.create_default_context(cafile=settings.smtp_ca_file or None)


def _send(settings: Settings, mail: OutboxMail) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = mail.recipient or settings.navigator_team_email
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        # STARTTLS with the certificate chain and the host name checked; always before a
        # sign-in (`smtp_tls`). A server that does not offer it raises SMTPNotSupportedError:
        # the mail waits and is retried, the password is never sent in clear.
        if settings.smtp_tls:
            smtp.starttls(context=tls_context(settings))
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(message)


def stale_after(settings: Settings) -> dt.timedelta:
    """How long without a heartbeat before an instance counts as gone (three missed polls,
    and never less than 5 seconds)."""
    return dt.timedelta(seconds=max(3 * settings.outbox_poll_seconds, 5.0))


def heartbeat(db: Session, now: dt.datetime | None = None) -> None:
    """Say that this instance is alive (written by its own task, also while a send is slow)."""
    now = now or utcnow()
    renewed = db.execute(
        update(OutboxInstance).where(OutboxInstance.id == INSTANCE_ID).values(heartbeat_at=now)
    ).rowcount
    if not renewed:
        try:
            db.execute(
                insert(OutboxInstance).values(
                    id=INSTANCE_ID, host=HOST, pid=os.getpid(), started_at=now, heartbeat_at=now
                )
            )
            db.commit()
        except IntegrityError:  # the sending task registered it at the same moment
            db.rollback()
            return
        db.execute(
            delete(OutboxInstance).where(OutboxInstance.heartbeat_at < now - FORGET_INSTANCES_AFTER)
        )
    db.commit()


def _process_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def live_instances(db: Session, settings: Settings, now: dt.datetime) -> list[str]:
    """Instances whose claims still count: a recent heartbeat and, when on this host, a
    process that still runs (so a restart on the same machine takes over at once)."""
    recent = db.scalars(
        select(OutboxInstance).where(OutboxInstance.heartbeat_at >= now - stale_after(settings))
    ).all()
    return [i.id for i in recent if i.id == INSTANCE_ID or i.host != HOST or _process_runs(i.pid)]


def _claim(db: Session, mail_id: int, now: dt.datetime, live: list[str]) -> bool:
    """Take a mail for sending, so two live app workers never send the same one. A claim made
    by an instance that is no longer alive is taken over."""
    result = db.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.sent_at.is_(None),
            or_(
                OutboxMail.claimed_until.is_(None),
                OutboxMail.claimed_until < now,
                OutboxMail.claimed_by.is_(None),
                OutboxMail.claimed_by.not_in(live),
            ),
        )
        .values(claimed_by=INSTANCE_ID, claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS))
    )
    db.commit()
    return result.rowcount == 1


def send_pending(db: Session, settings: Settings | None = None, limit: int = 20) -> int:
    """Send the mails that are due. Returns how many were sent. Failures are retried later."""
    settings = settings or get_settings()
    if not settings.smtp_host or not settings.navigator_team_email:
        return 0
    now = utcnow()
    if db.get(OutboxInstance, INSTANCE_ID) is None:
        heartbeat(db, now)  # claims are made only by an instance others can see is alive
    live = live_instances(db, settings, now)
    due = db.scalars(
        select(OutboxMail.id)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.urgent.desc(), OutboxMail.id)
        .limit(limit)
    ).all()
    sent = 0
    for mail_id in due:
        if not _claim(db, mail_id, now, live):
            continue
        mail = db.get(OutboxMail, mail_id)
        try:
            _send(settings, mail)
        except (OSError, smtplib.SMTPException) as exc:
            mail.attempts += 1
            mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
            mail.next_attempt_at = utcnow() + dt.timedelta(seconds=backoff_seconds(mail.attempts))
            mail.claimed_until = None
            mail.claimed_by = None
            log.warning(
                "notification mail %s not sent (attempt %s): %s",
                mail.id,
                mail.attempts,
                type(exc).__name__,
            )
        else:
            mail.attempts += 1
            mail.sent_at = utcnow()
            mail.last_error = None
            sent += 1
        db.commit()
    return sent


@dataclass(frozen=True)
class OutboxState:
    """How the outbox stands: for /health and the metrics (no personal data: counts, an age)."""

    unsent: int
    failing: int  # unsent mails whose last attempt failed
    oldest_unsent_seconds: float | None  # None when nothing waits
    # Messages from "leave a message" waiting for their digest mail (not mails yet).
    awaiting_digest: int = 0
    oldest_awaiting_digest_seconds: float | None = None


def _age(oldest: dt.datetime | None, now: dt.datetime) -> float | None:
    return None if oldest is None else max((now - _as_utc(oldest)).total_seconds(), 0.0)


def outbox_state(db: Session, now: dt.datetime | None = None) -> OutboxState:
    now = now or utcnow()
    unsent, failing, oldest = db.execute(
        select(
            func.count(OutboxMail.id),
            func.count(OutboxMail.last_error),
            func.min(OutboxMail.created_at),
        ).where(OutboxMail.sent_at.is_(None))
    ).one()
    waiting, oldest_waiting = db.execute(
        select(func.count(Enquiry.id), func.min(Enquiry.created_at)).where(Enquiry.awaiting_digest)
    ).one()
    return OutboxState(
        unsent=unsent or 0,
        failing=failing or 0,
        oldest_unsent_seconds=_age(oldest, now),
        awaiting_digest=waiting or 0,
        oldest_awaiting_digest_seconds=_age(oldest_waiting, now),
    )


def mail_status(state: OutboxState, settings: Settings) -> str:
    """ok: nothing waits longer than BACKLOG_AFTER_SECONDS; failing: a mail's last attempt
    failed, or mails wait while SMTP_HOST or NAVIGATOR_TEAM_EMAIL is unset (they cannot go);
    backlog: a mail has waited too long without a failure yet (e.g. no app worker sending), or
    a message has waited for its digest mail that long beyond FALLBACK_DIGEST_MINUTES."""
    configured = bool(settings.smtp_host and settings.navigator_team_email)
    if state.failing or (state.unsent and not configured):
        return "failing"
    if (state.oldest_unsent_seconds or 0.0) > BACKLOG_AFTER_SECONDS:
        return "backlog"
    digest_late = digest_interval(settings).total_seconds() + BACKLOG_AFTER_SECONDS
    if (state.oldest_awaiting_digest_seconds or 0.0) > digest_late:
        return "backlog"
    return "ok"


def mail_health(settings: Settings | None = None) -> dict:
    """The `mail` field of /health: {"status", "unsent", "oldest_unsent_seconds"}; status
    "unknown" when the database cannot be read."""
    settings = settings or get_settings()
    try:
        with get_sessionmaker()() as db:
            state = outbox_state(db)
    except Exception:  # the database is down: /health says so under "database"
        return {"status": "unknown", "unsent": None, "oldest_unsent_seconds": None}
    age = state.oldest_unsent_seconds
    return {
        "status": mail_status(state, settings),
        "unsent": state.unsent,
        "oldest_unsent_seconds": None if age is None else round(age),
    }
