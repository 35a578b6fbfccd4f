"""Shared helpers for the custom actions: message building, section cards, menus.

Every reply is sent as one JSON message shaped like the chat API's `Message`
(text, buttons, sections, kind), so the app passes it through unchanged.
Words come from offer_content/ (sections and dialogue.yml), never from code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.offer.loader import get_offer
from bot.offer.models import Offer, Section

# Each need intent answers with one offer section (ids from DESIGN.md).
NEED_INTENT_TO_SECTION: dict[str, str] = {
    "need_support_groups": "support-groups-and-training",
    "need_financial_support": "financial-support",
    "need_staying_in_work": "staying-in-work",
    "need_housing": "housing",
    "need_education": "education",
    "need_early_years": "early-years",
    "need_family_time": "family-time",
    "need_family_group_conference": "family-group-conference",
    "need_legal_support": "legal-support",
    "need_therapeutic_support": "therapeutic-support",
    "need_health_and_wellbeing": "health-and-wellbeing",
    "need_kinship_navigators": "kinship-navigators",
    "need_family_hubs": "family-hubs-and-activities",
}
SECTION_TO_NEED_INTENT = {section: intent for intent, section in NEED_INTENT_TO_SECTION.items()}

# The needs offered as quick replies on the menu, most asked first.
MENU_SECTIONS = (
    "financial-support",
    "support-groups-and-training",
    "education",
    "housing",
    "therapeutic-support",
    "legal-support",
)

TALK_TO_PERSON = {"title": "Talk to a person", "payload": "/request_human"}


def offer() -> Offer:
    return get_offer()


def button(title: str, payload: str) -> dict[str, str]:
    return {"title": title, "payload": payload}


def section_ref(section: Section) -> dict[str, str]:
    return {"id": section.id, "title": section.title, "url": offer().section_url(section.id)}


def say(
    dispatcher: CollectingDispatcher,
    text: str,
    *,
    buttons: Iterable[dict[str, str]] = (),
    sections: Iterable[Section] = (),
    kind: str = "text",
) -> None:
    dispatcher.utter_message(
        json_message={
            "text": text.strip(),
            "buttons": list(buttons),
            "sections": [section_ref(s) for s in sections],
            "kind": kind,
        }
    )


def audience(tracker: Tracker) -> str:
    return tracker.get_slot("audience") or "carer"


def arrangement(tracker: Tracker) -> str | None:
    value = tracker.get_slot("arrangement")
    return value if value in offer().arrangements else None


def needs(tracker: Tracker) -> list[str]:
    return [n for n in (tracker.get_slot("needs") or []) if n in offer().sections]


def sections_shown(tracker: Tracker) -> list[str]:
    return list(tracker.get_slot("sections_shown") or [])


def merged(existing: list[str], new: Iterable[str]) -> list[str]:
    out = list(existing)
    for item in new:
        if item not in out:
            out.append(item)
    return out


def menu_buttons(exclude: Iterable[str] = ()) -> list[dict[str, str]]:
    skip = set(exclude)
    sections = offer().sections
    buttons = [
        button(sections[s].title, f"/{SECTION_TO_NEED_INTENT[s]}")
        for s in MENU_SECTIONS
        if s in sections and s not in skip
    ]
    return [*buttons[:5], TALK_TO_PERSON]


def arrangement_buttons() -> list[dict[str, str]]:
    buttons = [
        button(a.short_title or a.title, f'/inform_arrangement{{"arrangement": "{a.id}"}}')
        for a in offer().arrangements.values()
    ]
    return [*buttons, button("I'm not sure", "/not_sure_arrangement"), TALK_TO_PERSON]


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def ranked_intents(tracker: Tracker) -> list[dict[str, Any]]:
    return list(tracker.latest_message.get("intent_ranking") or [])


def section_text(section: Section, who: str) -> str:
    if who == "young_person":
        return section.young_person_text
    if who == "professional" and section.professional_text:
        return section.professional_text
    return section.carer_text


def phrase(key: str, **values: str) -> str:
    """One of the assistant's fixed phrases from offer_content/dialogue.yml, filled in."""
    text = offer().dialogue[key]
    return text.format(**values) if values else text
