"""The audit log: who viewed and changed what. Details never hold a carer's personal data."""

from __future__ import annotations

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
