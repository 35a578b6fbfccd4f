"""Sign-in throttling (issue #16): a stranger's wrong passwords slow down the stranger's own
address, never the Navigator whose account they try; only guessing from many addresses slows
the account itself, briefly; the same answer and the same hashing work in every case; failures
and waits in the audit log (bot/staff/security.py). Through the real app's sign-in form."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.service import as_utc
from bot.main import app
from bot.staff import security
from bot.staff.models import AuditEntry, StaffUser
from bot.staff.router import SIGN_IN_REFUSED, STARTED, THROTTLED
from bot.staff.security import (
    ACCOUNT_FORGET,
    ACCOUNT_MAX_BACKOFF,
    ACCOUNT_MAX_FAILURES,
    ADDRESS_MAX_BACKOFF,
    ADDRESS_MAX_FAILURES,
    PAIR_MAX_BACKOFF,
    PAIR_MAX_FAILURES,
    AddressThrottle,
    PairThrottle,
)
from tests.staff.conftest import PASSWORD, make_user, sign_in

STRANGER = ("203.0.113.7", 50000)
NAVIGATORS_OFFICE = ("198.51.100.9", 50000)
LONGEST_WAIT = max(PAIR_MAX_BACKOFF, ADDRESS_MAX_BACKOFF).total_seconds() + 1


def client_at(address: tuple[str, int]) -> TestClient:
    return TestClient(app, client=address)


def audit_of(email: str | None = None) -> list[tuple[str, str]]:
    with get_sessionmaker()() as db:
        query = select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id)
        if email is not None:
            query = query.where(AuditEntry.actor == email)
        return [tuple(row) for row in db.execute(query).all()]


def account(email: str) -> StaffUser:
    with get_sessionmaker()() as db:
        return db.scalar(select(StaffUser).where(StaffUser.email == email))


def account_wait(email: str) -> dt.timedelta:
    until = account(email).locked_until
    return as_utc(until) - utcnow() if until is not None else dt.timedelta(0)


def end_account_wait(email: str) -> None:
    """As if the account's short wait had passed (it is kept in the database)."""
    with get_sessionmaker()() as db:
        user = db.scalar(select(StaffUser).where(StaffUser.email == email))
        user.locked_until = utcnow() - dt.timedelta(seconds=1)
        db.commit()


def refused(response) -> bool:
    return response.status_code == 401 and SIGN_IN_REFUSED in response.text


def started(kind: str, seconds: float) -> str:
    return STARTED[kind].format(int(seconds))


def test_a_strangers_fifty_wrong_passwords_never_keep_the_navigator_out(throttles):
    """Fifty wrong passwords from one address, each after that address's wait was over: the
    Navigator signs in from their office at once; the stranger's address is the one waiting."""
    navigator = make_user("navigator")
    stranger = client_at(STRANGER)
    for n in range(50):
        if n:
            throttles.clock.advance(LONGEST_WAIT)  # every try a real one, none within a wait
        assert refused(sign_in(stranger, navigator, f"guess number {n}")), n
    assert [a for a, _ in audit_of(navigator)] == ["sign_in_failed"] * 50
    # The stranger's own address is waiting now: even the right password is refused there.
    assert refused(sign_in(stranger, navigator, PASSWORD))
    assert audit_of(navigator)[-1][0] == "sign_in_throttled"
    # The account counted only the stranger's first few: it is not waiting, for anyone.
    user = account(navigator)
    assert user.failed_sign_ins == PAIR_MAX_FAILURES < ACCOUNT_MAX_FAILURES
    assert user.locked_until is None
    assert sign_in(client_at(NAVIGATORS_OFFICE), navigator).status_code == 303
    assert audit_of(navigator)[-1] == ("signed_in", "")


def test_the_strangers_own_address_is_slowed_with_backoff(throttles):
    navigator = make_user("navigator")
    stranger = client_at(STRANGER)
    for _ in range(PAIR_MAX_FAILURES):
        assert refused(sign_in(stranger, navigator, "not the password"))
    assert audit_of(navigator)[-1] == ("sign_in_failed", started("pair", 5))
    # Within the wait: refused, even with the right password, and not counted again.
    assert refused(sign_in(stranger, navigator, PASSWORD))
    assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["pair"])
    # Each further failure from there doubles the wait.
    for seconds in (10, 20, 40):
        throttles.clock.advance(seconds / 2 + 0.1)
        assert refused(sign_in(stranger, navigator, "not the password"))
        assert audit_of(navigator)[-1] == ("sign_in_failed", started("pair", seconds))
    # Meanwhile the Navigator signs in from elsewhere; the stranger's wait goes on.
    assert sign_in(client_at(NAVIGATORS_OFFICE), navigator).status_code == 303
    assert refused(sign_in(stranger, navigator, PASSWORD))
    # No lock: once its wait is over, the address may sign in (with the right password).
    throttles.clock.advance(40.1)
    assert sign_in(stranger, navigator, PASSWORD).status_code == 303


