"""Factories shared by the hand-off tests: trackers for the form, stored conversations."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker


def form_tracker(
    requested: str | None = None,
    text: str = "",
    intent: str = "nlu_fallback",
    slots: dict[str, Any] | None = None,
    entities: dict[str, Any] | None = None,
    sender_id: str = "test",
) -> Tracker:
    all_slots = {"requested_slot": requested, **(slots or {})}
    return Tracker.from_dict(
        {
            "sender_id": sender_id,
            "slots": all_slots,
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.9},
                "intent_ranking": [{"name": intent, "confidence": 0.9}],
                "entities": [
                    {"entity": name, "value": value} for name, value in (entities or {}).items()
                ],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "handoff_form"} if requested else {},
            "latest_action_name": "action_listen",
        }
    )


def run(action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return [m["custom"] for m in dispatcher.messages], events


def slot_values(events) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def stored_conversation(*texts: tuple[str, str]) -> str:
    """A conversation with messages (sender, text) in the app's database; returns its id."""
    with get_sessionmaker()() as db:
        conversation = Conversation(arrangement="sgo", needs=["housing"])
        db.add(conversation)
        db.flush()
        for sender, text in texts:
            db.add(Message(conversation_id=conversation.id, sender=sender, text=text))
        db.commit()
        return conversation.id
