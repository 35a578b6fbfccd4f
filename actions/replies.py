"""The building blocks of the assistant's replies, shared by the actions: the offer's
sections shown in the reader's words (`present`), answering the needs asked about and the one
next step (`answer_needs`), the arrangement explained and the needs tailored to it (`tailor`), and
the way every answer to a young person ends (`end_with_childline`,
their question buttons). Imports only actions/common.py, so every action module can use it
without an import circle."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    arrangement_question,
    asked_needs,
    audience,
    button,
    carer_button,
    latest_text,
    menu_buttons,
    merged,
    needs,
    offer,
    phrase,
    resolve_arrangement,
    say,
    section_text,
    sections_shown,
    unsure_who,
)
from bot.offer.models import Section, YoungPersonAnswer

QUESTION_ENTITY = "yp_question"
YOUNG_PERSON_INTENT = "young_person_opening"
MAX_QUESTION_BUTTONS = 6


def question_button(key: str, item: YoungPersonAnswer) -> dict[str, str]:
    return button(item.title, f'/{YOUNG_PERSON_INTENT}{{"{QUESTION_ENTITY}": "{key}"}}')


def question_buttons(exclude: str | None = None) -> list[dict[str, str]]:
    return [
        question_button(key, item) for key, item in offer().young_people.items() if key != exclude
    ][:MAX_QUESTION_BUTTONS]


def welcome_buttons(tracker: Tracker) -> list[dict[str, str]]:
    """Under the welcome: "I'm an adult caring for a child" when the rules did not say a young
    person is writing (the classifier or the NLU intent did, and a carer may be taken for one)."""
    return [carer_button()] if unsure_who(tracker) else []


def welcome_once(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The welcome (automated helper, Childline), before the first answer to a young person."""
    if tracker.get_slot("audience") != "young_person":
        say(dispatcher, phrase("young_person_welcome"), buttons=welcome_buttons(tracker))


def end_with_childline(dispatcher: CollectingDispatcher, before: str = "", **kwargs: Any) -> None:
    """Every answer to a young person ends with Childline, a trusted adult and their questions
    (after `before`, the answer, in the same message)."""
    text = f"{phrase('young_person_childline')}\n\n{phrase('young_person_choose')}"
    say(dispatcher, f"{before}\n\n{text}" if before else text, buttons=question_buttons(), **kwargs)


def needs_in_message(tracker: Tracker) -> list[str]:
    """Section ids the latest message asks about, most likely first (actions/common.py)."""
    return asked_needs(tracker)


def tailored_note(section: Section, arrangement_id: str) -> str:
    """What everyone gets from this section, and what this arrangement additionally gets."""
    arrangement_title = offer().arrangements[arrangement_id].title
    parts = [section.arrangement_note("everyone")]
    extra = section.arrangement_note(arrangement_id)
    if extra:
        parts.append(phrase("tailored_extra", arrangement=arrangement_title) + "\n" + extra)
    return f"**{section.title}**\n" + "\n\n".join(p for p in parts if p)


def present(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    section_ids: list[str],
    known: str | None = None,
) -> None:
    """One message per section, in the reader's words; tailored when the arrangement is known."""
    who = audience(tracker)
    for section_id in section_ids:
        section = offer().sections[section_id]
        text = f"**{section.title}**\n{section_text(section, who)}"
        if known and who == "carer":
            text += "\n\n" + tailored_note(section, known).split("\n", 1)[1]
        say(dispatcher, text, sections=[section], kind="section")


def answer_needs(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    asked: list[str],
    *,
    arrangement_from_text: bool = True,
) -> list[dict[str, Any]]:
    """Answer first, then one next step: the arrangement question (with "I'm not sure") while it
    is unknown for a carer, otherwise more help. Returns the slot events.
    `arrangement_from_text=False` when the message names an arrangement without having it
    ("what is an SGO?")."""
    known, events = resolve_arrangement(tracker, from_text=arrangement_from_text)
    who = audience(tracker)
    if (
        known
        and who == "carer"
        and needs(tracker)
        and any(e.get("name") == "arrangement" for e in events)
    ):
        # The arrangement shown in words after needs were answered ("nothing official, her mam
        # just asked me to have her" after the school section): the answer to the arrangement
        # question, as if a button had been pressed. What it means, then what it adds to every
        # need asked about, this message's too.
        intro = phrase("arrangement_from_words")
        told = tailor(dispatcher, tracker, known, intro, also=asked)
        return [*events, SlotSet("quiz_step", None), *told]
    present(dispatcher, tracker, asked, known)
    if who == "carer" and not known:
        question, buttons = arrangement_question(tracker)
        say(dispatcher, question, buttons=buttons)
    elif who == "young_person":
        # Young people always hear who they can talk to, and get their questions as next steps.
        end_with_childline(dispatcher)
    else:
        say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=asked))
    return [
        *events,
        SlotSet("quiz_step", None),
        SlotSet("needs", merged(needs(tracker), asked)),
        SlotSet("sections_shown", merged(sections_shown(tracker), asked)),
    ]


def describe_arrangement(arrangement_id: str, who: str = "carer") -> str:
    item = offer().arrangements[arrangement_id]
    description = (
        item.young_person_description
        if who == "young_person" and item.young_person_description
        else item.description
    )
    return f"**{item.title}**\n{description}"


def tailor(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    known: str,
    intro: str | None,
    also: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Explain the arrangement, then what it adds for each need asked about (before, in this
    message, and `also`: needs read in it another way); ends with a next step."""
    described = offer().arrangements[known]
    text = describe_arrangement(known, audience(tracker))
    if audience(tracker) == "young_person":
        # "My nan has an SGO for me": what it means for them, then who they can talk to.
        welcome_once(dispatcher, tracker)
        end_with_childline(dispatcher, before=text)
        return []
    if intro:
        text = f"{intro}\n\n{text}"
    new = needs_in_message(tracker) if latest_text(tracker) else []
    asked = merged(merged(needs(tracker), new), also or [])
    if not asked:
        say(
            dispatcher,
            f"{text}\n\n{described.council_support}\n\n{phrase('ask_need')}",
            buttons=menu_buttons(),
        )
        return []
    say(dispatcher, f"{text}\n\n{phrase('arrangement_noted')}")
    for section_id in asked:
        section = offer().sections[section_id]
        say(dispatcher, tailored_note(section, known), sections=[section], kind="section")
    say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=asked))
    return [
        SlotSet("needs", asked),
        SlotSet("sections_shown", merged(sections_shown(tracker), asked)),
    ]