def test_the_waits_of_an_account_from_one_address_back_off_to_their_limit():
    throttle = PairThrottle()
    waits = [throttle.failed("a", now=0.0).total_seconds() for _ in range(PAIR_MAX_FAILURES + 12)]
    assert waits[: PAIR_MAX_FAILURES - 1] == [0] * (PAIR_MAX_FAILURES - 1)
    assert waits[PAIR_MAX_FAILURES - 1 : PAIR_MAX_FAILURES + 2] == [5, 10, 20]
    assert max(waits) == PAIR_MAX_BACKOFF.total_seconds()
    assert throttle.waiting("a", now=1.0) and not throttle.waiting("b", now=1.0)
    assert not throttle.waiting("a", now=PAIR_MAX_BACKOFF.total_seconds() + 1)


def test_guessing_from_many_addresses_slows_the_account_briefly_and_never_locks_it(throttles):
    navigator = make_user("navigator")
    office = client_at(NAVIGATORS_OFFICE)
    places = ACCOUNT_MAX_FAILURES // PAIR_MAX_FAILURES
    for i in range(places):
        guesser = client_at((f"192.0.2.{i + 10}", 40000))
        for _ in range(PAIR_MAX_FAILURES):
            assert refused(sign_in(guesser, navigator, "a guess"))
        if i == 0:  # more from there fall within that address's own wait: not counted
            throttles.clock.advance(5.1)
            assert refused(sign_in(guesser, navigator, "a guess"))
            assert audit_of(navigator)[-1] == ("sign_in_failed", started("pair", 10))
    assert account(navigator).failed_sign_ins == ACCOUNT_MAX_FAILURES
    assert audit_of(navigator)[-1] == (
        "sign_in_failed",
        f"{started('pair', 5)}; {started('account', 5)}",
    )
    # Everyone waits now, the Navigator too: the same answer, for a few seconds at most.
    assert dt.timedelta(0) < account_wait(navigator) <= ACCOUNT_MAX_BACKOFF
    assert refused(sign_in(office, navigator))
    assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["account"])
    # Guessing goes on from fresh addresses after each wait: the wait grows to its limit only.
    waits = []
    for i in range(5):
        end_account_wait(navigator)
        assert refused(sign_in(client_at((f"192.0.2.{i + 100}", 40000)), navigator, "guess"))
        waits.append(audit_of(navigator)[-1][1])
        assert account_wait(navigator) <= ACCOUNT_MAX_BACKOFF
    assert waits == [started("account", s) for s in (10, 20, 30, 30, 30)]
    # Once the wait is over, the right password works from anywhere.
    end_account_wait(navigator)
    assert sign_in(office, navigator).status_code == 303


def test_the_account_forgets_guessing_after_a_quiet_while(throttles):
    navigator = make_user("navigator")
    with get_sessionmaker()() as db:
        user = db.scalar(select(StaffUser).where(StaffUser.email == navigator))
        user.failed_sign_ins = ACCOUNT_MAX_FAILURES - 1
        user.last_failed_sign_in_at = utcnow() - ACCOUNT_FORGET - dt.timedelta(minutes=1)
        db.commit()
    assert refused(sign_in(client_at(STRANGER), navigator, "a guess"))
    assert account(navigator).failed_sign_ins == 1
    assert account(navigator).locked_until is None


def test_guessing_from_one_address_across_accounts_slows_that_address_only(throttles):
    """Password spraying: a few tries at each of many accounts (never enough to slow any one
    account from that address) from one address. That address has to wait, even with a right
    password; a Navigator elsewhere signs in as ever; once the wait is over the address is let
    in again."""
    accounts = [make_user("navigator") for _ in range(3)]
    navigator = accounts[0]
    stranger = client_at(STRANGER)
    tried = [*accounts, "nobody@council.example.org", "admin@council.example.org"]
    for n in range(ADDRESS_MAX_FAILURES):
        assert refused(sign_in(stranger, tried[n % len(tried)], f"guess number {n}"))
    assert -(-ADDRESS_MAX_FAILURES // len(tried)) < PAIR_MAX_FAILURES  # no pair was slowed
    # Within the wait: the right password of a real account gets the same answer.
    assert refused(sign_in(stranger, navigator, PASSWORD))
    assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["address"])
    assert account(navigator).locked_until is None
    assert sign_in(client_at(NAVIGATORS_OFFICE), navigator).status_code == 303

    # Audited: every failure, the one that started the wait, and the try within it.
    everyone = audit_of()
    assert any(a == "sign_in_failed" and started("address", 5) in d for a, d in everyone)
    assert sum(1 for a, d in everyone[-14:] if d.startswith("unknown account")) >= 2

    # No hard lock: once the wait is over, the address may sign in.
    throttles.clock.advance(ADDRESS_MAX_BACKOFF.total_seconds() + 1)
    assert sign_in(stranger, navigator, PASSWORD).status_code == 303


