"""Greeting, thanks, goodbye and "are you a bot": words from offer_content/dialogue.yml.

A greeting that also names a need ("hi, me nan here, is there any money") gets the greeting and
then the answer: answer first, never a greeting that ignores the question.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import professionals, young_people
from actions.common import (
    TALK_TO_PERSON,
    asked_needs,
    audience,
    earlier_text,
    latest_text,
    menu_buttons,
    offer,
    phrase,
    remembers_audience,
    say,
    says_carer,
)
from actions.follow_ups import answers_follow_ups
from actions.replies import answer_needs


def greet(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str | None = None
) -> list[dict[str, Any]]:
    """A carer's greeting, with the answer when the message (or `text`) also asks something."""
    text = latest_text(tracker) if text is None else text
    asked = asked_needs(tracker, text) if text else []
    if asked:
        say(dispatcher, phrase("greet_short"))
        return answer_needs(dispatcher, tracker, asked)
    say(dispatcher, offer().dialogue["greet"], buttons=menu_buttons())
    return []


class ActionGreet(Action):
    # A first message that shows nobody is followed by "are you a young person...?".
    asks_who_is_writing = True

    def name(self) -> str:
        return "action_greet"

    @remembers_audience
    @answers_follow_ups  # "hi again, who do I ring?" after a section
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if says_carer(tracker):
            # "I'm an adult caring for a child", pressed by a carer taken for a young person or a
            # professional: the carer's greeting, answering what they typed before.
            tracker.slots["audience"] = "carer"
            return [
                SlotSet("audience", "carer"),
                *greet(dispatcher, tracker, earlier_text(tracker)),
            ]
        # "hi im 12", "hello, health visitor here": greeted in their own voice.
        who = audience(tracker)
        if who == "young_person":
            if tracker.get_slot("audience") == "young_person" and not young_people.asks_something(
                tracker
            ):
                say(
                    dispatcher,
                    f"{phrase('young_person_next')}\n\n{phrase('young_person_childline')}",
                    buttons=young_people.question_buttons(),
                )
                return []
            return young_people.respond(dispatcher, tracker)
        if who == "professional" and tracker.get_slot("audience") != "professional":
            return professionals.respond(dispatcher, tracker)
        return greet(dispatcher, tracker)


class ActionBotChallenge(Action):
    def name(self) -> str:
        return "action_bot_challenge"

    @remembers_audience
    @answers_follow_ups  # "am I able to get this?" (read as "are you a bot")
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if audience(tracker) == "young_person":
            say(
                dispatcher,
                f"{phrase('young_person_welcome')}\n\n{phrase('young_person_choose')}",
                buttons=young_people.question_buttons(),
            )
            return []
        say(
            dispatcher,
            f"{phrase('bot_challenge')}\n\n{phrase('term_next')}",
            buttons=menu_buttons(),
        )
        return []


class ActionThank(Action):
    def name(self) -> str:
        return "action_thank"

    @remembers_audience
    @answers_follow_ups  # "ok thanks, how do I apply?"
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, offer().dialogue["thanks"], buttons=menu_buttons())
        return []


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    @remembers_audience
    @answers_follow_ups  # "am I eligible for that?" (read as goodbye)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        say(dispatcher, offer().dialogue["goodbye"], buttons=[TALK_TO_PERSON])
        return []
