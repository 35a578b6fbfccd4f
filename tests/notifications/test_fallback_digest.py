"""The "leave a message" digest (issue #16): messages from the fallback form that are not urgent
get no mail each but one digest mail per FALLBACK_DIGEST_MINUTES, so a stranger cannot flood the
Navigators' mailbox with the form; urgent enquiries, safeguarding referrals and hand-offs from the
chat keep their own mail at once. Each test runs on SQLite (the unit database) and PostgreSQL
(TEST_POSTGRES_URL; skipped locally when it is not set)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import threading

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import utcnow
from bot.db.migrate import upgrade
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.notifications import service, worker
from bot.notifications.models import OutboxMail
from bot.notifications.service import queue_fallback_digest, send_pending
from bot.settings import PROJECT_ROOT
from tests.notifications.test_outbox import another_instance, settings_for

PERSONAL = ("Jo", "Bloggs", "jo.bloggs", "money")
HANG_GUARD = 30  # seconds: only stops a broken run from hanging


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def factory(request):
    if request.param == "sqlite":
        return get_sessionmaker()
    return request.getfixturevalue("postgres_factory")


def fallback(db, **overrides) -> Enquiry:
    """A message left through the form, with personal details that no mail may carry."""
    draft = EnquiryDraft(
        contact_method="email",
        contact_value="jo.bloggs@example.org",
        name="Jo Bloggs",
        carer_words="Our money has stopped",
        source="fallback",
        **overrides,
    )
    enquiry = create_enquiry(db, draft)
    db.commit()
    return enquiry


def nothing_waits(db) -> None:
    """Every mail and waiting message already in the database counts as dealt with."""
    db.execute(update(Enquiry).where(Enquiry.awaiting_digest).values(awaiting_digest=False))
    db.execute(update(OutboxMail).where(OutboxMail.sent_at.is_(None)).values(sent_at=utcnow()))
    db.commit()


def due(settings) -> dt.datetime:
    """A time when every message stored so far has waited longer than the interval."""
    return utcnow() + service.digest_interval(settings) + dt.timedelta(seconds=1)


def own_mails(db, enquiries) -> list[OutboxMail]:
    ids = [e.id for e in enquiries]
    return list(db.scalars(select(OutboxMail).where(OutboxMail.enquiry_id.in_(ids))))


def digests_naming(db, references) -> list[OutboxMail]:
    mails = db.scalars(select(OutboxMail).where(OutboxMail.kind == "fallback_digest"))
    return [m for m in mails if any(r in m.body for r in references)]


def received(smtp_server, references) -> list[email.message.EmailMessage]:
    """The mails the SMTP server took that name any of these references, decoded."""
    raws = [m for m in smtp_server.messages if any(r in m for r in references)]
    return [email.message_from_string(raw, policy=email.policy.default) for raw in raws]


def test_ten_messages_in_one_interval_make_one_digest_without_personal_details(
    factory, smtp_server
):
    settings = settings_for(smtp_server.port)
    with factory() as db:
        nothing_waits(db)
        enquiries = [fallback(db) for _ in range(10)]
        references = [e.reference for e in enquiries]
        assert own_mails(db, enquiries) == []  # no mail each: they wait
        assert all(e.awaiting_digest for e in enquiries)
        assert queue_fallback_digest(db, settings) is None  # not yet: none has waited 15 min
        assert queue_fallback_digest(db, settings, now=due(settings)) is not None
        assert send_pending(db, settings) == 1
        assert not any(db.get(Enquiry, e.id).awaiting_digest for e in enquiries)
    [mail] = received(smtp_server, references)
    assert mail["Subject"] == "10 new messages left through the leave-a-message form"
    assert mail["To"] == "navigators@example.org"
    body = mail.get_content().replace("\r\n", "\n")
    for enquiry in enquiries:
        assert f"Reference: {enquiry.reference}" in body
        assert f"https://council.example.org/navigator/enquiries/{enquiry.id}\n" in body
    assert "https://council.example.org/navigator/enquiries\n" in body  # the inbox
    raw = next(m for m in smtp_server.messages if references[0] in m)
    for personal in PERSONAL:
        assert personal not in body and personal not in raw


def test_a_second_run_in_the_same_interval_sends_nothing_more(factory, smtp_server):
    settings = settings_for(smtp_server.port)
    with factory() as db:
        nothing_waits(db)
        first = fallback(db)
        assert queue_fallback_digest(db, settings, now=due(settings)) is not None
        assert send_pending(db, settings) == 1
        assert queue_fallback_digest(db, settings, now=due(settings)) is None  # nothing waits
        assert send_pending(db, settings) == 0
        # A message left just after the digest waits for the next interval.
        later = fallback(db)
        assert queue_fallback_digest(db, settings) is None
        assert send_pending(db, settings) == 0
        second = queue_fallback_digest(db, settings, now=due(settings))
        assert later.reference in second.body and first.reference not in second.body
        assert second.subject == "1 new message left through the leave-a-message form"
        assert send_pending(db, settings) == 1
    assert len(received(smtp_server, [first.reference])) == 1
    assert len(received(smtp_server, [later.reference])) == 1


def test_an_urgent_message_from_the_form_is_mailed_at_once_on_its_own(factory, smtp_server):
    settings = settings_for(smtp_server.port)
    with factory() as db:
        nothing_waits(db)
        urgent = fallback(db, urgent=True)
        assert not urgent.awaiting_digest
        [mail] = own_mails(db, [urgent])
        assert mail.kind == "new_enquiry" and mail.urgent
        assert send_pending(db, settings) == 1  # at once: no interval to wait for
        assert queue_fallback_digest(db, settings, now=due(settings)) is None  # in no digest
    [sent] = received(smtp_server, [urgent.reference])
    assert sent["Subject"].startswith("URGENT: ")


def test_a_hand_off_from_the_chat_is_mailed_at_once(factory):
    with factory() as db:
        nothing_waits(db)
        draft = EnquiryDraft(contact_method="phone", contact_value="07700900123", name="Jo")
        enquiry = create_enquiry(db, draft)
        db.commit()
        assert enquiry.source == "chat" and not enquiry.awaiting_digest
        [mail] = own_mails(db, [enquiry])
        assert mail.kind == "new_enquiry" and mail.sent_at is None


def test_a_safeguarding_referral_keeps_its_own_mail_and_recipient(factory):
    with factory() as db:
        nothing_waits(db)
        for source in ("chat", "fallback"):
            draft = EnquiryDraft(
                contact_method="phone",
                contact_value="07700900123",
                urgent=True,
                audience="young_person",
                source=source,
            )
            referral = create_enquiry(db, draft)
            db.commit()
            assert not referral.awaiting_digest
            [mail] = own_mails(db, [referral])
            assert mail.recipient == "front.door@example.org"  # SAFEGUARDING_REFERRAL_EMAIL
            assert mail.subject.startswith("URGENT: Safeguarding referral")


def test_two_workers_at_once_make_one_digest(factory):
    """The first worker has taken the waiting messages and is about to commit its digest when
    the second one looks: the second waits for the first's locks, then finds nothing left."""
    settings = settings_for(25)  # nothing is sent here
    with factory() as db:
        nothing_waits(db)
        references = [fallback(db).reference for _ in range(3)]
    now = due(settings)
    reached_commit, go_on = threading.Event(), threading.Event()

    class HeldAtCommit(Session):
        def commit(self):
            reached_commit.set()
            go_on.wait(HANG_GUARD)
            super().commit()

    made: dict[str, str | None] = {}

    def run(name: str, session_class: type[Session]) -> None:
        sessions = sessionmaker(bind=factory.kw["bind"], class_=session_class)
        with sessions() as db:
            mail = queue_fallback_digest(db, settings, now=now)
            made[name] = mail.body if mail else None

    first = threading.Thread(target=run, args=("first", HeldAtCommit))
    first.start()
    try:
        assert reached_commit.wait(HANG_GUARD)
        second = threading.Thread(target=run, args=("second", Session))
        second.start()
        second.join(0.5)
        assert second.is_alive()  # waiting for the first worker's row locks / write lock
    finally:
        go_on.set()
    first.join(HANG_GUARD)
    second.join(HANG_GUARD)
    assert made["second"] is None
    assert all(r in made["first"] for r in references)
    with factory() as db:
        assert len(digests_naming(db, references)) == 1