def test_the_address_wait_backs_off_and_never_passes_its_limit():
    throttle = AddressThrottle()
    waits = [
        throttle.failed("a", now=0.0).total_seconds() for _ in range(ADDRESS_MAX_FAILURES + 12)
    ]
    assert waits[: ADDRESS_MAX_FAILURES - 1] == [0] * (ADDRESS_MAX_FAILURES - 1)
    assert waits[ADDRESS_MAX_FAILURES - 1 : ADDRESS_MAX_FAILURES + 2] == [5, 10, 20]
    assert max(waits) == security.ADDRESS_MAX_BACKOFF.total_seconds()
    assert throttle.waiting("a", now=1.0) and not throttle.waiting("b", now=1.0)
    assert not throttle.waiting("a", now=security.ADDRESS_MAX_BACKOFF.total_seconds() + 1)
    # Forgotten after a quiet while; cleared by a sign-in.
    quiet = security.ADDRESS_FORGET.total_seconds() + 10
    assert throttle.failed("a", now=quiet).total_seconds() == 0
    throttle.failed("c", now=0.0)
    throttle.succeeded("c")
    assert not throttle.waiting("c", now=0.0)


def page_words(html: str) -> str:
    """The page without its one-off CSRF token."""
    return re.sub(r'name="csrf_token" value="[^"]+"', "", html)


def test_every_refusal_gets_the_same_answer_after_the_same_hashing_work(
    client, throttles, monkeypatch
):
    verified: list[str] = []

    class CountingHasher:
        def __init__(self, real) -> None:
            self.real = real

        def verify(self, hash_: str, password: str):
            verified.append(hash_)
            return self.real.verify(hash_, password)

        def __getattr__(self, name: str):
            return getattr(self.real, name)

    monkeypatch.setattr(security, "_hasher", CountingHasher(security._hasher))

    def attempt(email: str, password: str, address=STRANGER):
        before = len(verified)
        response = sign_in(client_at(address), email, password)
        return response, len(verified) - before

    answers = {}
    navigator = make_user("navigator")
    answers["wrong password"] = attempt(navigator, "not the password")
    answers["unknown account"] = attempt("nobody@council.example.org", PASSWORD)
    inactive = make_user("navigator")
    with get_sessionmaker()() as db:
        db.scalar(select(StaffUser).where(StaffUser.email == inactive)).active = False
        db.commit()
    answers["deactivated account, right password"] = attempt(inactive, PASSWORD)
    slowed = make_user("navigator")
    for _ in range(PAIR_MAX_FAILURES):
        attempt(slowed, "not the password", NAVIGATORS_OFFICE)
    answers["account waiting at this address, right password"] = attempt(
        slowed, PASSWORD, NAVIGATORS_OFFICE
    )
    guessed = make_user("navigator")
    with get_sessionmaker()() as db:
        user = db.scalar(select(StaffUser).where(StaffUser.email == guessed))
        user.failed_sign_ins = ACCOUNT_MAX_FAILURES
        user.last_failed_sign_in_at = utcnow()
        user.locked_until = utcnow() + ACCOUNT_MAX_BACKOFF
        db.commit()
    answers["account waiting for everyone, right password"] = attempt(
        guessed, PASSWORD, ("192.0.2.200", 1)
    )
    for n in range(ADDRESS_MAX_FAILURES):
        attempt(f"nobody{n}@council.example.org", "guess")
    answers["address waiting, right password"] = attempt(navigator, PASSWORD)

    texts = set()
    for case, (response, hashings) in answers.items():
        assert refused(response), case
        assert hashings == 1, case  # one argon2 verification, whatever the reason
        texts.add(page_words(response.text))
    assert len(texts) == 1, "the same page in every case"
    # The same argon2 parameters (the same work) for the dummy hash and the accounts' hashes.
    assert len({h.rsplit("$", 2)[0] for h in verified}) == 1
    # A sign-in that works: one verification too.
    assert attempt(navigator, PASSWORD, NAVIGATORS_OFFICE)[1] == 1
    # The audit log tells the cases apart (the person trying never sees it).
    assert audit_of(inactive)[-1] == ("sign_in_failed", "deactivated account")
    assert audit_of(guessed)[-1] == ("sign_in_throttled", THROTTLED["account"])
