"""Whether notification mails are going: the outbox state, the `mail` field of /health and the
outbox metrics (so an alert fires when the Navigators are not being told of enquiries), messages
waiting for the "leave a message" digest mail included."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.notifications.models import OutboxMail
from bot.notifications.service import (
    BACKLOG_AFTER_SECONDS,
    OutboxState,
    mail_health,
    mail_status,
    outbox_state,
)
from bot.settings import get_settings

CONFIGURED = {"smtp_host": "127.0.0.1", "navigator_team_email": "navigators@example.org"}


def _nothing_waits() -> None:
    with get_sessionmaker()() as db:
        for mail in db.scalars(select(OutboxMail).where(OutboxMail.sent_at.is_(None))):
            mail.sent_at = utcnow()
        db.execute(update(Enquiry).where(Enquiry.awaiting_digest).values(awaiting_digest=False))
        db.commit()


@pytest.fixture
def empty_outbox():
    """Every mail already in the shared test database counts as sent, and no message from "leave
    a message" waits for its digest mail (other tests leave some), for this test."""
    _nothing_waits()
    yield
    _nothing_waits()


def add_waiting_message(age_seconds: float) -> None:
    """A message left through "leave a message" that waits for its digest mail."""
    with get_sessionmaker()() as db:
        draft = EnquiryDraft(contact_method="phone", contact_value="07700900123", source="fallback")
        create_enquiry(db, draft, now=utcnow() - dt.timedelta(seconds=age_seconds))
        db.commit()


def add_mail(age_seconds: float, last_error: str | None = None) -> None:
    with get_sessionmaker()() as db:
        db.add(
            OutboxMail(
                kind="new_enquiry",
                recipient="navigators@example.org",
                subject="New enquiry",
                body="A reference and a link",
                created_at=utcnow() - dt.timedelta(seconds=age_seconds),
                attempts=1 if last_error else 0,
                last_error=last_error,
            )
        )
        db.commit()


def settings(**values):
    return get_settings().model_copy(update={**CONFIGURED, **values})


def test_an_empty_outbox_is_ok(empty_outbox):
    with get_sessionmaker()() as db:
        state = outbox_state(db)
    assert state == OutboxState(unsent=0, failing=0, oldest_unsent_seconds=None)
    assert mail_health(settings()) == {
        "status": "ok",
        "unsent": 0,
        "oldest_unsent_seconds": None,
    }


def test_a_fresh_mail_is_ok_and_an_old_one_is_a_backlog(empty_outbox):
    add_mail(age_seconds=5)
    health = mail_health(settings())
    assert health["status"] == "ok" and health["unsent"] == 1
    assert 0 <= health["oldest_unsent_seconds"] < BACKLOG_AFTER_SECONDS
    add_mail(age_seconds=BACKLOG_AFTER_SECONDS + 60)
    health = mail_health(settings())
    assert health["status"] == "backlog" and health["unsent"] == 2
    assert health["oldest_unsent_seconds"] >= BACKLOG_AFTER_SECONDS + 60


def test_a_failed_attempt_is_failing_at_once(empty_outbox):
    add_mail(age_seconds=1, last_error="ConnectionRefusedError: [Errno 111]")
    assert mail_health(settings())["status"] == "failing"


def test_mail_waiting_without_a_mail_server_is_failing(empty_outbox):
    assert mail_health(settings(smtp_host=""))["status"] == "ok"  # nothing waits
    add_mail(age_seconds=1)
    assert mail_health(settings(smtp_host=""))["status"] == "failing"
    assert mail_health(settings(navigator_team_email=""))["status"] == "failing"


def test_status_rules():
    ok = settings()
    assert mail_status(OutboxState(0, 0, None), ok) == "ok"
    assert mail_status(OutboxState(3, 0, BACKLOG_AFTER_SECONDS - 1), ok) == "ok"
    assert mail_status(OutboxState(3, 0, BACKLOG_AFTER_SECONDS + 1), ok) == "backlog"
    assert mail_status(OutboxState(3, 1, 1.0), ok) == "failing"
    # A message from "leave a message" waits for its digest mail up to FALLBACK_DIGEST_MINUTES.
    digest_due = ok.fallback_digest_minutes * 60
    assert mail_status(OutboxState(0, 0, None, 1, digest_due + 60), ok) == "ok"
    late = digest_due + BACKLOG_AFTER_SECONDS + 1
    assert mail_status(OutboxState(0, 0, None, 1, late), ok) == "backlog"


def test_a_message_waiting_too_long_for_its_digest_is_a_backlog(empty_outbox):
    add_waiting_message(age_seconds=60)
    with get_sessionmaker()() as db:
        state = outbox_state(db)
    assert state.unsent == 0 and state.awaiting_digest == 1
    assert 60 <= state.oldest_awaiting_digest_seconds < 120
    assert mail_health(settings())["status"] == "ok"  # waiting is what it should do
    add_waiting_message(age_seconds=settings().fallback_digest_minutes * 60 + 400)
    health = mail_health(settings())
    assert health["status"] == "backlog" and health["unsent"] == 0  # no worker makes digests


def test_health_has_the_mail_field_and_mail_never_makes_it_503(client, empty_outbox):
    add_mail(age_seconds=1, last_error="SMTPServerDisconnected")
    body = client.get("/health").json()
    assert body["mail"]["status"] == "failing"
    assert body["mail"]["unsent"] == 1
    # Rasa is "down" in these tests: the 503 is Rasa's, and the database is still ok.
    assert body["database"] == "ok" and body["rasa"] == "down"


def test_metrics_show_the_outbox(client, empty_outbox):
    from tests.observability.test_metrics import samples, value

    add_mail(age_seconds=BACKLOG_AFTER_SECONDS + 30, last_error="TimeoutError")
    add_mail(age_seconds=2)
    all_samples = samples(client)
    assert value(all_samples, "kinship_outbox_unsent") == 2
    assert value(all_samples, "kinship_outbox_failing") == 1
    assert value(all_samples, "kinship_outbox_oldest_unsent_age_seconds") >= (
        BACKLOG_AFTER_SECONDS + 30
    )
    assert "kinship_mail_configured" in client.get("/metrics").text


def test_metrics_show_messages_waiting_for_their_digest(client, empty_outbox):
    from tests.observability.test_metrics import samples, value

    add_waiting_message(age_seconds=90)
    all_samples = samples(client)
    assert value(all_samples, "kinship_outbox_awaiting_digest") == 1
    assert value(all_samples, "kinship_outbox_oldest_awaiting_digest_age_seconds") >= 90
    assert value(all_samples, "kinship_outbox_unsent") == 0
