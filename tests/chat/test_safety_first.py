"""Safety comes first, in the app, even when Rasa is down (Rasa is "down" in these tests)."""

from __future__ import annotations


def new_session(client) -> str:
    return client.post("/api/chat/sessions").json()["session_id"]


def say(client, session_id, **body):
    return client.post(f"/api/chat/sessions/{session_id}/messages", json=body)


def test_danger_message_gets_emergency_contacts_without_rasa(client):
    session_id = new_session(client)
    response = say(client, session_id, text="his dad is outside the house threatening to kill him")
    assert response.status_code == 200
    body = response.json()
    assert body["safeguarding"] is True
    first = body["messages"][0]
    assert "999" in first["text"]
    assert all(m["kind"] == "safeguarding" for m in body["messages"])
    everything = " ".join(m["text"] for m in body["messages"])
    assert "0808 800 5000" in everything  # NSPCC
    assert "0800 1111" in everything  # Childline
    payloads = [b["payload"] for m in body["messages"] for b in m["buttons"]]
    assert '/request_human{"urgent": true}' in payloads
    assert "/resume" in payloads


def test_ordinary_worry_is_not_an_emergency(client):
    session_id = new_session(client)
    response = say(client, session_id, text="the cost of living has hit us hard")
    # Not a safety response: it goes to Rasa, which is down here.
    assert response.status_code == 503


def test_carry_on_after_a_safety_response_without_earlier_turns(client):
    session_id = new_session(client)
    say(client, session_id, text="i want to kill myself")
    response = say(client, session_id, payload="/resume")
    assert response.status_code == 200
    body = response.json()
    assert body["safeguarding"] is False
    assert body["messages"][0]["buttons"], "a next step is always offered"
