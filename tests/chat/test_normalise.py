"""Turning Rasa's REST replies into contract messages."""

from bot.chat.schemas import UserMessage
from bot.chat.service import context_from_slots, normalise, to_rasa_text


def test_custom_payload_becomes_one_message():
    messages = normalise(
        [
            {
                "recipient_id": "x",
                "custom": {
                    "text": "Money",
                    "buttons": [{"title": "Talk to a person", "payload": "/request_human"}],
                    "sections": [
                        {
                            "id": "financial-support",
                            "title": "Money",
                            "url": "/offer/financial-support",
                        }
                    ],
                    "kind": "section",
                },
            }
        ]
    )
    assert len(messages) == 1
    assert messages[0].sections[0].id == "financial-support"
    assert messages[0].kind == "section"


def test_plain_text_and_buttons():
    messages = normalise(
        [{"recipient_id": "x", "text": "Hi", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    )
    assert messages[0].text == "Hi"
    assert messages[0].buttons[0].payload == "/affirm"
    assert messages[0].sections == []


def test_typed_text_cannot_inject_an_intent():
    assert to_rasa_text(UserMessage(text="/request_human")) == "request_human"
    assert to_rasa_text(UserMessage(text="//")) == "?"
    assert to_rasa_text(UserMessage(payload="/greet")) == "/greet"


def test_context_ignores_unknown_values():
    context = context_from_slots(
        {"arrangement": "martian", "audience": "robot", "needs": ["housing", "nope"]}
    )
    assert context.arrangement == "unknown"
    assert context.audience == "carer"
    assert context.needs == ["housing"]


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


def test_the_last_reported_context_of_a_turn_wins_and_is_never_shown():
    from bot.actions_server.router import CONTEXT_KEY
    from bot.chat.service import reported_slots

    replies = [
        {"custom": {"text": "Hello", "kind": "text", CONTEXT_KEY: {"arrangement": "cao"}}},
        {"custom": {"text": "Which order do you have?", "kind": "text"}},
        {"custom": {CONTEXT_KEY: {"arrangement": "sgo"}}},
    ]
    assert reported_slots(replies) == {"arrangement": "sgo"}
    assert [m.text for m in normalise(replies)] == ["Hello", "Which order do you have?"]
    assert reported_slots([{"text": "Hi"}]) is None


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
