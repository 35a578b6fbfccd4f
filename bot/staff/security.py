"""Staff sign-in: argon2 password hashes, throttling with backoff, remembered browsers (device
cookies), server-side sessions, CSRF tokens, one-time password reset codes.

Throttling (issue #16). A stranger's wrong passwords slow down the stranger, never the
Navigator whose account they try:
- by account AND address (`PAIR_THROTTLE`): after PAIR_MAX_FAILURES wrong passwords for one
  account from one address, each further try at that account FROM THAT ADDRESS waits, BACKOFF
  doubling up to PAIR_MAX_BACKOFF. Nobody else waits.
- by address (`ADDRESS_THROTTLE`): after ADDRESS_MAX_FAILURES failed tries from one address
  (any accounts, known or not: guessing many accounts' passwords from one place), the same
  backoff up to ADDRESS_MAX_BACKOFF.
  These two count where the chat's rate limits do (`FailureThrottle`): in each worker's memory
  by default, shared by every worker and host in Redis with RATE_LIMIT_STORE=redis (each
  worker in its own memory again while Redis cannot be used).
- by account, from many addresses (in the database, across workers and restarts): each address
  counts for at most its first PAIR_MAX_FAILURES failures at an account (the ones before its
  own wait), so only guessing from many addresses reaches ACCOUNT_MAX_FAILURES; from then on
  each counted failure starts a short wait for everyone, BACKOFF doubling up to
  ACCOUNT_MAX_BACKOFF (seconds, never a lock). Forgotten after ACCOUNT_FORGET without one.
- a browser that signed in to the account before (a device cookie, OWASP's answer to this:
  `StaffDevice`) is let through that account-wide wait, so guessing from many addresses cannot
  keep the Navigator out on their own browser; never through the other two waits nor the
  password check. Its wrong passwords count against it instead of the account; after
  DEVICE_MAX_FAILURES in a row it is forgotten (its cookie then counts as none). Each sign-in
  gives the browser a new token (the one it came with ends), valid STAFF_DEVICE_COOKIE_DAYS;
  whatever ends every session of the account forgets its browsers too.
- every refusal gets the same answer after the same hashing work (one argon2 verification,
  against a dummy hash when there is no account or it is deactivated), throttled or not; a try
  within a wait is not counted again. The address and pair states are forgotten after
  ADDRESS_FORGET of quiet; a sign-in clears its address's and its (account, address)'s. The
  router audits each failure (with the waits it starts) and each throttled try.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from typing import Literal, NamedTuple

import redis
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.core.ratelimit import KEY_PREFIX, SharedCounts
from bot.db.base import utcnow
from bot.enquiries.service import as_utc
from bot.settings import get_settings
from bot.staff.models import ROLES, StaffDevice, StaffResetCode, StaffSession, StaffUser

BACKOFF = dt.timedelta(seconds=5)
# One account from one address: what a stranger's wrong passwords slow down (only them).
PAIR_MAX_FAILURES = 5
PAIR_MAX_BACKOFF = dt.timedelta(minutes=5)
# One address, any accounts.
ADDRESS_MAX_FAILURES = 10
ADDRESS_MAX_BACKOFF = dt.timedelta(minutes=5)
ADDRESS_FORGET = dt.timedelta(hours=1)
# One account from many addresses (at least ACCOUNT_MAX_FAILURES / PAIR_MAX_FAILURES of them):
# everyone's tries at that account wait, at most ACCOUNT_MAX_BACKOFF at a time.
ACCOUNT_MAX_FAILURES = 50
ACCOUNT_MAX_BACKOFF = dt.timedelta(seconds=30)
ACCOUNT_FORGET = dt.timedelta(hours=1)
# A browser that signed in before: let through that wait until this many wrong passwords in a
# row from it (as many as one address may count at the account).
DEVICE_MAX_FAILURES = PAIR_MAX_FAILURES
DEVICE_COOKIE = "kinship_staff_device"
IDLE_TIMEOUT = dt.timedelta(hours=2)
MIN_PASSWORD_LENGTH = 12
COOKIE_NAME = "kinship_staff"
SIGN_IN_CSRF_COOKIE = "kinship_signin_csrf"
# Password reset codes: 16 letters and digits that cannot be mistaken for each other (80 bits),
# read out or sent to the person by the manager; only their SHA-256 is kept.
RESET_CODE_LIFETIME = dt.timedelta(hours=24)
RESET_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RESET_CODE_LENGTH = 16

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: str) -> None:
    """The rules for every new password (ValueError, in words for the person, if not kept)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")


