"""The chat API's contract for bad input and for Rasa being down (no Rasa runs in these tests:
the app's RASA_URL points at a closed port, which is exactly "Rasa stopped")."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker


def new_session(client) -> str:
    response = client.post("/api/chat/sessions")
    assert response.status_code == 201
    session_id = response.json()["session_id"]
    assert len(session_id) >= 32
    return session_id


def test_sessions_are_unguessable_and_distinct(client):
    ids = {new_session(client) for _ in range(5)}
    assert len(ids) == 5


def test_unknown_session_is_404_json(client):
    response = client.post("/api/chat/sessions/not-a-session/messages", json={"text": "hello"})
    assert response.status_code == 404
    assert "not found" in response.json()["detail"]


def test_very_long_unknown_session_is_404(client):
    response = client.post(f"/api/chat/sessions/{'x' * 500}/messages", json={"text": "hello"})
    assert response.status_code == 404


def test_empty_text_is_422_with_plain_message(client):
    session_id = new_session(client)
    for body in ({"text": ""}, {"text": "   \n "}, {}):
        response = client.post(f"/api/chat/sessions/{session_id}/messages", json=body)
        assert response.status_code == 422
        assert response.json()["detail"] == "Please type a message before sending."


def test_over_long_text_is_413_with_plain_message(client):
    session_id = new_session(client)
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "a" * 2001})
    assert response.status_code == 413
    assert "too long" in response.json()["detail"]
    assert "2000" in response.json()["detail"]


def test_broken_json_is_422_and_does_not_echo_input(client):
    session_id = new_session(client)
    response = client.post(
        f"/api/chat/sessions/{session_id}/messages",
        content=b'{"text": "07700 900123 call me',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["detail"]
    assert "07700" not in response.text


def test_wrong_types_are_422(client):
    session_id = new_session(client)
    for body in ({"text": 5}, {"text": ["a"]}, [1, 2], "hello"):
        response = client.post(f"/api/chat/sessions/{session_id}/messages", json=body)
        assert response.status_code == 422, body
        assert isinstance(response.json()["detail"], str)


def test_unknown_payload_shape_is_refused(client):
    session_id = new_session(client)
    for payload in ("greet", "/Greet", "/greet; rm -rf", "/" + "a" * 100):
        response = client.post(
            f"/api/chat/sessions/{session_id}/messages", json={"payload": payload}
        )
        assert response.status_code == 422, payload


def test_rasa_down_is_503_with_navigator_contacts_and_message_kept(client):
    session_id = new_session(client)
    response = client.post(
        f"/api/chat/sessions/{session_id}/messages",
        json={"text": "can I get any money for looking after my grandson"},
    )
    assert response.status_code == 503
    body = response.json()
    assert "Kinship Navigators" in body["detail"]
    assert "Traceback" not in response.text
    assert body["contacts"][0]["name"] == "Kinship Navigators"
    # What the person typed is not lost.
    with get_sessionmaker()() as db:
        conversation = db.scalar(select(Conversation).where(Conversation.session_key == session_id))
        texts = [
            m.text
            for m in db.scalars(select(Message).where(Message.conversation_id == conversation.id))
        ]
    assert texts == ["can I get any money for looking after my grandson"]


def test_health_reports_rasa_down(client):
    response = client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert {k: body[k] for k in ("status", "rasa", "database")} == {
        "status": "degraded",
        "rasa": "down",
        "database": "ok",
    }
    assert body["mail"]["status"] in ("ok", "backlog", "failing")  # tests/notifications


def test_html_in_text_is_stored_as_text_not_interpreted(client):
    session_id = new_session(client)
    text = "<script>alert(1)</script> help"
    client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    with get_sessionmaker()() as db:
        stored = db.scalars(select(Message.text).where(Message.text.contains("script"))).all()
    assert text in stored
