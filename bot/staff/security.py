"""Staff sign-in: argon2 password hashes, throttling with backoff, server-side sessions, CSRF
tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.base import utcnow
from bot.enquiries.service import as_utc
from bot.staff.models import ROLES, StaffSession, StaffUser

# After MAX_FAILURES wrong passwords in a row, each further try must wait: BACKOFF doubling with
# every failure, at most MAX_BACKOFF. No hard lock: a stranger guessing can slow a Navigator's
# sign-in by a minute at most, never shut them out for a quarter of an hour (five tries once did).
MAX_FAILURES = 5
BACKOFF = dt.timedelta(seconds=5)
MAX_BACKOFF = dt.timedelta(minutes=1)
IDLE_TIMEOUT = dt.timedelta(hours=2)
MIN_PASSWORD_LENGTH = 12
COOKIE_NAME = "kinship_staff"
SIGN_IN_CSRF_COOKIE = "kinship_signin_csrf"

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(db: Session, email: str, password: str, role: str) -> StaffUser:
    email = email.strip().lower()
    if role not in ROLES:
        raise ValueError(f"role must be one of: {', '.join(ROLES)}")
    if "@" not in email:
        raise ValueError("that does not look like an e-mail address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if db.scalar(select(StaffUser).where(StaffUser.email == email)) is not None:
        raise ValueError("there is already an account with that e-mail address")
    user = StaffUser(email=email, password_hash=hash_password(password), role=role)
    db.add(user)
    db.flush()
    return user


class SignInRefused(Exception):
    """Refused: the same answer whatever the reason (unknown account, wrong password, too many
    tries), after the same hashing work. `user`: the account tried, for the audit log."""

    def __init__(self, user: StaffUser | None = None, throttled: bool = False):
        self.user = user
        self.throttled = throttled


def backoff(failures: int) -> dt.timedelta:
    """How long to wait after this many failures in a row (nothing before MAX_FAILURES)."""
    if failures < MAX_FAILURES:
        return dt.timedelta(0)
    return min(BACKOFF * 2 ** (failures - MAX_FAILURES), MAX_BACKOFF)


def authenticate(db: Session, email: str, password: str) -> StaffUser:
    """The user, or SignInRefused."""
    now = utcnow()
    user = db.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is None or not user.active:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        raise SignInRefused(user)
    wait_until = as_utc(user.locked_until)
    throttled = wait_until is not None and wait_until > now
    try:
        _hasher.verify(user.password_hash, password)  # the same work, throttled or not
        right = True
    except (VerificationError, InvalidHashError):
        right = False
    if throttled:
        raise SignInRefused(user, throttled=True)
    if not right:
        user.failed_sign_ins += 1
        wait = backoff(user.failed_sign_ins)
        user.locked_until = now + wait if wait else None
        db.flush()
        raise SignInRefused(user)
    user.failed_sign_ins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.flush()
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    db: Session, user: StaffUser, hours: float, old_token: str | None = None
) -> tuple[str, StaffSession]:
    """A new session with a new random id (never the one the browser came with)."""
    if old_token:
        db.execute(delete(StaffSession).where(StaffSession.id == _digest(old_token)))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session = StaffSession(
        id=_digest(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    db.add(session)
    db.flush()
    return token, session


def find_session(db: Session, token: str | None) -> StaffSession | None:
    if not token or len(token) > 100:
        return None
    session = db.get(StaffSession, _digest(token))
    if session is None:
        return None
    now = utcnow()
    if (
        as_utc(session.expires_at) <= now
        or as_utc(session.last_seen_at) + IDLE_TIMEOUT <= now
        or not session.user.active
    ):
        db.delete(session)
        db.commit()
        return None
    if now - as_utc(session.last_seen_at) > dt.timedelta(minutes=1):
        session.last_seen_at = now
        db.commit()
    return session


def end_session(db: Session, token: str | None) -> None:
    if token:
        db.execute(delete(StaffSession).where(StaffSession.id == _digest(token)))


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def count_users(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(StaffUser)) or 0
