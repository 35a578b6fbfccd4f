"""Safety first, inside the dialogue too: when Rasa's NLU recognises that someone may be in
danger now (intent `safeguarding_concern`) — a second net behind the app's rule-based check —
the same emergency contacts are given at once. The words and numbers come from offer_content/."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import audience, offer
from bot.core.hours import is_out_of_hours
from bot.safety.response import safety_messages


def send_safety_response(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    for message in safety_messages(
        offer().council,
        in_office_hours=not is_out_of_hours(),
        young_person=audience(tracker) == "young_person",
    ):
        dispatcher.utter_message(json_message=message)


class ActionSafetyResponse(Action):
    def name(self) -> str:
        return "action_safety_response"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        send_safety_response(dispatcher, tracker)
        return []
