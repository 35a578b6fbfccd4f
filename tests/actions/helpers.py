"""Run an action on a tracker built from JSON, as Rasa would, and collect what it says; trackers
for the hand-off form (tests/actions/test_handoff.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def tracker(
    intent: str = "greet",
    text: str = "",
    slots: dict[str, Any] | None = None,
    ranking: list[tuple[str, float]] | None = None,
) -> Tracker:
    ranking = ranking or [(intent, 0.95)]
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": slots or {},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": ranking[0][1]},
                "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
                "entities": [],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def run(action, track: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, track, {})
    return [m["custom"] for m in dispatcher.messages], events


def form_tracker(
    requested: str | None = None,
    text: str = "",
    intent: str = "nlu_fallback",
    slots: dict[str, Any] | None = None,
    entities: dict[str, Any] | None = None,
    sender_id: str = "test",
) -> Tracker:
    """A tracker inside the hand-off form (asking for `requested`), or outside it (None)."""
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


def slot_values(events) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