def create_user(db: Session, email: str, password: str, role: str) -> StaffUser:
    email = email.strip().lower()
    if role not in ROLES:
        raise ValueError(f"role must be one of: {', '.join(ROLES)}")
    if "@" not in email:
        raise ValueError("that does not look like an e-mail address")
    check_new_password(password)
    if db.scalar(select(StaffUser).where(StaffUser.email == email)) is not None:
        raise ValueError("there is already an account with that e-mail address")
    user = StaffUser(email=email, password_hash=hash_password(password), role=role)
    db.add(user)
    db.flush()
    return user


def find_user(db: Session, email: str) -> StaffUser | None:
    return db.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))


class SignInRefused(Exception):
    """Refused: the same answer whatever the reason (unknown or deactivated account, wrong
    password, too many tries), after the same hashing work. `user`: the account tried, for the
    audit log; `throttled`: "address", "pair" (this account from this address) or "account"
    (this account from many addresses) when the try came within that wait (else ""); `waits`:
    the waits this failure starts, by the same names. `remembered`: the try came from a browser
    that signed in to this account before; `device_failures`: the wrong passwords in a row from
    it so far, counted there instead of at the account (at DEVICE_MAX_FAILURES it is
    forgotten)."""

    def __init__(
        self,
        user: StaffUser | None = None,
        throttled: str = "",
        waits: dict[str, dt.timedelta] | None = None,
        remembered: bool = False,
        device_failures: int = 0,
    ):
        self.user = user
        self.throttled = throttled
        self.waits = {k: v for k, v in (waits or {}).items() if v}
        self.remembered = remembered
        self.device_failures = device_failures

    @property
    def wait(self) -> dt.timedelta:
        return max(self.waits.values(), default=dt.timedelta(0))


def backoff(failures: int, after: int, most: dt.timedelta) -> dt.timedelta:
    """How long to wait after this many failures (nothing before `after`): BACKOFF, doubling
    with each further failure, at most `most`."""
    if failures < after:
        return dt.timedelta(0)
    return min(BACKOFF * 2 ** min(failures - after, 30), most)


# One failed try at one key of a sign-in throttle, atomically (two workers failing at once both
# count): as `FailureThrottle` in memory. The state is a hash of three numbers (milliseconds):
# the failures in a row, the time the wait this one starts ends, and the time of this failure;
# the key is kept for `forget` + `most` after it. The time is Redis's own clock (one for every
# worker and host), or ARGV[5] when given (the tests).
# KEYS[1]: the key; ARGV: after, BACKOFF in ms, most in ms, forget in ms, now in ms or "".
# Returns {failures in a row, the wait this failure starts in ms}.
_FAILURE = """
local after = tonumber(ARGV[1])
local backoff = tonumber(ARGV[2])
local most = tonumber(ARGV[3])
local forget = tonumber(ARGV[4])
local now = tonumber(ARGV[5])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'failures', 'last')
local failures = tonumber(state[1]) or 0
local last = tonumber(state[2]) or now
if now - last > forget then
  failures = 0
end
failures = failures + 1
local wait = 0
if failures >= after then
  wait = math.min(backoff * 2 ^ math.min(failures - after, 30), most)
end
redis.call('HSET', KEYS[1], 'failures', failures, 'until', now + wait, 'last', now)
redis.call('PEXPIRE', KEYS[1], forget + most)
return {failures, wait}
"""

# Whether a key is within its wait: 1 or 0. KEYS[1]: the key; ARGV[1]: now in ms or "".
_WAITING = """
local wait_until = tonumber(redis.call('HGET', KEYS[1], 'until'))
if not wait_until then
  return 0
end
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
if wait_until > now then
  return 1
end
return 0
"""


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


