"""Rasa's action endpoint (bot/actions_server/router.py): it needs the shared token, and each
action's reply carries the conversation's context after its events back to the chat API."""


def test_action_endpoint_requires_token(client):
    response = client.post("/internal/rasa/webhook", json={"next_action": "action_greet"})
    assert response.status_code == 401
    response = client.post(
        "/internal/rasa/webhook?token=wrong", json={"next_action": "action_greet"}
    )
    assert response.status_code == 401


def test_each_action_reports_the_context_after_its_events():
    from bot.actions_server.router import context_after

    call = {
        "tracker": {
            "slots": {"arrangement": "sgo", "audience": "carer", "needs": [], "contact": "x"}
        }
    }
    events = [
        {"event": "slot", "name": "needs", "value": ["housing"]},
        {"event": "slot", "name": "contact_detail", "value": "07700 900000"},
    ]
    context = context_after(call, events)
    assert context == {
        "arrangement": "sgo",
        "audience": "carer",
        "needs": ["housing"],
        "carer_name": None,
        "enquiry_reference": None,
    }
    # only the slots the chat API needs travel back: no contact details
    assert "contact_detail" not in context
    assert context_after(call, [{"event": "reset_slots"}])["arrangement"] is None


def test_context_rides_on_the_last_message_or_on_its_own_when_a_silent_action_changes_it():
    from bot.actions_server.router import CONTEXT_KEY, attach_context

    call = {"tracker": {"slots": {"arrangement": None}}}
    body = {"events": [], "responses": [{"custom": {"text": "a"}}, {"custom": {"text": "b"}}]}
    attach_context(call, body)
    assert CONTEXT_KEY not in body["responses"][0]["custom"]
    assert body["responses"][1]["custom"][CONTEXT_KEY]["arrangement"] is None

    silent = {"events": [], "responses": []}
    attach_context(call, silent)
    assert silent["responses"] == []

    changed = {"events": [{"event": "slot", "name": "arrangement", "value": "sgo"}]}
    attach_context(call, changed)
    assert changed["responses"] == [
        {"custom": {CONTEXT_KEY: changed["responses"][0]["custom"][CONTEXT_KEY]}}
    ]
    assert changed["responses"][0]["custom"][CONTEXT_KEY]["arrangement"] == "sgo"


def test_an_empty_action_token_matches_nothing(client):
    from bot.core import deps
    from bot.main import app
    from bot.settings import get_settings

    def with_token(value: str):
        configured = get_settings().model_copy(update={"action_token": value})
        app.dependency_overrides[deps._settings_without_a_thread] = lambda: configured

    try:
        with_token("a-long-enough-test-token")  # the override is in effect: this one is let in
        assert (
            client.get("/internal/rasa/actions?token=a-long-enough-test-token").status_code == 200
        )
        with_token("")
        response = client.post("/internal/rasa/webhook?token=", json={"next_action": "x"})
        listed = client.get("/internal/rasa/actions?token=")
    finally:
        app.dependency_overrides.clear()
    assert response.status_code == 401
    assert listed.status_code == 401
