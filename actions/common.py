"""Shared helpers for the custom actions: message building, section cards, menus.

Every reply is sent as one JSON message shaped like the chat API's `Message`
(text, buttons, sections, kind), so the app passes it through unchanged.
Words come from offer_content/ (sections and dialogue.yml), never from code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.offer.loader import get_offer
from bot.offer.models import Offer, Section
from bot.search import get_search
from bot.understanding import audience_rules
from bot.understanding.arrangements import (
    arrangement_shown,
    named_arrangements,
    read_arrangement,
)
from bot.understanding.needs import NEED_INTENTS
from bot.understanding.reading import asked_in, read
from bot.understanding.who_is_writing import clear_audience

# Each need intent answers with one offer section (ids from DESIGN.md); one mapping, shared
# with the need classifier.
NEED_INTENT_TO_SECTION: dict[str, str] = NEED_INTENTS
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


# Who is writing is read from the words of the first few messages while nobody has said it.
AUDIENCE_FROM_WORDS_MESSAGES = 3


# The NLU intent of a message outside the offer ("when is my bin collection?").
OUTSIDE_THE_OFFER = "out_of_scope"

# Messages of these intents show nobody: a greeting, thanks, yes or no, "are you a robot", "can
# I talk to a person". Everyone writes them the same way and most who write them are carers, so
# only the rules (a cue such as "hi im 12") may say who is writing, not the audience classifier,
# whose training sets hold more bare greetings from young people than from carers. Nobody is
# assumed: the answer is followed by "are you a young person, or do you work with children and
# families?" (`ask_who_is_writing`). (Questions such as "what does SGO mean" stay with the
# classifier: there, how they are typed does carry some signal; cross-set, keeping them from it
# lost 7 points of young people for 2 points of carers.)
SHOWS_NOBODY_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "thank",
        "bot_challenge",
        "affirm",
        "deny",
        "start_again",
        "request_human",
        # Something outside the offer ("when is my bin collection?", "can I get a parking
        # permit"): the classifier reads a child's style into any short message without a
        # family word, so only a clear cue ("im 14") says a young person is asking, or, on a
        # first message, the classifier when it is very sure (`audience_in_words`).
        OUTSIDE_THE_OFFER,
    }
)


def audience_in_words(tracker: Tracker) -> str | None:
    """While the `audience` slot is empty and the conversation has just begun: the audience
    the words of the latest message clearly show (bot/understanding/audience_rules.py), whatever the
    intent ("does my nan get paid for me" is a young person asking about money); for the
    intents that show nobody (`SHOWS_NOBODY_INTENTS`) and inside a form, the rules' call only."""
    if tracker.get_slot("audience"):
        return None
    if len(user_texts(tracker)) > AUDIENCE_FROM_WORDS_MESSAGES:
        return None
    text = latest_text(tracker)
    if not text:
        return None
    if (
        latest_intent(tracker) == OUTSIDE_THE_OFFER
        and is_first_message(tracker)
        and not tracker.active_loop.get("name")
    ):
        # A first message outside the offer: the classifier only when it is very sure.
        return clear_audience(text, strict=True)
    if (
        latest_intent(tracker) in SHOWS_NOBODY_INTENTS
        or tracker.active_loop.get("name")
        or not is_first_message(tracker)
    ):
        # Also the answers to a form's questions ("Pat", "after 3pm", "change my message") and
        # every follow-up after the first message ("can you say that more simply"): only a clear
        # cue ("im 13") says who is writing, never the classifier's guess.
        return audience_rules.detect(text).audience
    return clear_audience(text)


def audience(tracker: Tracker) -> str:
    return tracker.get_slot("audience") or audience_in_words(tracker) or "carer"


# The buttons that let a young person or a professional say who they are (the rule in
# data/rules/audience.yml answers them with action_set_audience).
WHO_PAYLOADS = {"young_person": "/young_person_opening", "professional": "/professional_opening"}


def audience_buttons() -> list[dict[str, str]]:
    return [
        button(phrase("button_young_person"), WHO_PAYLOADS["young_person"]),
        button(phrase("button_professional"), WHO_PAYLOADS["professional"]),
    ]


# The button under a young person's or a professional's first answer when only the classifier
# or the NLU intent (not the rules) said who is writing: a carer taken for someone else goes back
# to the carer's words, the menu and the contact form with one tap (actions/greeting.py).
WRITER_ENTITY = "writer"
CARER_PAYLOAD = '/greet{"writer": "carer"}'


def carer_button() -> dict[str, str]:
    return button(phrase("button_carer"), CARER_PAYLOAD)


def says_carer(tracker: Tracker) -> bool:
    """The person pressed "I'm an adult caring for a child"."""
    return any(
        e.get("entity") == WRITER_ENTITY and e.get("value") == "carer"
        for e in tracker.latest_message.get("entities") or []
    )


