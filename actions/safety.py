"""The NLU's `safeguarding_concern` intent. Danger is decided in one place, the app's safety
check (bot/safety/: rules that must never miss, then a classifier), which answers every typed
message before Rasa sees it, inside a form too. The intent stays in the NLU so that messages
about harm are not read as other intents, but it no longer raises the emergency reply itself:
with the logistic regression intent classifier (config.yml) it was 0.9999 sure on ordinary
questions that mention past harm ("my nephew's dad died of an overdose last year, is there
bereavement support?"), and on development set 9 it caught no emergency the app's check had
missed while raising the emergency reply on 69 ordinary messages. Such a message is answered
like an unclear one: the reading of its words first (actions/fallback.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import remembers_audience


class ActionSafetyResponse(Action):
    def name(self) -> str:
        return "action_safety_response"

    @remembers_audience
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        from actions.fallback import ActionFallback

        return ActionFallback().run(dispatcher, tracker, domain)
