"""Openings of young people and professionals: set the `audience` slot and route them to their
texts (each section's `young_person_text` / `professional_text`). Their full journeys come
later; a question in the same message is answered at once."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_intent, latest_text, menu_buttons, merged, needs, phrase, say
from actions.offer_sections import present
from bot.search import get_search

AUDIENCE_BY_INTENT = {
    "young_person_opening": "young_person",
    "professional_opening": "professional",
}
WELCOME = {"young_person": "young_person_welcome", "professional": "professional_welcome"}


class ActionSetAudience(Action):
    def name(self) -> str:
        return "action_set_audience"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        who = AUDIENCE_BY_INTENT.get(latest_intent(tracker), "carer")
        events: list[dict[str, Any]] = [SlotSet("audience", who)]
        text = latest_text(tracker)
        asked = get_search().named_needs(text)[:2] if text else []
        welcome = phrase(WELCOME.get(who, "greet"))
        if not asked:
            follow = phrase("young_person_next") if who == "young_person" else ""
            say(dispatcher, f"{welcome}\n\n{follow}".strip(), buttons=menu_buttons())
            return events
        say(dispatcher, welcome)
        # `present` reads the audience from the tracker: set it on a copy of the slots first.
        tracker.slots["audience"] = who
        present(dispatcher, tracker, asked)
        say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=asked))
        return [
            *events,
            SlotSet("needs", merged(needs(tracker), asked)),
            SlotSet("sections_shown", merged(tracker.get_slot("sections_shown") or [], asked)),
        ]
