"""Staff accounts and signed-in test clients."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import pytest

from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.staff import security
from bot.staff.security import AddressThrottle, PairThrottle, create_user

PASSWORD = "correct horse battery staple"


class Clock:
    """The in-memory throttles' clock (seconds), moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Throttles:
    addresses: AddressThrottle
    pairs: PairThrottle
    clock: Clock


@pytest.fixture(autouse=True)
def throttles(monkeypatch) -> Throttles:
    """Fresh sign-in throttles for each test (the app's are one per worker process, and every
    TestClient comes from the same address), on a clock the test moves."""
    clock = Clock()
    addresses, pairs = AddressThrottle(), PairThrottle()
    addresses.clock = pairs.clock = clock
    monkeypatch.setattr(security, "ADDRESS_THROTTLE", addresses)
    monkeypatch.setattr(security, "PAIR_THROTTLE", pairs)
    return Throttles(addresses, pairs, clock)


def make_user(role: str) -> str:
    email = f"{role}-{secrets.token_hex(4)}@council.example.org"
    with get_sessionmaker()() as db:
        create_user(db, email, PASSWORD, role)
        db.commit()
    return email


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    page = client.get("/navigator/sign-in")
    return client.post(
        "/navigator/sign-in",
        data={"email": email, "password": password, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )


def add_enquiry(**overrides) -> str:
    values = {
        "contact_method": "phone",
        "contact_value": "07700900123",
        "name": "Alex Example",
        "carer_words": "We need help with housing.",
        "needs": ["housing"],
        "arrangement": "sgo",
        **overrides,
    }
    with get_sessionmaker()() as db:
        enquiry = create_enquiry(db, EnquiryDraft(**values))
        db.commit()
        return enquiry.id


@pytest.fixture
def navigator(client):
    email = make_user("navigator")
    assert sign_in(client, email).status_code == 303
    client.email = email
    return client


@pytest.fixture
def manager(client):
    email = make_user("manager")
    assert sign_in(client, email).status_code == 303
    client.email = email
    return client