def unsure_who(tracker: Tracker) -> bool:
    """The latest message was typed and the rules did not say who wrote it: the audience came
    from the classifier or the NLU intent, which may be wrong."""
    text = latest_text(tracker)
    return bool(text) and audience_rules.detect(text).audience is None


def user_texts(tracker: Tracker) -> list[str]:
    """What the person has sent so far, message by message (a button press as its payload)."""
    return [e.get("text") or "" for e in tracker.events or [] if e.get("event") == "user"]


def earlier_text(tracker: Tracker) -> str:
    """What the person typed just before the latest message (a button press), or ""."""
    said = user_texts(tracker)
    text = said[-2] if len(said) >= 2 else ""
    return "" if text.startswith("/") else text


def is_first_message(tracker: Tracker) -> bool:
    return len(user_texts(tracker)) <= 1


def ask_who_is_writing(dispatcher: CollectingDispatcher) -> None:
    """The short "are you a young person...?" with its two buttons, after the answer. When the
    action answered and then asked something with buttons (the arrangement, say), the question
    goes between the two, so the reply still ends with what the action asked."""
    messages = dispatcher.messages
    between = len(messages) >= 2 and bool((messages[-1].get("custom") or {}).get("buttons"))
    say(dispatcher, phrase("ask_audience"), buttons=audience_buttons())
    if between:
        ask = messages.pop()
        messages.insert(len(messages) - 1, ask)  # before the action's own question


def remembers_audience(run: Callable) -> Callable:
    """For an action's `run`: when the words showed who is writing (`audience_in_words`) and
    the action did not set the `audience` slot itself, set it, so later replies keep the voice
    and the chat API reports it; likewise the family's arrangement the words show
    (`remembered_arrangement`).

    When the action answers a first message whose words show nobody (most carers, and the young
    people and professionals who ask "what does kinship mean"), and its class says
    `asks_who_is_writing = True`, the answer is followed by one short question with two buttons
    ("I'm a young person", "I work with families"): a carer can ignore it, the others get their
    own words from the next reply. Asked once, on the first message only."""

    @functools.wraps(run)
    def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        found = audience_in_words(tracker)
        described = remembered_arrangement(tracker)
        events = list(run(self, dispatcher, tracker, domain) or [])
        sets_it = any(e.get("event") == "slot" and e.get("name") == "audience" for e in events)
        if described and not any(
            e.get("event") == "slot" and e.get("name") == "arrangement" for e in events
        ):
            # The words showed the family's arrangement: remembered for the next answers.
            events.insert(0, SlotSet("arrangement", described))
        if found and not sets_it:
            events.insert(0, SlotSet("audience", found))
        elif (
            not found
            and not sets_it
            and getattr(self, "asks_who_is_writing", False)
            and not tracker.get_slot("audience")
            and is_first_message(tracker)
            and latest_text(tracker)
        ):
            ask_who_is_writing(dispatcher)
        return events

    return wrapper


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
    return [*buttons, button(phrase("button_not_sure"), "/not_sure_arrangement"), TALK_TO_PERSON]


