"""Professionals (teachers, health visitors, GP staff, housing officers, social workers): how to
refer a family and what the Kinship Navigators offer them, then the parts of the offer they ask
about in the professionals' words. Never asks a professional about "your arrangement".

What they ask about: the reading of the words (`needs_in_words`), except where a professional's
own question names a topic the reading, which learnt mostly from carers, misses or misplaces
(`PROFESSIONAL_TOPICS`, data: actions/rules/professional_topics.yaml): training for staff, registering a child with a GP, Pupil Premium Plus
and the Virtual School, who has parental responsibility. Then that topic's section answers,
with any section the words name through a distinctive keyword. How to refer a family always
follows (`referral_text`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    carer_button,
    latest_text,
    menu_buttons,
    merged,
    needs,
    needs_in_words,
    offer,
    phrase,
    say,
    section_text,
    unsure_who,
)
from actions.replies import present
from bot.core.contacts import contact_sentence
from bot.search import get_search

NAVIGATORS_SECTION = "kinship-navigators"

# A professional's question -> the section whose professional text answers it (data:
# actions/rules/professional_topics.yaml; the first topic the words show wins).
TOPICS_FILE = Path(__file__).resolve().parent / "rules" / "professional_topics.yaml"


class TopicsFileError(RuntimeError):
    """The topics file cannot be used: the message says what to fix, in plain words."""


def load_topics(path: Path = TOPICS_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, section id) in the file's order; TopicsFileError naming the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TopicsFileError(f"{path.name} cannot be read: {exc}") from None
    out = []
    for number, topic in enumerate(data.get("topics") or [], start=1):
        section = topic.get("section") if isinstance(topic, dict) else None
        patterns = topic.get("patterns") if isinstance(topic, dict) else None
        if not section or not patterns:
            raise TopicsFileError(f"{path.name}: topic {number} needs a section and patterns")
        for pattern in patterns:
            try:
                out.append((re.compile(str(pattern)), str(section)))
            except re.error as exc:
                raise TopicsFileError(
                    f"{path.name}: topic {number} ({section}): the pattern {pattern!r} is not a "
                    f"regular expression ({exc})"
                ) from None
    return tuple(out)


PROFESSIONAL_TOPICS = load_topics()


def professional_topic(text: str) -> str | None:
    """The section of the first professional topic the words show, or None."""
    words = " ".join(text.lower().split())
    return next(
        (section for pattern, section in PROFESSIONAL_TOPICS if pattern.search(words)), None
    )


def asked_by_professional(text: str) -> list[str]:
    """The sections a professional's message asks about, best first: its professional topic with
    the sections its words name through a distinctive keyword (the reading's other guesses left
    out: "is there training for staff" is not about early years or work), else the reading."""
    if not text or text.startswith("/"):
        return []
    topic = professional_topic(text)
    if topic is None:
        return needs_in_words(text)
    return merged([topic], get_search().named_needs(text))


def referral_text() -> str:
    """How to refer a family: the phrase, the navigators' contact details from council.yml, and
    what the navigators offer professionals (the section's professional text)."""
    parts = [phrase("professional_referral"), contact_sentence(offer().council.navigators)]
    section = offer().sections.get(NAVIGATORS_SECTION)
    if section:
        parts.append(section_text(section, "professional"))
    return "\n\n".join(parts)


def respond(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    first = tracker.get_slot("audience") != "professional"
    events: list[dict[str, Any]] = [SlotSet("audience", "professional")]
    if first:
        # "I'm an adult caring for a child" when only the classifier or the NLU intent said a
        # professional is writing.
        say(
            dispatcher,
            phrase("professional_welcome"),
            buttons=[carer_button()] if unsure_who(tracker) else [],
        )
    navigators = offer().sections.get(NAVIGATORS_SECTION)
    shown = [NAVIGATORS_SECTION] if navigators else []
    text = latest_text(tracker)
    asked = [s for s in asked_by_professional(text) if s != NAVIGATORS_SECTION][:2]
    if asked:
        # What they asked about first, then how to refer the family.
        tracker.slots["audience"] = "professional"
        present(dispatcher, tracker, asked)
        events.append(SlotSet("needs", merged(needs(tracker), asked)))
    say(
        dispatcher,
        referral_text(),
        sections=[navigators] if navigators else [],
        kind="section",
    )
    if asked:
        say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=asked))
    else:
        say(dispatcher, phrase("professional_next"), buttons=menu_buttons())
    events.append(
        SlotSet(
            "sections_shown", merged(tracker.get_slot("sections_shown") or [], [*shown, *asked])
        )
    )
    return events
