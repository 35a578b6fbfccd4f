"""Openings of young people and professionals: set the `audience` slot and answer in their
voice — young people through actions/young_people.py (short answers, Childline, a trusted
adult), professionals through actions/professionals.py (how to refer a family).

Who is writing: the rules of bot/understanding/audience_rules.py when the words show it clearly
("I'm 13", "one of our pupils", "my grandson lives with me"), otherwise the intent. Other actions
read the same rules for the first messages (actions/common.py `audience`)."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import professionals, young_people
from actions.common import is_first_message, latest_intent, latest_text, remembers_audience
from bot.understanding import audience_rules
from bot.understanding.who_is_writing import age_given, by_intent, clear_audience

AUDIENCE_BY_INTENT = {
    "young_person_opening": "young_person",
    "professional_opening": "professional",
}
# A carer describing themselves ("hello, I'm a grandmother") is not a professional, unless
# they also name a professional role.
CARER_SELF = re.compile(
    r"\b(?:i'?m|i am|im)\s+(?:a\s+|the\s+|his\s+|her\s+|their\s+)?(?:nan|nana|nanna|gran|granny|"
    r"grandma|grandmother|grandad|grandpa|grandfather|grandparent|aunt|auntie|aunty|uncle|"
    r"kinship carer|special guardian|foster carer)\b"
)
PROFESSIONAL_WORDS = re.compile(
    r"\b(?:teacher|school|pupil|student|health visitor|nurse|gp|doctor|housing|social worker|"
    r"refer|referral|caseload|my families|one of my families|professional|worker|officer)\b"
)
# Someone who says they are this old is not a child, whatever the words looked like
# ("I'm 62 and live with my grandson").
ADULT_AGE = 21


class ActionSetAudience(Action):
    def name(self) -> str:
        return "action_set_audience"

    @remembers_audience
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = latest_text(tracker)
        if text and not is_first_message(tracker) and audience_rules.detect(text).audience is None:
            # A typed follow-up ("can you say that more simply") that the NLU took for someone
            # saying who they are, with no clear cue in the words: who is writing stays as it
            # was, and the message is answered as an unclear one.
            from actions.fallback import ActionFallback

            return ActionFallback().run(dispatcher, tracker, domain)
        clear = clear_audience(text) if text else None
        known = tracker.get_slot("audience")
        known = known if known in ("young_person", "professional") else None
        if clear == "carer" and known:
            clear = None  # "I look after my little sister" from a young person already known
        if text:  # typed: the words, else the intent unless the classifier gives a carer
            who = clear or by_intent(text, latest_intent(tracker)) or known or "carer"
        else:  # a button ("I'm a young person")
            who = AUDIENCE_BY_INTENT.get(latest_intent(tracker), "carer")
        if who == "young_person" and not clear:
            text = latest_text(tracker)
            age = age_given(text) if text else None
            if age is not None and age >= ADULT_AGE:
                who = "carer"
        if who == "professional" and not clear:
            text = latest_text(tracker).lower()
            if CARER_SELF.search(text) and not PROFESSIONAL_WORDS.search(text):
                who = "carer"
        if who == "young_person":
            return young_people.respond(dispatcher, tracker)
        if who == "professional":
            return professionals.respond(dispatcher, tracker)
        # A carer: greet, and answer at once what the message asks about.
        from actions.greeting import greet

        tracker.slots["audience"] = "carer"
        return [SlotSet("audience", "carer"), *greet(dispatcher, tracker)]