def arrangement_question(tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
    """The question that asks the carer's arrangement, with its buttons. When the latest
    message seems to describe one without the reading being sure, one confirming question
    with that arrangement first ("It sounds like this may be an informal arrangement...")."""
    guess = read_arrangement(latest_text(tracker))
    buttons = arrangement_buttons()
    if not guess.worth_asking or guess.arrangement not in offer().arrangements:
        return phrase("ask_arrangement"), buttons
    item = offer().arrangements[guess.arrangement]
    first = arrangement_button(guess.arrangement)
    rest = [b for b in buttons if b["payload"] != first["payload"]]
    return phrase("ask_arrangement_guess", arrangement=item.title), [first, *rest]


def arrangement_button(arrangement_id: str, title: str | None = None) -> dict[str, str]:
    """A button that tells the assistant the carer's arrangement."""
    item = offer().arrangements[arrangement_id]
    return button(
        title or item.short_title or item.title,
        f'/inform_arrangement{{"arrangement": "{arrangement_id}"}}',
    )


def latest_text(tracker: Tracker) -> str:
    """What the person typed (empty for a button press, whose text is the payload)."""
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


def canonical_arrangement(value: Any) -> str | None:
    """An arrangement id from whatever filled the slot: an id, or words the glossary knows
    ("special guardian ship" -> "sgo")."""
    if not isinstance(value, str) or not value.strip():
        return None
    if value in offer().arrangements:
        return value
    term = offer().term_for(value)
    if term and term.arrangement in offer().arrangements:
        return term.arrangement
    found = get_search().find_arrangements(value)
    return found[0] if len(found) == 1 else None


def named_this_turn(tracker: Tracker, arrangement: str) -> bool:
    """The NLU took this arrangement from the latest message's words (not a slot kept from
    before)."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "arrangement":
            if canonical_arrangement(entity.get("value")) == arrangement:
                return True
    return False


def resolve_arrangement(tracker: Tracker, *, from_text: bool = True) -> tuple[str | None, list]:
    """The carer's arrangement id, and the slot events that put the slot right: words the NLU
    kept as written become the id; an arrangement named in the message but missed by the NLU is
    taken from the text; one the message names only as wished for ("thinking about going for an
    SGO") is not the family's. A known arrangement is never overwritten by a guess."""
    raw = tracker.get_slot("arrangement")
    text = latest_text(tracker)
    if raw in offer().arrangements and not (text and named_this_turn(tracker, raw)):
        return raw, []
    fixed = canonical_arrangement(raw)
    if fixed is not None and text and fixed in named_arrangements(text)[1]:
        # named only as wished for ("kinship foster carers thinking about going for an SGO")
        fixed = None
    if fixed is None and from_text and text:
        fixed = arrangement_in_words(text)
    if fixed is None:
        return None, ([SlotSet("arrangement", None)] if raw else [])
    return fixed, ([] if fixed == raw else [SlotSet("arrangement", fixed)])


# A second need intent this confident is treated as also asked about ("money and housing").
SECOND_NEED_CONFIDENCE = 0.2
# At most this many sections in one reply: more is too much to read.
MAX_SECTIONS_PER_REPLY = 3


# A section the words name through a distinctive keyword ("the special guardianship
# ALLOWANCE": money) goes first when the reading gives it at least this probability, though it
# ranks another first (the words "special guardianship" pull the reading to legal help). Chosen
# on development set 9, never on a blind set: right section first for 119/140 need questions
# -> 124/140 (0.2: 121, 0.3: 120).
NAMED_FIRST_MIN_PROBABILITY = 0.1


def asked_first(text: str) -> list[str]:
    """The sections the one reading of typed words asks about (bot/understanding/reading.py),
    best first, the one the words name first when the reading also finds it likely enough."""
    asked = asked_in(text)
    if not asked:
        return asked
    named = get_search().named_needs(text)
    if named and named[0] != asked[0]:
        if dict(read(text).needs).get(named[0], 0.0) >= NAMED_FIRST_MIN_PROBABILITY:
            asked = [named[0], *[s for s in asked if s != named[0]]]
    return asked


def needs_in_words(text: str) -> list[str]:
    """The parts of the offer typed words ask about, best first: the one reading of the message
    (`asked_first`), then sections the words name through a distinctive keyword (the offer
    search)."""
    if not text or text.startswith("/"):
        return []
    return merged(asked_first(text), get_search().named_needs(text))


def asked_needs(tracker: Tracker, text: str | None = None) -> list[str]:
    """Section ids the latest message asks about, most likely first: the reading of its words,
    then Rasa's need intent (the only signal for a button press) and a confident second intent,
    then the sections its words name. `text`: other words to read instead (a message typed
    before a button press)."""
    latest = latest_text(tracker)
    text = latest if text is None else text
    found = asked_first(text) if text else []
    if text == latest:
        first = NEED_INTENT_TO_SECTION.get(latest_intent(tracker))
        if first:
            found = merged(found, [first])
        for ranked in ranked_intents(tracker)[1:3]:
            section = NEED_INTENT_TO_SECTION.get(ranked.get("name", ""))
            if section and ranked.get("confidence", 0) >= SECOND_NEED_CONFIDENCE:
                found = merged(found, [section])
    if text:
        found = merged(found, get_search().named_needs(text))
    return found[:MAX_SECTIONS_PER_REPLY]


def arrangement_in_words(text: str) -> str | None:
    """The arrangement typed words show, named or described (bot/understanding/arrangements.py
    `arrangement_shown`); None when unsure (`arrangement_question` then asks, with the
    reading's guess first)."""
    return arrangement_shown(text)


# Questions about a word ("what is an SGO?") name the word, not the family's arrangement; a
# longer message of these intents may still describe the family.
TERM_INTENTS = frozenset({"ask_term", "ask_parental_responsibility"})
TERM_QUESTION_WORDS = 12


def remembered_arrangement(tracker: Tracker) -> str | None:
    """While the arrangement is unknown: the one the latest typed message shows, outside forms
    and short questions about a word."""
    if tracker.get_slot("arrangement") or tracker.active_loop.get("name"):
        return None
    text = latest_text(tracker)
    if not text:
        return None
    if latest_intent(tracker) in TERM_INTENTS and len(text.split()) < TERM_QUESTION_WORDS:
        return None
    return arrangement_in_words(text)


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
