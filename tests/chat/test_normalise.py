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
