"""'What's an SGO?': plain meanings from the glossary (offer_content/glossary.yml), and
'who can make decisions for the child?' from the arrangements (offer_content/arrangements.yml)."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    TALK_TO_PERSON,
    arrangement_button,
    arrangement_buttons,
    audience,
    latest_text,
    menu_buttons,
    offer,
    phrase,
    remembers_audience,
    resolve_arrangement,
    say,
)
from actions.follow_ups import answer_follow_up
from actions.greeting import greet
from actions.replies import answer_needs
from bot.offer.models import Term
from bot.search import get_search

# Words that ask what something means.
_ASKING = re.compile(
    r"\b(?:what|whats|what's|wat|wats|wot|wots|mean|means|meaning|stand for|stands for|explain)\b",
    re.IGNORECASE,
)


# "what's up", "wassup", "sup": a greeting that the NLU can take for "what is <word>".
_WHATS_UP = re.compile(
    r"\b(?:what'?s|wh?ats|wots?|wuts?)\s*up\b|\bwass+up\b|^\W*sup\b", re.IGNORECASE
)


def asked_term(tracker: Tracker) -> Term | None:
    """The glossary term the message asks about: the `term` entity as written, else the
    glossary match nearest the words that ask, else the longest."""
    text = tracker.latest_message.get("text") or ""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") != "term":
            continue
        start, end = entity.get("start"), entity.get("end")
        written = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
        for words in (written, str(entity.get("value") or "")):
            term = offer().term_for(words) if words else None
            if term:
                return term
    text = latest_text(tracker)
    hits = get_search().find_terms(text)
    if not hits:
        return None
    # Several terms named ("what is an sgo my nan said we have one" names a grandparent too):
    # the one nearest the words that ask ("what", "mean", "stand for"); else the longest.
    asking = [m.start() for m in _ASKING.finditer(text)]
    if not asking:
        return max(hits, key=lambda h: h.end - h.start).term

    def distance(hit) -> int:
        return min(min(abs(a - hit.start), abs(a - hit.end)) for a in asking)

    return min(hits, key=lambda h: (distance(h), -(h.end - h.start))).term


class ActionExplainTerm(Action):
    # A first message that shows nobody is followed by "are you a young person...?".
    asks_who_is_writing = True

    def name(self) -> str:
        return "action_explain_term"

    @remembers_audience
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        term = asked_term(tracker)
        if term is None and (answered := answer_follow_up(dispatcher, tracker)) is not None:
            return answered  # "what's next?", "what's the number?" after a section
        if term is None and _WHATS_UP.search(latest_text(tracker)):
            # "heyyy whats up" is a greeting, not a word to explain
            return greet(dispatcher, tracker)
        if term is None:
            say(dispatcher, phrase("term_unknown"), buttons=menu_buttons(), kind="term")
            return []
        if audience(tracker) == "young_person":
            # Young people: their meaning, Childline and a trusted adult, their next questions.
            from actions.young_people import question_buttons, welcome_once

            welcome_once(dispatcher, tracker)
            say(
                dispatcher,
                f"**{term.term}**\n{term.young_person_meaning}\n\n"
                f"{phrase('young_person_childline')}\n\n{phrase('young_person_choose')}",
                buttons=question_buttons(),
                kind="term",
            )
            return []
        meaning = term.meaning
        buttons = menu_buttons()
        if term.arrangement in offer().arrangements and not tracker.get_slot("arrangement"):
            buttons = [
                arrangement_button(term.arrangement, phrase("button_this_is_mine")),
                *buttons,
            ]
        # "What is pupil premium plus and does my grandson get it?": the meaning, then the
        # part of the offer the question is about.
        text = latest_text(tracker)
        asked = get_search().named_needs(text)[:2] if text else []
        if asked:
            say(dispatcher, f"**{term.term}**\n{meaning}", kind="term")
            return answer_needs(dispatcher, tracker, asked, arrangement_from_text=False)
        say(
            dispatcher,
            f"**{term.term}**\n{meaning}\n\n{phrase('term_next')}",
            buttons=buttons,
            kind="term",
        )
        return []


class ActionExplainParentalResponsibility(Action):
    """Who can make decisions (school forms, doctors, holidays abroad) — depends on the
    arrangement; asks for it (with "I'm not sure") only when it is not known."""

    # A first message that shows nobody is followed by "are you a young person...?".
    asks_who_is_writing = True

    def name(self) -> str:
        return "action_explain_parental_responsibility"

    @remembers_audience
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if audience(tracker) == "young_person":
            # "Is my nan allowed to sign my school trip form?": who makes decisions, in their words.
            from actions.young_people import end_with_childline, welcome_once

            term = offer().term_for("parental responsibility")
            welcome_once(dispatcher, tracker)
            meaning = f"**{term.term}**\n{term.young_person_meaning}" if term else ""
            end_with_childline(dispatcher, before=meaning, kind="term")
            return []
        known, events = resolve_arrangement(tracker)
        term = offer().term_for("parental responsibility")
        meaning = f"**{term.term}**\n{term.meaning}\n\n" if term else ""
        if known:
            item = offer().arrangements[known]
            say(
                dispatcher,
                f"{meaning}**{item.title}**\n{item.parental_responsibility}\n\n{phrase('more_help')}",
                buttons=[*menu_buttons()[:-1], TALK_TO_PERSON],
                kind="term",
            )
        else:
            say(
                dispatcher,
                f"{meaning}{phrase('pr_intro')} {phrase('pr_ask_arrangement')}",
                buttons=arrangement_buttons(),
                kind="term",
            )
        return events
