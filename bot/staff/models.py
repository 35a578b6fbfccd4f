"""Staff accounts, their sessions, the browsers they signed in on, and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, utcnow

ROLES = ("navigator", "manager")


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="navigator")
    active: Mapped[bool] = mapped_column(default=True)
    # Failed sign-ins at this account from anywhere, each address counting only its first few
    # (bot/staff/security.py): the measure of guessing from many addresses. Forgotten after
    # ACCOUNT_FORGET without one; `locked_until`: the end of the short wait it starts.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_sign_in_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


class StaffSession(Base):
    """A signed-in session. `id` is the SHA-256 of the random token in the cookie, so a copy
    of the database does not give working sessions."""

    __tablename__ = "staff_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[StaffUser] = relationship(lazy="joined")


class StaffDevice(Base):
    """A browser that signed in to this account (OWASP's "device cookie"): its sign-in tries are
    let through the account's wait for guessing from many addresses (bot/staff/security.py).
    `token_hash` is the SHA-256 of the random token in the browser's cookie. `failed_sign_ins`:
    wrong passwords in a row from it; at DEVICE_MAX_FAILURES the row is deleted."""

    __tablename__ = "staff_device"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StaffResetCode(Base):
    """A one-time password reset code a manager (or the command line) issued. Only the SHA-256
    of the code is kept; it works once, until `expires_at`, and only for `user_id`."""

    __tablename__ = "staff_reset_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[StaffUser] = relationship(foreign_keys=[user_id], lazy="joined")


class AuditEntry(Base):
    """Who viewed or changed what. Never holds a carer's personal data."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    actor: Mapped[str] = mapped_column(String(320))  # staff e-mail, or "system"
    action: Mapped[str] = mapped_column(String(64))
    enquiry_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    reference: Mapped[str | None] = mapped_column(String(16), nullable=True)
    detail: Mapped[str] = mapped_column(String(500), default="")
