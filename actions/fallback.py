"""No dead ends: "did you mean" choices for unclear messages, a pointer for out-of-scope ones."""

from __future__ import annotations

import functools
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.arrangement_quiz import repeat_question, settled_in_words
from actions.common import (
    NEED_INTENT_TO_SECTION,
    SECTION_TO_NEED_INTENT,
    TALK_TO_PERSON,
    arrangement_in_words,
    audience,
    button,
    latest_text,
    menu_buttons,
    merged,
    offer,
    phrase,
    ranked_intents,
    remembers_audience,
    say,
)
from actions.follow_ups import answers_follow_ups
from actions.professionals import professional_topic
from actions.replies import answer_needs, tailor
from bot.search import get_search
from bot.understanding import audience_rules
from bot.understanding.reading import asked_in

DID_YOU_MEAN_MIN_CONFIDENCE = 0.1
DID_YOU_MEAN_CHOICES = 3


def classified_needs(text: str) -> list[str]:
    """The sections a message asks about, by the one reading of its words (pretrained sentence
    embeddings; bot/understanding/reading.py) when it is likely enough; [] otherwise."""
    return asked_in(text) if text else []


def did_you_mean(tracker: Tracker) -> list[str]:
    """Section ids to offer: what the search over the offer finds in the words, then the need
    intents the model half-recognised."""
    found: list[str] = []
    text = latest_text(tracker)
    if text:
        found = [hit.section_id for hit in get_search().search(text, limit=DID_YOU_MEAN_CHOICES)]
    for ranked in ranked_intents(tracker):
        section_id = NEED_INTENT_TO_SECTION.get(ranked.get("name", ""))
        if section_id and ranked.get("confidence", 0) >= DID_YOU_MEAN_MIN_CONFIDENCE:
            found = merged(found, [section_id])
    return found[:DID_YOU_MEAN_CHOICES]


def ends_the_turn(run):
    """The fallback action is also Rasa's core fallback (config.yml: `core_fallback_action_name`),
    predicted when no rule or story knows what comes next. Without an explicit "listen" after
    it, Rasa predicts it again in the same state, ten times (its circuit breaker), and the
    conversation is left not listening: every later message got an empty reply. So it always
    hands the turn back to the person."""

    @functools.wraps(run)
    def wrapper(self, dispatcher, tracker, domain):
        events = list(run(self, dispatcher, tracker, domain) or [])
        return [*events, FollowupAction("action_listen")]

    return wrapper


class ActionFallback(Action):
    # A first message that shows nobody is followed by "are you a young person...?".
    asks_who_is_writing = True

    def name(self) -> str:
        return "action_fallback"

    @ends_the_turn
    @remembers_audience
    @answers_follow_ups  # "how do I apply?" about a section shown: its answer, not "sorry"
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        settled = settled_in_words(dispatcher, tracker)  # the arrangement questions answered
        if settled is not None:  # in the person's own words
            return settled
        if repeat_question(dispatcher, tracker):  # in the middle of the arrangement questions
            return []
        if audience(tracker) == "young_person":  # their questions, Childline, a trusted adult
            from actions import young_people

            return young_people.respond(dispatcher, tracker)
        text = latest_text(tracker)
        if audience(tracker) == "professional" and professional_topic(text):
            # A professional's own question the reading misses ("GP practice: gran wants to
            # register the children, no paperwork, who has PR?"): their answer at once.
            from actions import professionals

            return professionals.respond(dispatcher, tracker)
        # Rasa was unsure; a model that knows more English reads the words again.
        named = classified_needs(text)
        about_kinship = bool(text) and audience_rules.detect(text).audience is not None
        if not named and about_kinship:
            named = get_search().named_needs(text)[:2]
        if named:
            # The model was unsure, but the words are clearly a carer's (or a professional's)
            # and name a part of the offer ("we have no money left since the 3 kids came to live
            # with us"): answer first rather than ask again. ("My neighbours' music is too
            # loud" names housing words too, but says nothing of a kinship family.)
            return answer_needs(dispatcher, tracker, named)
        shown = arrangement_in_words(text) if text else None
        if shown:
            # The words describe the family's arrangement and ask for nothing ("a social worker
            # comes round every week"): what it means, and what it adds to what they asked
            # before (or a question about their needs), not "Sorry, I did not understand".
            intro = phrase("arrangement_from_words")
            return [SlotSet("arrangement", shown), *tailor(dispatcher, tracker, shown, intro)]
        choices = [
            button(offer().sections[s].title, f"/{SECTION_TO_NEED_INTENT[s]}")
            for s in did_you_mean(tracker)
        ]
        buttons = [*choices, TALK_TO_PERSON] if choices else menu_buttons()
        say(dispatcher, phrase("fallback"), buttons=buttons, kind="fallback")
        return []


class ActionOutOfScope(Action):
    """A polite pointer elsewhere, a reminder of what this assistant can do, and no section."""

    def name(self) -> str:
        return "action_out_of_scope"

    @remembers_audience
    @answers_follow_ups  # "how do I apply?" after a section: its answer, not "elsewhere"
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        asked = classified_needs(latest_text(tracker))
        if audience(tracker) == "young_person":
            from actions import young_people

            if asked:  # "how do i get a bus pass now i live with my nan": their own answer
                return young_people.respond(dispatcher, tracker)
            young_people.welcome_once(dispatcher, tracker)
            say(
                dispatcher,
                f"{phrase('young_person_not_sure')}\n\n{phrase('young_person_childline')}",
                buttons=young_people.question_buttons(),
                kind="out_of_scope",
            )
            return [SlotSet("audience", "young_person"), *young_people.age_events(tracker)]
        if asked:
            # Rasa took it for something the council does elsewhere, but the words ask about a
            # part of the offer ("can I get help with uniform for my grandson"): answer that.
            return answer_needs(dispatcher, tracker, asked)
        say(
            dispatcher,
            f"{phrase('out_of_scope')}\n\n{phrase('out_of_scope_next')}",
            buttons=menu_buttons(),
            kind="out_of_scope",
        )
        return []
