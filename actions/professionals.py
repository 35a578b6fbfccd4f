"""Professionals (teachers, health visitors, GP staff, housing officers, social workers): how to
refer a family and what the Kinship Navigators offer them, then the parts of the offer they ask
about in the professionals' words. Never asks a professional about "your arrangement"."""

from __future__ import annotations

from typing import Any

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

NAVIGATORS_SECTION = "kinship-navigators"


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
    asked = [s for s in (needs_in_words(text) if text else []) if s != NAVIGATORS_SECTION][:2]
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
