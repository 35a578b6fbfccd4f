"""Staff sign-in: argon2 password hashes, throttling with backoff, server-side sessions, CSRF
tokens.

Throttling (issue #16), by account and by address, with backoff and no hard lock:
- by account (in the database, so across workers and restarts): after MAX_FAILURES wrong
  passwords in a row each further try waits, BACKOFF doubling up to MAX_BACKOFF;
- by address (`AddressThrottle`, in memory, each worker on its own): after
  ADDRESS_MAX_FAILURES failed tries from one address (any accounts, known or not: guessing
  many accounts' passwords from one place), the same backoff up to ADDRESS_MAX_BACKOFF;
  forgotten after ADDRESS_FORGET of quiet, cleared by a sign-in from there;
- every refusal gets the same answer after the same hashing work (one argon2 verification,
  against a dummy hash when there is no account), throttled or not; the router audits each
  failure (with the wait it starts) and each throttled try.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time

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
ADDRESS_MAX_FAILURES = 10
ADDRESS_MAX_BACKOFF = dt.timedelta(minutes=5)
ADDRESS_FORGET = dt.timedelta(hours=1)
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
    tries), after the same hashing work. `user`: the account tried, for the audit log;
    `throttled`: "account" or "address" when the try came within a wait (else ""); `wait`: the
    wait this failure starts, if any."""

    def __init__(
        self,
        user: StaffUser | None = None,
        throttled: str = "",
        wait: dt.timedelta = dt.timedelta(0),
    ):
        self.user = user
        self.throttled = throttled
        self.wait = wait


def backoff(
    failures: int, after: int = MAX_FAILURES, most: dt.timedelta = MAX_BACKOFF
) -> dt.timedelta:
    """How long to wait after this many failures in a row (nothing before `after`)."""
    if failures < after:
        return dt.timedelta(0)
    return min(BACKOFF * 2 ** min(failures - after, 30), most)


class AddressThrottle:
    """Failed sign-ins by client address (`bot.core.ratelimit.address_key`), in memory."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._state: dict[str, tuple[int, float, float]] = {}  # failures, wait until, last
        self._lock = threading.Lock()

    def waiting(self, address: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            state = self._state.get(address)
            return state is not None and state[1] > now

    def failed(self, address: str, now: float | None = None) -> dt.timedelta:
        """Count a failure; returns the wait it starts (nothing before ADDRESS_MAX_FAILURES)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            failures, _, last = self._state.get(address, (0, 0.0, now))
            if now - last > ADDRESS_FORGET.total_seconds():
                failures = 0
            failures += 1
            wait = backoff(failures, ADDRESS_MAX_FAILURES, ADDRESS_MAX_BACKOFF)
            if address not in self._state and len(self._state) >= self.max_keys:
                self._forget_idle(now)
            self._state[address] = (failures, now + wait.total_seconds(), now)
            return wait

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._state.pop(address, None)

    def _forget_idle(self, now: float) -> None:
        quiet = ADDRESS_FORGET.total_seconds()
        for key in [k for k, v in self._state.items() if now - v[2] > quiet and v[1] <= now]:
            del self._state[key]
        if len(self._state) >= self.max_keys:  # still full: drop the oldest half
            for key in list(self._state)[: self.max_keys // 2]:
                del self._state[key]


# One per worker process (each worker counts on its own, as the chat's rate limits do).
ADDRESS_THROTTLE = AddressThrottle()


def authenticate(
    db: Session,
    email: str,
    password: str,
    address: str | None = None,
    addresses: AddressThrottle | None = None,
) -> StaffUser:
    """The user, or SignInRefused. `address`: the client's address key, throttled too (in
    `addresses`, by default this worker's ADDRESS_THROTTLE)."""
    addresses = addresses or ADDRESS_THROTTLE
    now = utcnow()
    address_waiting = address is not None and addresses.waiting(address)

    def refuse(user: StaffUser | None, account_wait: dt.timedelta = dt.timedelta(0)):
        if address_waiting:
            return SignInRefused(user, throttled="address")
        address_wait = addresses.failed(address) if address is not None else dt.timedelta(0)
        return SignInRefused(user, wait=max(account_wait, address_wait))

    user = db.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is None or not user.active:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        raise refuse(user)
    wait_until = as_utc(user.locked_until)
    throttled = wait_until is not None and wait_until > now
    try:
        _hasher.verify(user.password_hash, password)  # the same work, throttled or not
        right = True
    except (VerificationError, InvalidHashError):
        right = False
    if throttled:
        raise SignInRefused(user, throttled="address" if address_waiting else "account")
    if address_waiting:
        raise refuse(user)
    if not right:
        user.failed_sign_ins += 1
        wait = backoff(user.failed_sign_ins)
        user.locked_until = now + wait if wait else None
        db.flush()
        raise refuse(user, wait)
    if address is not None:
        addresses.succeeded(address)
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