def test_two_workers_in_turn_send_the_digest_once(smtp_server, monkeypatch):
    """Sending goes through the outbox's claims: a digest claimed by another live worker is
    not sent, and once sent, another worker (another instance id) sends nothing more."""
    settings = settings_for(smtp_server.port)
    with get_sessionmaker()() as db:
        nothing_waits(db)
        reference = fallback(db).reference
        digest = queue_fallback_digest(db, settings, now=due(settings))
        digest.claimed_by = another_instance(db, host="other-host", pid=4245)
        digest.claimed_until = utcnow() + dt.timedelta(minutes=1)
        db.commit()
        assert send_pending(db, settings) == 0  # the other worker is sending it
        digest.claimed_until = utcnow() - dt.timedelta(seconds=1)  # it gave up, unsent
        db.commit()
        assert send_pending(db, settings) == 1
    monkeypatch.setattr(service, "INSTANCE_ID", "second-worker")
    assert worker.send_once(settings) == 0
    assert len(received(smtp_server, [reference])) == 1


def test_the_outbox_poll_makes_the_digest_when_due_and_sends_it(smtp_server):
    settings = settings_for(smtp_server.port)
    with get_sessionmaker()() as db:
        nothing_waits(db)
        enquiry = fallback(db)
        assert worker.send_once(settings) == 0  # not due yet
        enquiry.created_at = utcnow() - service.digest_interval(settings) - dt.timedelta(seconds=1)
        db.commit()
    assert worker.send_once(settings) == 1  # made and sent in the same run
    assert worker.send_once(settings) == 0
    assert len(received(smtp_server, [enquiry.reference])) == 1


@pytest.mark.parametrize("minutes", [15.0, 0.5])
def test_the_interval_is_a_setting(minutes):
    settings = settings_for(25).model_copy(update={"fallback_digest_minutes": minutes})
    with get_sessionmaker()() as db:
        nothing_waits(db)
        enquiry = fallback(db)
        just_before = enquiry.created_at + dt.timedelta(minutes=minutes, seconds=-1)
        just_after = enquiry.created_at + dt.timedelta(minutes=minutes, seconds=1)
        assert queue_fallback_digest(db, settings, now=just_before) is None
        digest = queue_fallback_digest(db, settings, now=just_after)
        assert enquiry.reference in digest.body and f"every {minutes:g} minutes" in digest.body


def test_migration_0009_goes_down_and_up_again(factory, tmp_path):
    if factory is get_sessionmaker():
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
        upgrade(url)
    else:
        url = factory.kw["bind"].url.render_as_string(hide_password=False)

    def columns() -> set[str]:
        engine = create_engine(url)
        found = {c["name"] for c in inspect(engine).get_columns("enquiry")}
        engine.dispose()
        return found

    assert "awaiting_digest" in columns()
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    command.downgrade(config, "0008")
    assert "awaiting_digest" not in columns()
    command.upgrade(config, "head")
    assert "awaiting_digest" in columns()
