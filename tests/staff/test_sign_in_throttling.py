"""Sign-in throttling (issue #16): by address and by account, with backoff and no hard lock; the
same answer and the same hashing work in every case; failures and waits in the audit log
(bot/staff/security.py). Through the real app's sign-in form."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.db.session import get_sessionmaker
from bot.main import app
from bot.staff import security
from bot.staff.models import AuditEntry, StaffUser
from bot.staff.router import SIGN_IN_REFUSED
from bot.staff.security import ADDRESS_MAX_FAILURES, MAX_FAILURES, AddressThrottle
from tests.staff.conftest import PASSWORD, make_user, sign_in

STRANGER = ("203.0.113.7", 50000)
NAVIGATORS_OFFICE = ("198.51.100.9", 50000)


@pytest.fixture
def addresses(monkeypatch) -> AddressThrottle:
    """A fresh address throttle for this test (the app's is one per worker process)."""
    throttle = AddressThrottle()
    monkeypatch.setattr(security, "ADDRESS_THROTTLE", throttle)
    return throttle


def client_at(address: tuple[str, int]) -> TestClient:
    return TestClient(app, client=address)


def audit_of(email: str | None = None) -> list[tuple[str, str]]:
    with get_sessionmaker()() as db:
        query = select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id)
        if email is not None:
            query = query.where(AuditEntry.actor == email)
        return [tuple(row) for row in db.execute(query).all()]


def refused(response) -> bool:
    return response.status_code == 401 and SIGN_IN_REFUSED in response.text


def test_guessing_from_one_address_across_accounts_slows_that_address_only(
    client, addresses, monkeypatch
):
    """Password spraying: a few tries at each of many accounts (never enough to slow any one
    account) from one address. That address has to wait, even with a right password; a
    Navigator elsewhere signs in as ever; once the wait is over the address is let in again."""
    accounts = [make_user("navigator") for _ in range(3)]
    navigator = accounts[0]
    stranger = client_at(STRANGER)
    tried = [*accounts, "nobody@council.example.org", "admin@council.example.org"]
    for n in range(ADDRESS_MAX_FAILURES):
        assert refused(sign_in(stranger, tried[n % len(tried)], f"guess number {n}"))
    assert -(-ADDRESS_MAX_FAILURES // len(tried)) < MAX_FAILURES  # no account was slowed
    # Within the wait: the right password of a real account gets the same answer.
    assert refused(sign_in(stranger, navigator, PASSWORD))
    # The account itself was not slowed, nor counted for that try.
    with get_sessionmaker()() as db:
        user = db.scalar(select(StaffUser).where(StaffUser.email == navigator))
        assert user.locked_until is None
        failures = user.failed_sign_ins
    assert sign_in(client_at(NAVIGATORS_OFFICE), navigator).status_code == 303
    with get_sessionmaker()() as db:
        assert db.scalar(select(StaffUser).where(StaffUser.email == navigator)).failed_sign_ins == 0
    assert failures < MAX_FAILURES

    # Audited: every failure, the one that started the wait, and the try within it.
    actions = audit_of(navigator)
    assert ("sign_in_throttled", actions[-2][1]) == actions[-2]
    assert "from this address" in actions[-2][1]
    everyone = audit_of()
    started = [d for a, d in everyone if a == "sign_in_failed" and "must wait" in d]
    assert started, everyone[-12:]
    assert sum(1 for a, d in everyone if "unknown or inactive account" in d) >= 2

    # No hard lock: once the wait is over (the clock moved on), the address may sign in.
    later = security.time.monotonic() + security.ADDRESS_MAX_BACKOFF.total_seconds() + 1
    monkeypatch.setattr(security.time, "monotonic", lambda: later)
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
    client, addresses, monkeypatch
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
    answers["inactive account"] = attempt(inactive, PASSWORD)
    slowed = make_user("navigator")
    for _ in range(MAX_FAILURES):
        attempt(slowed, "not the password", NAVIGATORS_OFFICE)
    answers["account waiting, right password"] = attempt(slowed, PASSWORD, NAVIGATORS_OFFICE)
    for _ in range(ADDRESS_MAX_FAILURES):
        attempt("nobody@council.example.org", "guess")
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


def test_account_failures_and_the_wait_they_start_are_audited(client, addresses):
    email = make_user("navigator")
    for _ in range(MAX_FAILURES + 1):
        sign_in(client, email, "not the password")
    actions = audit_of(email)
    failed = [d for a, d in actions if a == "sign_in_failed"]
    assert len(failed) == MAX_FAILURES
    assert failed[-1] == "too many failed tries: the next must wait 5 s"
    assert actions[-1] == (
        "sign_in_throttled",
        "within the wait for too many failed tries from this account",
    )