class SharedFailures(SharedCounts):
    """The sign-in throttles' failures in Redis, shared by every app worker and host
    (RATE_LIMIT_STORE=redis; the same server, settings and key prefix as the chat's rate
    limits, `SharedCounts`). One per worker (`settings_failures`), used by both throttles.

    A key is `kinship:rl:<throttle>:<SHA-256 digest of the throttle's key>`, never the address
    or e-mail address itself, holding only three numbers; it expires ADDRESS_FORGET (plus the
    throttle's longest wait) after its last failure, and a sign-in deletes it. When Redis cannot
    be used the throttles count in the worker's memory meanwhile (for REDIS_RETRY_SECONDS, then
    Redis is tried again), with a WARNING at most once a minute (logger `bot.ratelimit`): as
    the rate limits, neither refusing every sign-in nor letting every guess through."""

    what = "staff sign-in throttles"

    def __init__(self, client: redis.Redis, where: str = "Redis", prefix: str = KEY_PREFIX):
        super().__init__(client, where, prefix)
        self._failure = client.register_script(_FAILURE)
        self._waiting = client.register_script(_WAITING)

    def failure(
        self, name: str, key: str, after: int, most: dt.timedelta, now: float | None = None
    ) -> tuple[int, dt.timedelta]:
        """Count a failure at `key` in the throttle `name`: the failures in a row so far and
        the wait this one starts. `now` (seconds): only for tests; otherwise Redis's clock.
        Raises redis.RedisError when Redis cannot be used."""
        failures, wait_ms = self._failure(
            keys=[self.key(name, key)],
            args=[
                after,
                _ms(BACKOFF.total_seconds()),
                _ms(most.total_seconds()),
                _ms(ADDRESS_FORGET.total_seconds()),
                "" if now is None else _ms(now),
            ],
        )
        self._recovered()
        return int(failures), dt.timedelta(milliseconds=int(wait_ms))

    def waiting(self, name: str, key: str, now: float | None = None) -> bool:
        """Whether `key` is within a wait (as `failure`)."""
        within = self._waiting(keys=[self.key(name, key)], args=["" if now is None else _ms(now)])
        self._recovered()
        return bool(within)

    def clear(self, name: str, key: str) -> None:
        self.client.delete(self.key(name, key))
        self._recovered()


@functools.cache
def settings_failures() -> SharedFailures | None:
    """This worker's shared failures, as RATE_LIMIT_STORE says (None: memory); made once, when
    a throttle is first used."""
    return SharedFailures.from_settings(get_settings())


