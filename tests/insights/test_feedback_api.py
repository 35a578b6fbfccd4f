"""POST /api/chat/sessions/{session_id}/feedback: 201, 404, 422 in plain words, rate-limited."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Conversation
from bot.db.session import get_sessionmaker
from bot.insights.models import AnalyticsEvent, Feedback


def new_session(client) -> str:
    return client.post("/api/chat/sessions").json()["session_id"]


def rows(session_id: str) -> list[Feedback]:
    with get_sessionmaker()() as db:
        conversation = db.scalar(select(Conversation).where(Conversation.session_key == session_id))
        return list(
            db.scalars(
                select(Feedback)
                .where(Feedback.conversation_id == conversation.id)
                .order_by(Feedback.id)
            )
        )


def test_feedback_is_saved(client):
    session_id = new_session(client)
    url = f"/api/chat/sessions/{session_id}/feedback"
    assert client.post(url, json={"helpful": True}).status_code == 201
    response = client.post(url, json={"helpful": False, "section_id": "housing"})
    assert response.status_code == 201
    assert response.json() == {"saved": True}
    saved = rows(session_id)
    assert [(f.section_id, f.helpful, f.comment) for f in saved] == [
        ("", True, None),
        ("housing", False, None),
    ]


def test_a_second_answer_replaces_the_first(client):
    session_id = new_session(client)
    url = f"/api/chat/sessions/{session_id}/feedback"
    client.post(url, json={"helpful": True})
    client.post(url, json={"helpful": False, "comment": "It did not say enough about money."})
    saved = rows(session_id)
    assert [(f.helpful, f.comment) for f in saved] == [
        (False, "It did not say enough about money.")
    ]
    with get_sessionmaker()() as db:
        events = db.scalars(
            select(AnalyticsEvent).where(
                AnalyticsEvent.conversation_id == saved[0].conversation_id,
                AnalyticsEvent.event_type == "feedback",
            )
        ).all()
    assert len(events) == 1


def test_unknown_session_is_404(client):
    response = client.post("/api/chat/sessions/not-a-session/feedback", json={"helpful": True})
    assert response.status_code == 404
    assert "not found" in response.json()["detail"]


def test_bad_feedback_is_422_in_plain_words(client):
    url = f"/api/chat/sessions/{new_session(client)}/feedback"
    cases = [
        ({}, "Please say whether this helped"),
        ({"helpful": "maybe"}, "Please say whether this helped"),
        ({"helpful": True, "comment": "x" * 501}, "under 500 characters"),
        ({"helpful": True, "comment": 5}, "The comment must be text."),
        ({"helpful": True, "section_id": "no-such-section"}, "not a section of the offer"),
        ([1, 2], "JSON object"),
    ]
    for body, words in cases:
        response = client.post(url, json=body)
        assert response.status_code == 422, body
        assert words in response.json()["detail"], body
    response = client.post(
        url, content=b'{"helpful": tr', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert client.post(url, json={"helpful": True, "comment": "x" * 500}).status_code == 201


def test_feedback_is_rate_limited_per_session(client):
    session_id = new_session(client)
    limiter = client.app.state.limits.per_session
    old = limiter.limit
    limiter.limit = 2
    try:
        url = f"/api/chat/sessions/{session_id}/feedback"
        codes = [client.post(url, json={"helpful": True}).status_code for _ in range(3)]
    finally:
        limiter.limit = old
    assert codes == [201, 201, 429]


def test_phrases_for_the_widget(client):
    phrases = client.get("/api/chat/feedback/phrases").json()
    assert phrases["question"] and phrases["thanks"] and phrases["section_question"]
    assert len(phrases["end_texts"]) == 2
