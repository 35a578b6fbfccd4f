"""Answer first: show the offer sections a message asks about, then tailor to the arrangement."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import young_people
from actions.common import (
    arrangement_buttons,
    arrangement_question,
    audience,
    menu_buttons,
    offer,
    phrase,
    remembers_audience,
    resolve_arrangement,
    say,
)
from actions.follow_ups import answers_follow_ups
from actions.replies import (
    answer_needs,
    needs_in_message,
    tailor,
)
from actions.terms import ActionExplainTerm, asked_term


class ActionShowSections(Action):
    # A first message that shows nobody is followed by "are you a young person...?".
    asks_who_is_writing = True

    def name(self) -> str:
        return "action_show_sections"

    @remembers_audience
    @answers_follow_ups  # "how do I apply for the allowance?" after it: the answer, no repeat
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        who = audience(tracker)
        if who == "young_person":
            # A young person asking about money or school ("does my nan get paid for me"): their
            # own answer when it is one of their common questions, else the offer in their words.
            if young_people.asked_question(tracker):
                return young_people.respond(dispatcher, tracker)
            asked = needs_in_message(tracker)
            if not asked:
                return young_people.respond(dispatcher, tracker)
            young_people.welcome_once(dispatcher, tracker)
            return [
                SlotSet("audience", "young_person"),
                *young_people.age_events(tracker),
                *answer_needs(dispatcher, tracker, asked),
            ]
        asked = needs_in_message(tracker)
        if not asked:
            say(dispatcher, phrase("fallback"), buttons=menu_buttons())
            return []
        if who == "professional" and tracker.get_slot("audience") != "professional":
            say(dispatcher, phrase("professional_welcome"))
        return answer_needs(dispatcher, tracker, asked)


class ActionTailorOffer(Action):
    """The arrangement is now known: what it means, then what it adds to each need asked about
    (including needs named in this same message)."""

    def name(self) -> str:
        return "action_tailor_offer"

    @remembers_audience
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        known, events = resolve_arrangement(tracker)
        events.append(SlotSet("quiz_step", None))
        if not known and audience(tracker) == "young_person":
            # "Am I in care?": never the carers' arrangement question; the word's meaning for
            # them when the message names one, else their own questions.
            if asked_term(tracker):
                return events + ActionExplainTerm().run(dispatcher, tracker, domain)
            return events + young_people.respond(dispatcher, tracker)
        if not known:
            question, buttons = arrangement_question(tracker)
            say(dispatcher, question, buttons=buttons)
            return events
        return events + tailor(dispatcher, tracker, known, intro=None)


class ActionAskArrangement(Action):
    """Lists the arrangements with a short description each, with buttons."""

    def name(self) -> str:
        return "action_ask_arrangement"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        lines = [phrase("ask_arrangement")]
        for item in offer().arrangements.values():
            lines.append(f"- **{item.title}**: {item.description}")
        say(dispatcher, "\n".join(lines), buttons=arrangement_buttons())
        return []


class ActionShowOffer(Action):
    # A first message that shows nobody is followed by "are you a young person...?".
    asks_who_is_writing = True

    def name(self) -> str:
        return "action_show_offer"

    @remembers_audience
    @answers_follow_ups  # "then what?" after a section is not a request for the whole offer
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        show_offer(dispatcher)
        return []


def show_offer(dispatcher: CollectingDispatcher) -> None:
    sections = list(offer().sections.values())
    say(
        dispatcher,
        phrase("offer_overview"),
        sections=sections,
        buttons=menu_buttons(),
        kind="overview",
    )
