"""No dead ends: "did you mean" choices for unclear messages, a pointer for out-of-scope ones."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    NEED_INTENT_TO_SECTION,
    TALK_TO_PERSON,
    button,
    menu_buttons,
    offer,
    phrase,
    ranked_intents,
    say,
)

DID_YOU_MEAN_MIN_CONFIDENCE = 0.1


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        choices = []
        for ranked in ranked_intents(tracker):
            section_id = NEED_INTENT_TO_SECTION.get(ranked.get("name", ""))
            if section_id and ranked.get("confidence", 0) >= DID_YOU_MEAN_MIN_CONFIDENCE:
                title = offer().sections[section_id].title
                choices.append(button(title, f"/{ranked['name']}"))
        buttons = [*choices[:3], TALK_TO_PERSON] if choices else menu_buttons()
        say(dispatcher, phrase("fallback"), buttons=buttons, kind="fallback")
        return []


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, phrase("out_of_scope"), buttons=menu_buttons(), kind="out_of_scope")
        return []
