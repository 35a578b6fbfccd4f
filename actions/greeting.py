"""Greeting, thanks, goodbye and "are you a bot": words from offer_content/dialogue.yml."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TALK_TO_PERSON, menu_buttons, offer, say


class ActionGreet(Action):
    def name(self) -> str:
        return "action_greet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, offer().dialogue["greet"], buttons=menu_buttons())
        return []


class ActionBotChallenge(Action):
    def name(self) -> str:
        return "action_bot_challenge"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, offer().dialogue["bot_challenge"], buttons=menu_buttons())
        return []


class ActionThank(Action):
    def name(self) -> str:
        return "action_thank"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, offer().dialogue["thanks"], buttons=menu_buttons())
        return []


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, offer().dialogue["goodbye"], buttons=[TALK_TO_PERSON])
        return []
