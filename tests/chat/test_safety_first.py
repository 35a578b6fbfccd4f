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


def test_a_young_person_in_danger_on_a_first_message_is_pointed_to_childline_first(client):
    young = say(client, new_session(client), text="im 13 and my mums boyfriend hits me every night")
    adult = say(client, new_session(client), text="my grandson's dad hits him every night")
    for response in (young, adult):
        assert response.status_code == 200 and response.json()["safeguarding"] is True

    def order(response) -> tuple[int, int]:
        text = " ".join(m["text"] for m in response.json()["messages"])
        return text.index("0800 1111"), text.index("0808 800 5000")  # Childline, NSPCC

    childline, nspcc = order(young)
    assert childline < nspcc
    assert young.json()["context"]["audience"] == "young_person"
    childline, nspcc = order(adult)
    assert nspcc < childline
    assert adult.json()["context"]["audience"] == "carer"
