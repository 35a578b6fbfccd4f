"""Start again: forget everything said in this conversation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from actions.common import menu_buttons, phrase, say


class ActionStartAgain(Action):
    def name(self) -> str:
        return "action_start_again"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, phrase("start_again"), buttons=menu_buttons())
        return [AllSlotsReset()]
