"""Greeting, thanks, goodbye and "are you a bot": words from offer_content/dialogue.yml.

A greeting that also names a need ("hi, me nan here, is there any money") gets the greeting and
then the answer: answer first, never a greeting that ignores the question.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TALK_TO_PERSON, latest_text, menu_buttons, offer, phrase, say
from actions.offer_sections import answer_needs
from bot.search import get_search


class ActionGreet(Action):
    def name(self) -> str:
        return "action_greet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = latest_text(tracker)
        asked = get_search().named_needs(text)[:3] if text else []
        if asked:
            say(dispatcher, phrase("greet_short"))
            return answer_needs(dispatcher, tracker, asked)
        say(dispatcher, offer().dialogue["greet"], buttons=menu_buttons())
        return []


class ActionBotChallenge(Action):
    def name(self) -> str:
        return "action_bot_challenge"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(
            dispatcher,
            f"{phrase('bot_challenge')}\n\n{phrase('term_next')}",
            buttons=menu_buttons(),
        )
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
