"""Retention of the staff audit log (`retention_days["audit"]`) and of the accounts of staff who
have left: an account goes once it is deactivated and nothing left in the log names it."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.retention import apply_retention
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.offer.loader import get_offer
from bot.staff import accounts, audit
from bot.staff.models import AuditEntry, StaffUser
from bot.staff.security import create_user, start_session
from tests.staff.conftest import PASSWORD


def _user(db: Session, created: dt.datetime, role: str = "navigator") -> StaffUser:
    user = create_user(db, f"left-{secrets.token_hex(4)}@council.example.org", PASSWORD, role)
    user.created_at = created
    db.flush()
    return user


def _age_entries_naming(
    db: Session, user: StaffUser, when: dt.datetime, action: str | None = None
) -> None:
    """Move every entry by or about `user` (of `action`, if given) back to `when`."""
    naming = (AuditEntry.actor == user.email) | AuditEntry.detail.contains(user.email)
    if action is not None:
        naming &= AuditEntry.action == action
    db.execute(update(AuditEntry).where(naming).values(at=when))


def check_audit_retention(factory: sessionmaker) -> None:
    days = get_offer().council.retention_days["audit"]
    now = utcnow()
    long_ago, lately = now - dt.timedelta(days=days + 30), now - dt.timedelta(days=days - 1)
    with factory() as db:
        old_entry = AuditEntry(at=now - dt.timedelta(days=days + 1), actor="system", action="x")
        recent_entry = AuditEntry(at=lately, actor="system", action="x")
        db.add_all([old_entry, recent_entry])

        # Left long ago: everything the log says by or about the account is past the period.
        gone = _user(db, long_ago)
        audit.record(db, gone, "signed_in")
        start_session(db, gone, hours=1)
        enquiry = create_enquiry(
            db, EnquiryDraft(contact_method="phone", contact_value="07700900123")
        )
        enquiry.assigned_to_id = gone.id
        accounts.deactivate(db, gone)  # ends its sessions; the entry names its e-mail
        _age_entries_naming(db, gone, long_ago)

        # Its own entries are old, but a manager deactivated it lately: kept until that goes.
        deactivated_lately = _user(db, long_ago)
        audit.record(db, deactivated_lately, "signed_in")
        _age_entries_naming(db, deactivated_lately, long_ago)
        accounts.deactivate(db, deactivated_lately)
        _age_entries_naming(db, deactivated_lately, lately, "deactivated_staff_account")

        # Active accounts never go, however old and quiet.
        active = _user(db, long_ago, role="manager")
        audit.record(db, active, "signed_in")
        _age_entries_naming(db, active, long_ago)
        db.commit()
        ids = {
            "gone": gone.id,
            "deactivated_lately": deactivated_lately.id,
            "active": active.id,
            "old_entry": old_entry.id,
            "recent_entry": recent_entry.id,
            "enquiry": enquiry.id,
        }
        gone_email = gone.email

        report = apply_retention(db, now)
        db.commit()
        assert report.audit_entries_deleted >= 5  # the old entry and the four moved back
        assert report.staff_accounts_deleted >= 1

    with factory() as db:
        assert db.get(AuditEntry, ids["old_entry"]) is None
        assert db.get(AuditEntry, ids["recent_entry"]) is not None
        assert db.get(StaffUser, ids["gone"]) is None
        assert db.get(StaffUser, ids["deactivated_lately"]) is not None
        assert db.get(StaffUser, ids["active"]) is not None
        # The e-mail address is nowhere left; the enquiry stays, unassigned.
        assert not db.scalars(
            select(AuditEntry).where(
                (AuditEntry.actor == gone_email) | AuditEntry.detail.contains(gone_email)
            )
        ).all()
        assert db.get(Enquiry, ids["enquiry"]).assigned_to_id is None
        # The run says what it did, by counts only.
        entry = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "retention").order_by(AuditEntry.id)
        ).all()[-1]
        assert f"staff accounts deleted: {report.staff_accounts_deleted}" in entry.detail
        assert f"audit entries deleted: {report.audit_entries_deleted}" in entry.detail

        # Once the manager's entry is past the period too, the account goes.
        _age_entries_naming(db, db.get(StaffUser, ids["deactivated_lately"]), long_ago)
        db.commit()
        again = apply_retention(db, now)
        db.commit()
        assert db.get(StaffUser, ids["deactivated_lately"]) is None
        assert db.get(StaffUser, ids["active"]) is not None
        assert again.staff_accounts_deleted >= 1


def test_audit_log_and_accounts_of_staff_who_left_on_sqlite():
    check_audit_retention(get_sessionmaker())


def test_a_deactivated_account_the_log_never_names_goes_only_once_it_is_old():
    days = get_offer().council.retention_days["audit"]
    now = utcnow()
    with get_sessionmaker()() as db:
        new = _user(db, now - dt.timedelta(days=1))
        old = _user(db, now - dt.timedelta(days=days + 1))
        for user in (new, old):
            user.active = False
        db.commit()
        new_id, old_id = new.id, old.id
        assert audit.purge_expired(db, now, days).staff_accounts >= 1
        db.commit()
    with get_sessionmaker()() as db:
        assert db.get(StaffUser, new_id) is not None
        assert db.get(StaffUser, old_id) is None


@pytest.mark.postgres
def test_audit_log_and_accounts_of_staff_who_left_on_postgres(postgres_factory):
    check_audit_retention(postgres_factory)
