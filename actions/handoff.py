"""Hand-off to a person: the Kinship Navigators' contact routes (the enquiry form comes later)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import menu_buttons, offer, phrase, say
from bot.core.contacts import contact_sentence


class ActionTalkToPerson(Action):
    def name(self) -> str:
        return "action_talk_to_person"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        navigators = offer().council.navigators
        section = offer().sections["kinship-navigators"]
        say(
            dispatcher,
            f"{phrase('handoff_intro')}\n\n{contact_sentence(navigators)}",
            sections=[section],
            buttons=menu_buttons()[:-1],
            kind="handoff",
        )
        return []
