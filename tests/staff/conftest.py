"""Staff accounts and signed-in test clients."""

from __future__ import annotations

import re
import secrets

import pytest

from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.staff.security import create_user

PASSWORD = "correct horse battery staple"


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
