"""Where a young person's request for contact goes after a message about danger: an URGENT
safeguarding referral to children's social care, never the carers' hand-off to the Kinship
Navigators. The referral form itself is in actions/referral.py; this module decides the route
and is what actions/handoff.py asks (so neither imports the other in a circle).

When it applies (`young_after_danger`): the person is a young person (the `audience` slot, or
the app's record of the conversation, which the safety reply set) AND this conversation's own
safety check fired (the app's record, `Conversation.safeguarding`; never a button's payload, so
it cannot be forged). Then "Yes, please get in touch", "can someone from the council contact
me" or "talk to a person" (`action_talk_to_person`) lead here:

- 16 or over: `referral_intro` and the `referral_form` (actions/referral.py).
- under 16, or age not known: Childline and an adult they trust (`referral_under_16`), who to
  call now (the front door in its hours, else the out-of-hours team: bot/safety/response.py),
  and, when council.yml says `young_person_callback: true`, a call back on a number they
  choose (the same form, with `contact_method` set to phone).

What the young person typed is never lost: their words are the danger messages the app answered
with the safety reply (kept in the app's messages, bot/chat/service.py) and their answer to
"what is happening?" (`referral_reason`); a danger message typed later in this flow is answered
by the app with one line and the question again, and kept the same way.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.common import audience, button, menu_buttons, offer, phrase, say
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.safety.response import who_to_call_now
from bot.understanding.who_is_writing import age_given

log = logging.getLogger("actions.referral")

# Under this age a young person is never asked for contact details, except for a call back.
YOUNG_PERSON_MIN_AGE = 16

FORM = "referral_form"
FORM_SLOTS = (
    "referral_reason",
    "carer_name",
    "contact_method",
    "contact_detail",
    "best_time",
    "referral_confirmed",
)
RESET_SLOTS = (*FORM_SLOTS, "handoff_status", "contact_failures", "urgent", "requested_slot")
# What the app's messages call the safety reply and this flow's messages (bot/chat/service.py
# reads them to keep a young person's follow-up as their reason, not raise the banner again).
SAFETY_KIND = "safeguarding"
ENTRY_KIND = "referral"
QUESTION_KIND = "referral_question"
REASON_KIND = "referral_reason"  # the "what is happening?" question: the answer goes to Rasa
CALLBACK_PAYLOAD = '/request_human{"urgent": true, "contact_method": "phone"}'


# --------------------------------------------------------------------------- the app's record


def _conversation(conversation_id: str) -> tuple[bool, str | None, list[tuple[str, str, str]]]:
    """(the safety check fired, the audience the app recorded, the messages as (sender, kind,
    text)) for the conversation Rasa calls `conversation_id`; (False, None, []) if unknown."""
    try:
        with get_sessionmaker()() as db:
            conversation = db.get(Conversation, conversation_id)
            if conversation is None:
                return False, None, []
            rows = db.execute(
                select(Message.sender, Message.kind, Message.text)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.id)
            ).all()
            return bool(conversation.safeguarding), conversation.audience, [tuple(r) for r in rows]
    except Exception:  # a database problem must not take away the safe routes
        log.exception("referral: the conversation could not be read")
        return False, None, []


def words_after_danger(messages: list[tuple[str, str, str]]) -> list[str]:
    """What the person typed that the app answered with the safety reply (or its one line in
    this flow): their own words about what is happening, oldest first, each once."""
    words: list[str] = []
    for index, (sender, kind, text) in enumerate(messages):
        if sender != "user" or kind != "text" or not (text or "").strip():
            continue
        following = messages[index + 1] if index + 1 < len(messages) else None
        if following and following[0] == "bot" and following[1] == SAFETY_KIND:
            if text.strip() not in words:
                words.append(text.strip())
    return words


def entity_value(tracker: Tracker, name: str) -> Any:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


def typed_texts(messages: list[tuple[str, str, str]]) -> list[str]:
    return [text for sender, kind, text in messages if sender == "user" and kind == "text"]


class Situation:
    """What this flow needs to know about the conversation, read once per action."""

    def __init__(self, tracker: Tracker):
        fired, recorded_audience, messages = _conversation(tracker.sender_id)
        self.safety_fired = fired
        self.young = audience(tracker) == "young_person" or recorded_audience == "young_person"
        self.words = words_after_danger(messages)
        self.age = self._age(tracker, messages)

    @staticmethod
    def _age(tracker: Tracker, messages: list[tuple[str, str, str]]) -> float | None:
        try:
            return float(tracker.get_slot("age"))
        except (TypeError, ValueError):
            pass
        for text in reversed(typed_texts(messages)):  # the safety turn's "im 15" too
            age = age_given(text)
            if age is not None:
                return age
        return None

    @property
    def applies(self) -> bool:
        return self.young and self.safety_fired

    @property
    def under_16(self) -> bool:
        return self.age is None or self.age < YOUNG_PERSON_MIN_AGE


def young_after_danger(tracker: Tracker) -> Situation | None:
    situation = Situation(tracker)
    return situation if situation.applies else None


def callback_allowed() -> bool:
    return bool(getattr(offer().council, "young_person_callback", False))


def call_now_line() -> str:
    """Who to call now (the front door in its hours, else the out-of-hours team)."""
    try:
        return who_to_call_now(offer().council, offer().dialogue) or ""
    except Exception:
        log.exception("referral: who to call now could not be worked out")
        return ""


def _lines(*parts: str | None) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def young_routes_text() -> str:
    """Childline, an adult they trust, and who at the council to call now."""
    return _lines(phrase("referral_under_16"), call_now_line())


def start_events(contact_method: str | None = None) -> list[EventType]:
    """A clean referral form (nothing left from an earlier hand-off), then the form."""
    events: list[EventType] = [SlotSet(slot, None) for slot in RESET_SLOTS]
    events += [SlotSet("audience", "young_person"), SlotSet("urgent", True)]
    if contact_method:
        events.append(SlotSet("contact_method", contact_method))
    return [*events, FollowupAction(FORM)]


def referral_entry(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """`action_talk_to_person` for a young person after a danger message (None otherwise)."""
    situation = young_after_danger(tracker)
    if situation is None:
        return None
    if not situation.under_16:
        say(dispatcher, _lines(phrase("referral_intro"), call_now_line()), kind=ENTRY_KIND)
        return start_events()
    callback = callback_allowed()
    if callback and entity_value(tracker, "contact_method") == "phone":
        say(dispatcher, phrase("referral_intro"), kind=ENTRY_KIND)
        return start_events("phone")
    if callback:
        say(
            dispatcher,
            _lines(young_routes_text(), phrase("referral_callback_offer")),
            buttons=[
                button(phrase("referral_button_callback"), CALLBACK_PAYLOAD),
                button(phrase("referral_button_no"), "/deny"),
            ],
            kind=ENTRY_KIND,
        )
    else:
        say(dispatcher, young_routes_text(), buttons=menu_buttons()[:-1], kind=ENTRY_KIND)
    return [SlotSet("audience", "young_person")]


def not_now(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """ "No thanks" to the call back: Childline, a trusted adult, who to call (None when this
    is not a young person after a danger message)."""
    if young_after_danger(tracker) is None:
        return None
    say(dispatcher, young_routes_text(), buttons=menu_buttons()[:-1], kind=ENTRY_KIND)
    return [SlotSet("urgent", None), SlotSet("access_needs", None)]
