"""No request body over the limit is read (bot/core/body_limit.py), declared or not."""

from __future__ import annotations

from bot.core.body_limit import MAX_BODY_BYTES, MESSAGE


def test_a_body_declared_too_large_is_refused_in_plain_words(client):
    session = client.post("/api/chat/sessions").json()["session_id"]
    big = '{"text": "' + "a" * (MAX_BODY_BYTES + 10) + '"}'
    response = client.post(
        f"/api/chat/sessions/{session}/messages",
        content=big,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": MESSAGE}


def test_a_body_sent_in_chunks_is_refused_once_past_the_limit(client):
    session = client.post("/api/chat/sessions").json()["session_id"]
    chunks_sent = []

    def chunks():
        yield b'{"text": "'
        for _ in range(20):
            chunks_sent.append(1)
            yield b"a" * 8192
        yield b'"}'

    response = client.post(
        f"/api/chat/sessions/{session}/messages",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": MESSAGE}


def test_an_ordinary_body_is_read(client):
    response = client.post("/api/chat/sessions")
    assert response.status_code == 201


def test_rasas_calls_to_the_actions_have_room_for_a_long_conversation(client):
    from bot.core.body_limit import ACTIONS_PATH

    big = b"x" * (MAX_BODY_BYTES * 4)
    response = client.post(ACTIONS_PATH + "webhook", content=big)
    assert response.status_code != 413  # refused for its token or its shape, not its size