class FailureThrottle:
    """Failed tries by key, with backoff: after `after` failures in a row each further try
    waits, up to `most`; forgotten after ADDRESS_FORGET of quiet.

    Counted in this worker's memory, or with `shared` in Redis under `name` (unique per
    throttle), one count for every worker: then memory is used only while Redis cannot be.
    `shared="settings"`: as RATE_LIMIT_STORE says (`settings_failures`, looked up at first use).

    `clock` (seconds): None for the store's own (time.monotonic in memory, Redis's clock in
    Redis); tests set their own, and the `now` arguments are for them too."""

    def __init__(
        self,
        after: int,
        most: dt.timedelta,
        max_keys: int = 100_000,
        name: str = "signin",
        shared: SharedFailures | Literal["settings"] | None = None,
    ) -> None:
        self.after = after
        self.most = most
        self.max_keys = max_keys
        self.name = name
        self.clock: Callable[[], float] | None = None  # tests set their own
        self._shared = shared
        self._state: dict[str, tuple[int, float, float]] = {}  # failures, wait until, last
        self._lock = threading.Lock()

    @property
    def shared(self) -> SharedFailures | None:
        if isinstance(self._shared, str):
            self._shared = settings_failures()
        return self._shared

    def _given(self, now: float | None) -> float | None:
        """The time given by the test (argument or clock), if any."""
        return now if now is not None or self.clock is None else self.clock()

    def _usable(self) -> SharedFailures | None:
        shared = self.shared
        return shared if shared is not None and shared.usable() else None

    def waiting(self, key: str, now: float | None = None) -> bool:
        now = self._given(now)
        if shared := self._usable():
            try:
                return shared.waiting(self.name, key, now)
            except redis.RedisError as exc:
                shared.failed(exc)  # and look in memory below
        now = time.monotonic() if now is None else now
        with self._lock:
            state = self._state.get(key)
            return state is not None and state[1] > now

    def record_failure(self, key: str, now: float | None = None) -> tuple[int, dt.timedelta]:
        """Count a failure; returns the failures in a row so far and the wait this one starts."""
        now = self._given(now)
        if shared := self._usable():
            try:
                return shared.failure(self.name, key, self.after, self.most, now)
            except redis.RedisError as exc:
                shared.failed(exc)  # and count in memory below
        now = time.monotonic() if now is None else now
        with self._lock:
            failures, _, last = self._state.get(key, (0, 0.0, now))
            if now - last > ADDRESS_FORGET.total_seconds():
                failures = 0
            failures += 1
            wait = backoff(failures, self.after, self.most)
            if key not in self._state and len(self._state) >= self.max_keys:
                self._forget_idle(now)
            self._state[key] = (failures, now + wait.total_seconds(), now)
            return failures, wait

    def failed(self, key: str, now: float | None = None) -> dt.timedelta:
        """Count a failure; returns the wait it starts."""
        return self.record_failure(key, now)[1]

    def succeeded(self, key: str) -> None:
        """Forget the key's failures (in Redis, and in memory from any time without it)."""
        if shared := self._usable():
            try:
                shared.clear(self.name, key)
            except redis.RedisError as exc:
                shared.failed(exc)
        with self._lock:
            self._state.pop(key, None)

    def _forget_idle(self, now: float) -> None:
        quiet = ADDRESS_FORGET.total_seconds()
        for key in [k for k, v in self._state.items() if now - v[2] > quiet and v[1] <= now]:
            del self._state[key]
        if len(self._state) >= self.max_keys:  # still full: drop the oldest half
            for key in list(self._state)[: self.max_keys // 2]:
                del self._state[key]


class AddressThrottle(FailureThrottle):
    """Failed sign-ins by client address (`bot.core.ratelimit.address_key`), any accounts."""

    def __init__(
        self,
        max_keys: int = 100_000,
        shared: SharedFailures | Literal["settings"] | None = "settings",
    ) -> None:
        super().__init__(
            ADDRESS_MAX_FAILURES, ADDRESS_MAX_BACKOFF, max_keys, "signin-address", shared
        )


class PairThrottle(FailureThrottle):
    """Failed sign-ins at one account (by the e-mail address typed, known or not: the same
    for both) from one client address: `pair_key`."""

    def __init__(
        self,
        max_keys: int = 100_000,
        shared: SharedFailures | Literal["settings"] | None = "settings",
    ) -> None:
        super().__init__(PAIR_MAX_FAILURES, PAIR_MAX_BACKOFF, max_keys, "signin-pair", shared)


def pair_key(email: str, address: str) -> str:
    """The address and a digest of the e-mail address (short, whatever was typed)."""
    return f"{address} {_digest(email.strip().lower())[:24]}"


# One each per worker process, counting in its memory, or in Redis with RATE_LIMIT_STORE=redis
# (shared by every worker and host, like the chat's rate limits; docs/production.md §13).
ADDRESS_THROTTLE = AddressThrottle()
PAIR_THROTTLE = PairThrottle()


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _count_account_failure(db: Session, user: StaffUser, now: dt.datetime) -> dt.timedelta:
    """Count a failure at this account (in one statement, so workers do not lose each other's);
    returns the wait for everyone it starts (nothing below ACCOUNT_MAX_FAILURES)."""
    last = StaffUser.last_failed_sign_in_at
    failures = db.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id)
        .values(
            failed_sign_ins=case(
                (or_(last.is_(None), last < now - ACCOUNT_FORGET), 1),
                else_=StaffUser.failed_sign_ins + 1,
            ),
            last_failed_sign_in_at=now,
        )
        .returning(StaffUser.failed_sign_ins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    wait = backoff(failures, ACCOUNT_MAX_FAILURES, ACCOUNT_MAX_BACKOFF)
    if wait:
        db.execute(
            update(StaffUser)
            .where(StaffUser.id == user.id)
            .values(locked_until=now + wait)
            .execution_options(synchronize_session=False)
        )
    db.expire(user, ["failed_sign_ins", "last_failed_sign_in_at", "locked_until"])
    return wait


def find_device(
    db: Session, user: StaffUser, token: str | None, now: dt.datetime | None = None
) -> StaffDevice | None:
    """The browser this device cookie token names, if it signed in to THIS account and its
    token has not expired; else None (no token, a forged or forgotten one, another account's)."""
    if not token or len(token) > 100:
        return None
    device = db.get(StaffDevice, _digest(token))
    if device is None or device.user_id != user.id:
        return None
    if as_utc(device.expires_at) <= (now or utcnow()):
        return None
    return device


def _count_device_failure(db: Session, device: StaffDevice, now: dt.datetime) -> int:
    """Count a wrong password from this browser (in one statement, as at the account); the
    browser is forgotten at DEVICE_MAX_FAILURES in a row. Returns the failures so far, 0 if
    another worker forgot it meanwhile (then the account counts this one)."""
    key = StaffDevice.token_hash == device.token_hash
    failures = db.execute(
        update(StaffDevice)
        .where(key)
        .values(failed_sign_ins=StaffDevice.failed_sign_ins + 1, last_used_at=now)
        .returning(StaffDevice.failed_sign_ins)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if failures is not None and failures < DEVICE_MAX_FAILURES:
        db.expire(device, ["failed_sign_ins", "last_used_at"])
        return failures
    db.execute(delete(StaffDevice).where(key).execution_options(synchronize_session=False))
    db.expunge(device)
    return failures or 0


class SignedIn(NamedTuple):
    """A sign-in that worked. `device`: the browser's record when it had signed in to this
    account before (its token ends when the next is given: `remember_device`); `past_wait`: it
    was let through the account's wait for guessing from many addresses."""

    user: StaffUser
    device: StaffDevice | None = None
    past_wait: bool = False


def check_sign_in(
    db: Session,
    email: str,
    password: str,
    address: str | None = None,
    addresses: FailureThrottle | None = None,
    pairs: FailureThrottle | None = None,
    device_token: str | None = None,
) -> SignedIn:
    """SignedIn, or SignInRefused. `address`: the client's address key, throttled too (in
    `addresses` and `pairs`, by default ADDRESS_THROTTLE and PAIR_THROTTLE);
    `device_token`: the browser's device cookie, if it sent one."""
    addresses = addresses or ADDRESS_THROTTLE
    pairs = pairs or PAIR_THROTTLE
    now = utcnow()
    pair = pair_key(email, address) if address is not None else None
    user = find_user(db, email)
    usable = user is not None and user.active
    # One argon2 verification, whatever happens next: the same work in every case.
    right = _verify(user.password_hash if usable else _DUMMY_HASH, password) and usable
    device = find_device(db, user, device_token, now) if usable else None
    remembered = device is not None

    # Within a wait: refused whatever the password, and not counted again.
    if address is not None and addresses.waiting(address):
        raise SignInRefused(user, throttled="address", remembered=remembered)
    if pair is not None and pairs.waiting(pair):
        raise SignInRefused(user, throttled="pair", remembered=remembered)
    wait_until = as_utc(user.locked_until) if usable else None
    account_waiting = wait_until is not None and wait_until > now
    # The account's wait is for guessing from many addresses: not for its own browsers.
    if account_waiting and not remembered:
        raise SignInRefused(user, throttled="account")

    if right:
        if address is not None:
            addresses.succeeded(address)
        if pair is not None:
            pairs.succeeded(pair)
        # The account's count stays: it measures guessing from elsewhere, not this person.
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        db.flush()
        return SignedIn(user, device, past_wait=account_waiting)

    waits = {}
    if address is not None:
        waits["address"] = addresses.failed(address)
    pair_failures = 0
    if pair is not None:
        pair_failures, waits["pair"] = pairs.record_failure(pair)
    # A remembered browser's failures count against it; each address counts at the account
    # only until its own wait starts.
    device_failures = _count_device_failure(db, device, now) if device is not None else 0
    if usable and not device_failures and pair_failures <= PAIR_MAX_FAILURES:
        waits["account"] = _count_account_failure(db, user, now)
    raise SignInRefused(user, waits=waits, remembered=remembered, device_failures=device_failures)


def authenticate(
    db: Session,
    email: str,
    password: str,
    address: str | None = None,
    addresses: FailureThrottle | None = None,
    pairs: FailureThrottle | None = None,
    device_token: str | None = None,
) -> StaffUser:
    """`check_sign_in` for a caller that needs only the account: the user, or SignInRefused."""
    return check_sign_in(db, email, password, address, addresses, pairs, device_token).user


def remember_device(
    db: Session, user: StaffUser, days: float, used: StaffDevice | None = None
) -> str:
    """A new device cookie token for the browser that has just signed in to this account, valid
    for `days` (only its hash is kept); the one it came with (`used`) ends."""
    if used is not None:  # one statement: two sign-ins at once with it do not fail
        db.execute(delete(StaffDevice).where(StaffDevice.token_hash == used.token_hash))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(
        StaffDevice(
            token_hash=_digest(token),
            user_id=user.id,
            failed_sign_ins=0,
            created_at=now,
            last_used_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
    )
    db.flush()
    return token


# --------------------------------------------------------------------------- sessions


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


def end_all_sessions(db: Session, user: StaffUser) -> int:
    """Ends every session of this account at once (every device) and forgets every browser that
    signed in to it (no more letting through the account's wait); returns how many sessions
    there were."""
    ended = db.execute(delete(StaffSession).where(StaffSession.user_id == user.id)).rowcount
    db.execute(delete(StaffDevice).where(StaffDevice.user_id == user.id))
    return ended or 0


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def count_users(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(StaffUser)) or 0


# --------------------------------------------------------------------------- reset codes


class ResetRefused(Exception):
    """A reset code that does not work: unknown, expired, used, for another e-mail address or
    for a deactivated account; the same answer in every case. `user`: for the audit log."""

    def __init__(self, user: StaffUser | None = None):
        self.user = user


def _normal_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def new_reset_code() -> str:
    code = "".join(secrets.choice(RESET_CODE_ALPHABET) for _ in range(RESET_CODE_LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, RESET_CODE_LENGTH, 4))


def issue_reset_code(db: Session, user: StaffUser, issued_by: StaffUser | None = None) -> str:
    """A new one-time code for this account (shown once, to pass on; only its hash is kept).
    Earlier codes stop working, and so do the old password (it could be in someone else's
    hands) and every session of the account."""
    now = utcnow()
    db.execute(
        delete(StaffResetCode)
        .where(or_(StaffResetCode.user_id == user.id, StaffResetCode.expires_at <= now))
        .execution_options(synchronize_session=False)
    )
    code = new_reset_code()
    db.add(
        StaffResetCode(
            code_hash=_digest(_normal_code(code)),
            user_id=user.id,
            issued_by_id=issued_by.id if issued_by is not None else None,
            created_at=now,
            expires_at=now + RESET_CODE_LIFETIME,
        )
    )
    user.password_hash = hash_password(secrets.token_urlsafe(32))  # nobody knows this one
    end_all_sessions(db, user)
    db.flush()
    return code


def cancel_reset_codes(db: Session, user: StaffUser) -> None:
    db.execute(
        delete(StaffResetCode)
        .where(StaffResetCode.user_id == user.id)
        .execution_options(synchronize_session=False)
    )


def use_reset_code(db: Session, email: str, code: str, new_password: str) -> StaffUser:
    """Sets the new password of the account the code was issued for, once; ValueError if the
    new password breaks the rules (the code still works then), else ResetRefused."""
    check_new_password(new_password)
    normal = _normal_code(code)
    if not normal or len(normal) > 64:
        raise ResetRefused()
    code_hash = _digest(normal)
    reset = db.get(StaffResetCode, code_hash)
    if reset is None:
        raise ResetRefused()
    user = reset.user
    if (
        as_utc(reset.expires_at) <= utcnow()
        or user.email != email.strip().lower()
        or not user.active
    ):
        raise ResetRefused(user)
    # Claimed in one statement: of two tries with the same code at once, one wins.
    claimed = db.execute(
        delete(StaffResetCode)
        .where(StaffResetCode.code_hash == code_hash)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.expunge(reset)
    if claimed != 1:
        raise ResetRefused(user)
    cancel_reset_codes(db, user)
    user.password_hash = hash_password(new_password)
    user.failed_sign_ins = 0
    user.last_failed_sign_in_at = None
    user.locked_until = None
    end_all_sessions(db, user)
    db.flush()
    return user
