"""The audit log: who viewed and changed what. Details never hold a carer's personal data.

The log is kept for `retention_days["audit"]` (council.yml); `purge_expired`, called by the
retention run (bot/enquiries/retention.py), deletes older entries, and then the accounts of
staff who have left once the log no longer names them.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.staff.models import AuditEntry, StaffUser


def record(
    db: Session,
    user: StaffUser | None,
    action: str,
    enquiry=None,
    detail: str = "",
    actor: str | None = None,
) -> None:
    """`actor`: who acted when it is not a signed-in user (default "system")."""
    db.add(
        AuditEntry(
            user_id=user.id if user else None,
            actor=user.email if user else (actor or "system"),
            action=action,
            enquiry_id=enquiry.id if enquiry is not None else None,
            reference=enquiry.reference if enquiry is not None else None,
            detail=detail[:500],
        )
    )


class Purged(NamedTuple):
    audit_entries: int
    staff_accounts: int


def purge_expired(db: Session, now: dt.datetime, days: int) -> Purged:
    """Delete audit entries older than `days`, then every deactivated account older than that
    which no entry left names: none by it, and none about it (a manager's entry such as
    "deactivated_staff_account" gives its e-mail in `detail`). So an account goes `days` after
    the last thing the log says about it, deactivation included; an active account never goes.
    Its sessions and reset codes go with it, and enquiries and notes keep no link to it (the
    foreign keys). Flushed; the caller commits."""
    cutoff = now - dt.timedelta(days=days)
    # No in-session evaluation: SQLite gives naive datetimes back, the cut-off is aware.
    entries = db.execute(
        delete(AuditEntry)
        .where(AuditEntry.at < cutoff)
        .execution_options(synchronize_session=False)
    ).rowcount

    left = db.execute(
        select(StaffUser.id, StaffUser.email).where(
            StaffUser.active.is_(False), StaffUser.created_at < cutoff
        )
    ).all()
    gone = [
        user_id
        for user_id, email in left
        if db.scalar(
            select(AuditEntry.id)
            .where(
                or_(
                    AuditEntry.user_id == user_id,
                    AuditEntry.actor == email,
                    AuditEntry.detail.contains(email, autoescape=True),
                )
            )
            .limit(1)
        )
        is None
    ]
    accounts = 0
    if gone:
        accounts = db.execute(
            delete(StaffUser)
            .where(StaffUser.id.in_(gone), StaffUser.active.is_(False))
            .execution_options(synchronize_session=False)
        ).rowcount
    db.flush()
    return Purged(entries, accounts)
