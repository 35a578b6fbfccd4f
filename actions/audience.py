"""Openings of young people and professionals: set the `audience` slot and answer in their
voice — young people through actions/young_people.py (short answers, Childline, a trusted
adult), professionals through actions/professionals.py (how to refer a family)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import professionals, young_people
from actions.common import latest_intent, latest_text, menu_buttons, phrase, say

AUDIENCE_BY_INTENT = {
    "young_person_opening": "young_person",
    "professional_opening": "professional",
}
# Someone who says they are this old is not a child, whatever the words looked like
# ("I'm 62 and live with my grandson").
ADULT_AGE = 21


class ActionSetAudience(Action):
    def name(self) -> str:
        return "action_set_audience"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        who = AUDIENCE_BY_INTENT.get(latest_intent(tracker), "carer")
        if who == "young_person":
            text = latest_text(tracker)
            age = young_people.stated_age(text) if text else None
            if age is not None and age >= ADULT_AGE:
                who = "carer"
        if who == "young_person":
            return young_people.respond(dispatcher, tracker)
        if who == "professional":
            return professionals.respond(dispatcher, tracker)
        say(dispatcher, phrase("greet"), buttons=menu_buttons())
        return [SlotSet("audience", "carer")]
