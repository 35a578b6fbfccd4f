"""Staff account administration: deactivate and reactivate an account, issue a one-time password
reset code, end every session of an account. Managers do it from the staff pages
(/navigator/staff); the command line (`python -m bot.staff.manage_user`) when no manager can
sign in.

Every action is audited: who did it, what, to which account (never a code or a password). A
manager cannot deactivate their own account, and nobody can deactivate the last active
manager's.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.staff import audit
from bot.staff.models import StaffUser
from bot.staff.security import (
    RESET_CODE_LIFETIME,
    cancel_reset_codes,
    end_all_sessions,
    issue_reset_code,
)

COMMAND_LINE = "command line"


class AccountRefused(Exception):
    """Not done, with the reason in words for the manager."""


def describe(user: StaffUser) -> str:
    return f"{user.email} (account {user.id})"


def _record(db: Session, by: StaffUser | None, action: str, detail: str) -> None:
    audit.record(db, by, action, detail=detail, actor=None if by else COMMAND_LINE)


def deactivate(db: Session, target: StaffUser, by: StaffUser | None = None) -> int:
    """The account can no longer sign in and its sessions end at once (returns how many); its
    reset codes stop working. `by`: the manager doing it (None: the command line)."""
    if by is not None and by.id == target.id:
        raise AccountRefused("You cannot deactivate your own account. Another manager can.")
    if target.is_manager:
        # Every active manager's row is locked (in one order) until the end of the transaction:
        # two managers deactivating each other at once cannot leave no manager at all.
        managers = db.scalars(
            select(StaffUser.id)
            .where(StaffUser.role == "manager", StaffUser.active.is_(True))
            .order_by(StaffUser.id)
            .with_for_update()
        ).all()
        db.refresh(target)
        if by is not None and by.id not in managers:
            raise AccountRefused("Your own account is no longer active.")
        if target.active and not [m for m in managers if m != target.id]:
            raise AccountRefused(
                "This is the last active manager's account: it cannot be deactivated. "
                "Make another manager first."
            )
    if not target.active:
        raise AccountRefused(f"{target.email} is already deactivated.")
    target.active = False
    ended = end_all_sessions(db, target)
    cancel_reset_codes(db, target)
    _record(db, by, "deactivated_staff_account", f"{describe(target)}; {ended} session(s) ended")
    db.flush()
    return ended


def reactivate(db: Session, target: StaffUser, by: StaffUser | None = None) -> None:
    if target.active:
        raise AccountRefused(f"{target.email} is already active.")
    target.active = True
    _record(db, by, "reactivated_staff_account", describe(target))
    db.flush()


def reset_password(db: Session, target: StaffUser, by: StaffUser | None = None) -> str:
    """A one-time reset code for the account, to show once and pass on. The old password and
    every session of the account stop working at once."""
    if by is not None and by.id == target.id:
        raise AccountRefused(
            "You cannot reset your own password here. Another manager can, or the system's "
            "administrators (python -m bot.staff.manage_user reset)."
        )
    if not target.active:
        raise AccountRefused(f"{target.email} is deactivated: reactivate the account first.")
    code = issue_reset_code(db, target, issued_by=by)
    _record(
        db,
        by,
        "issued_password_reset",
        f"{describe(target)}; old password and every session ended; the code works once, "
        f"for {int(RESET_CODE_LIFETIME.total_seconds() // 3600)} hours",
    )
    return code


def end_sessions(db: Session, target: StaffUser, by: StaffUser | None = None) -> int:
    """Signs the account out everywhere (e.g. a lost phone); returns how many sessions ended."""
    ended = end_all_sessions(db, target)
    if by is not None and by.id == target.id:
        audit.record(db, by, "signed_out_everywhere", detail=f"{ended} session(s) ended")
    else:
        _record(db, by, "ended_staff_sessions", f"{describe(target)}; {ended} session(s) ended")
    db.flush()
    return ended
