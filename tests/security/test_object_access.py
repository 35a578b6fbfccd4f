"""One enquiry's or conversation's identifiers never reach another's.

The public chat API is addressed only by a conversation's secret session key. Nothing a carer
is ever shown — their enquiry reference, the conversation's internal id (Rasa's sender id),
another session's key, part of a key, or an SQL wildcard — opens any other conversation.
On the staff side, every action on enquiry A changes A and only A, and an id that is not
exactly an enquiry's id is "not found".
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry, EnquiryNote
from bot.insights.models import Feedback
from tests.enquiries.helpers import stored_conversation
from tests.staff.conftest import add_enquiry, csrf_from


def message_count(conversation_id: str) -> int:
    with get_sessionmaker()() as db:
        return db.scalar(
            select(func.count(Message.id)).where(Message.conversation_id == conversation_id)
        )


def feedback_count() -> int:
    with get_sessionmaker()() as db:
        return db.scalar(select(func.count(Feedback.id)))


def session_key(conversation_id: str) -> str:
    with get_sessionmaker()() as db:
        return db.get(Conversation, conversation_id).session_key


def reference(enquiry_id: str) -> str:
    with get_sessionmaker()() as db:
        return db.get(Enquiry, enquiry_id).reference


def wrong_keys(conversation_id: str, enquiry_id: str) -> list[str]:
    key = session_key(conversation_id)
    return [
        conversation_id,  # the internal id Rasa knows the conversation by
        enquiry_id,
        reference(enquiry_id),
        key[:-1],
        key[:16],
        key.upper() if key.upper() != key else key.lower(),
        key + "x",
        "%",
        "_" * len(key),
        f"{key}' OR '1'='1",
        "../" + key,
    ]


def test_public_routes_only_open_a_conversation_by_its_exact_session_key(client):
    victim = stored_conversation(("user", "my phone is 07700 900456"))
    enquiry_id = add_enquiry(conversation_id=victim)
    before_messages, before_feedback = message_count(victim), feedback_count()
    for wrong in wrong_keys(victim, enquiry_id):
        sent = client.post(f"/api/chat/sessions/{wrong}/messages", json={"text": "hello"})
        assert sent.status_code in (404, 405), wrong  # 405: a path that names no route
        rated = client.post(f"/api/chat/sessions/{wrong}/feedback", json={"helpful": True})
        assert rated.status_code in (404, 405), wrong
        assert "07700" not in sent.text + rated.text
    assert message_count(victim) == before_messages
    assert feedback_count() == before_feedback


def test_a_session_key_reaches_its_own_conversation_and_no_other(client):
    mine = client.post("/api/chat/sessions").json()["session_id"]
    theirs = stored_conversation(("user", "their words"))
    before = message_count(theirs)
    # The safety response is answered by the app itself, so this runs without Rasa.
    reply = client.post(f"/api/chat/sessions/{mine}/messages", json={"text": "i want to die"})
    assert reply.status_code == 200 and reply.json()["safeguarding"] is True
    assert message_count(theirs) == before
    with get_sessionmaker()() as db:
        own = db.scalar(select(Conversation).where(Conversation.session_key == mine))
        assert own.id != theirs and own.safeguarding is True
        assert db.get(Conversation, theirs).safeguarding is not True


@pytest.fixture
def two_enquiries():
    a = add_enquiry(name="Ada Alpha", carer_words="A's words")
    b = add_enquiry(name="Bea Beta", carer_words="B's words")
    return a, b


def snapshot(enquiry_id: str) -> tuple:
    with get_sessionmaker()() as db:
        enquiry = db.get(Enquiry, enquiry_id)
        notes = db.scalars(select(EnquiryNote.text).where(EnquiryNote.enquiry_id == enquiry_id))
        return (
            enquiry.status,
            enquiry.assigned_to_id,
            enquiry.name,
            enquiry.carer_words,
            enquiry.personal_data_deleted_at,
            sorted(notes),
        )


def test_staff_actions_on_one_enquiry_never_touch_another(manager, two_enquiries):
    a, b = two_enquiries
    b_before = snapshot(b)
    page = manager.get(f"/navigator/enquiries/{a}")
    assert "Ada Alpha" in page.text and "Bea Beta" not in page.text
    token = csrf_from(page.text)
    url = f"/navigator/enquiries/{a}"
    manager.post(f"{url}/assign", data={"csrf_token": token})
    manager.post(f"{url}/notes", data={"text": "note for A", "csrf_token": token})
    manager.post(f"{url}/status", data={"status": "in_progress", "csrf_token": token})
    manager.post(f"{url}/erase", data={"csrf_token": token, "confirm": "yes"})
    a_after = snapshot(a)
    assert a_after[4] is not None and a_after[2] is None  # A was erased
    assert snapshot(b) == b_before  # B is exactly as it was


def test_an_id_that_is_not_exactly_an_enquiry_id_is_not_found(manager, two_enquiries):
    a, b = two_enquiries
    token = csrf_from(manager.get(f"/navigator/enquiries/{a}").text)
    before = {a: snapshot(a), b: snapshot(b)}
    for wrong in (a[:8], a.upper(), a + "0", "%", "_" * len(a), f"{a}' OR '1'='1", reference(a)):
        assert manager.get(f"/navigator/enquiries/{wrong}").status_code == 404, wrong
        assert manager.get(f"/api/staff/enquiries/{wrong}").status_code == 404, wrong
        for action, data in (
            ("assign", {}),
            ("notes", {"text": "stray note"}),
            ("status", {"status": "in_progress"}),
            ("erase", {"confirm": "yes"}),
        ):
            response = manager.post(
                f"/navigator/enquiries/{wrong}/{action}", data={"csrf_token": token, **data}
            )
            assert response.status_code == 404, (wrong, action)
    assert {a: snapshot(a), b: snapshot(b)} == before
