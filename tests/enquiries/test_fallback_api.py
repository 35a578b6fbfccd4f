"""POST /api/chat/fallback-enquiry: a message for the navigators when the chat is down."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.notifications.models import OutboxMail
from tests.content_packs import demo_promise

URL = "/api/chat/fallback-enquiry"


def test_fallback_enquiry_lands_in_the_inbox(client, monkeypatch):
    demo_promise(monkeypatch)
    response = client.post(
        URL,
        json={
            "name": "Sam",
            "contact": "07700 900123",
            "message": "Help with money",
            "consent": True,
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert re.fullmatch(r"KIN-[A-HJ-NP-Z2-9]{5}", body["reference"])
    assert "Kinship Navigator will contact you" in body["expected_contact"]
    # No day promised while council.yml's navigator_contact_promise is a placeholder.
    assert "by the end of" not in body["expected_contact"]
    assert body["expected_contact_by"] is None
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == body["reference"]))
        assert enquiry.source == "fallback"
        assert enquiry.contact_method == "phone" and enquiry.contact_value == "07700900123"
        assert enquiry.carer_words == "Help with money" and enquiry.name == "Sam"
        # Not urgent: no mail of its own, it waits for the next digest mail (issue #16;
        # tests/notifications/test_fallback_digest.py).
        assert enquiry.awaiting_digest
        assert db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id)) is None


def test_fallback_enquiry_by_email_without_name(client):
    response = client.post(
        URL, json={"contact": "sam@example.org", "message": "Hello", "consent": True}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert re.fullmatch(r"KIN-[A-HJ-NP-Z2-9]{5}", body["reference"])
    assert "Kinship Navigator will contact you" in body["expected_contact"]
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == body["reference"]))
        assert enquiry is not None and enquiry.source == "fallback"
        assert enquiry.contact_method == "email" and enquiry.contact_value == "sam@example.org"
        assert enquiry.carer_words == "Hello" and enquiry.name is None


def test_fallback_enquiry_refusals_are_plain_words(client):
    base = {"contact": "07700 900123", "message": "Help", "consent": True}
    with get_sessionmaker()() as db:
        stored_before = db.scalar(select(func.count()).select_from(Enquiry))
    cases = [
        ({**base, "consent": False}, "say yes"),
        ({k: v for k, v in base.items() if k != "consent"}, "say yes"),
        ({**base, "consent": "true"}, "say yes"),
        ({**base, "contact": "12345"}, "UK phone number or an e-mail"),
        ({**base, "contact": ""}, "UK phone number or an e-mail"),
        ({**base, "message": "x" * 2001}, "under 2000"),
        ({**base, "message": "  "}, "short message"),
        ({**base, "name": "n" * 201}, "200 characters"),
    ]
    for body, words in cases:
        response = client.post(URL, json=body)
        assert response.status_code == 422, body
        assert words in response.json()["detail"], response.json()
    assert (
        client.post(
            URL, content=b"not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    with get_sessionmaker()() as db:
        assert db.scalar(select(func.count()).select_from(Enquiry)) == stored_before, "none stored"
