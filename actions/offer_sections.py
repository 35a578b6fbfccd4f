"""Answer first: show the offer sections a message asks about, then tailor to the arrangement."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    NEED_INTENT_TO_SECTION,
    TALK_TO_PERSON,
    arrangement,
    arrangement_buttons,
    audience,
    button,
    latest_intent,
    menu_buttons,
    merged,
    needs,
    offer,
    phrase,
    ranked_intents,
    say,
    section_text,
    sections_shown,
)
from bot.offer.models import Section

# A second need intent this confident is treated as also asked about ("money and housing").
SECOND_NEED_CONFIDENCE = 0.2


def needs_in_message(tracker: Tracker) -> list[str]:
    """Section ids the latest message asks about, most confident first."""
    found: list[str] = []
    first = NEED_INTENT_TO_SECTION.get(latest_intent(tracker))
    if first:
        found.append(first)
    for ranked in ranked_intents(tracker)[1:3]:
        section = NEED_INTENT_TO_SECTION.get(ranked.get("name", ""))
        if section and ranked.get("confidence", 0) >= SECOND_NEED_CONFIDENCE:
            found = merged(found, [section])
    return found


def tailored_note(section: Section, arrangement_id: str) -> str:
    """What everyone gets from this section, and what this arrangement additionally gets."""
    arrangement_title = offer().arrangements[arrangement_id].title
    parts = [section.arrangement_note("everyone")]
    extra = section.arrangement_note(arrangement_id)
    if extra:
        parts.append(phrase("tailored_extra", arrangement=arrangement_title) + "\n" + extra)
    return f"**{section.title}**\n" + "\n\n".join(p for p in parts if p)


def present(dispatcher: CollectingDispatcher, tracker: Tracker, section_ids: list[str]) -> None:
    who = audience(tracker)
    known = arrangement(tracker)
    for section_id in section_ids:
        section = offer().sections[section_id]
        text = f"**{section.title}**\n{section_text(section, who)}"
        if known and who == "carer":
            text += "\n\n" + tailored_note(section, known).split("\n", 1)[1]
        say(dispatcher, text, sections=[section], kind="section")


class ActionShowSections(Action):
    def name(self) -> str:
        return "action_show_sections"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        asked = needs_in_message(tracker)
        if not asked:
            say(dispatcher, phrase("fallback"), buttons=menu_buttons())
            return []
        present(dispatcher, tracker, asked)
        if audience(tracker) == "carer" and not arrangement(tracker):
            say(dispatcher, phrase("ask_arrangement"), buttons=arrangement_buttons())
        else:
            say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=asked))
        return [
            SlotSet("needs", merged(needs(tracker), asked)),
            SlotSet("sections_shown", merged(sections_shown(tracker), asked)),
        ]


class ActionTailorOffer(Action):
    def name(self) -> str:
        return "action_tailor_offer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        known = arrangement(tracker)
        if not known:
            say(dispatcher, phrase("ask_arrangement"), buttons=arrangement_buttons())
            return []
        described = offer().arrangements[known]
        asked = needs(tracker)
        if not asked:
            say(
                dispatcher,
                f"**{described.title}**\n{described.description}\n\n{described.council_support}"
                f"\n\n{phrase('ask_need')}",
                buttons=menu_buttons(),
            )
            return []
        for section_id in asked:
            section = offer().sections[section_id]
            say(dispatcher, tailored_note(section, known), sections=[section], kind="section")
        say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=asked))
        return [SlotSet("sections_shown", merged(sections_shown(tracker), asked))]


class ActionAskArrangement(Action):
    def name(self) -> str:
        return "action_ask_arrangement"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        lines = [phrase("arrangement_unsure")]
        for item in offer().arrangements.values():
            lines.append(f"- **{item.title}**: {item.description}")
        say(dispatcher, "\n".join(lines), buttons=arrangement_buttons())
        return []


class ActionShowOffer(Action):
    def name(self) -> str:
        return "action_show_offer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        sections = list(offer().sections.values())
        say(
            dispatcher,
            phrase("offer_overview"),
            sections=sections,
            buttons=menu_buttons(),
            kind="overview",
        )
        return []
