"""Hand-off to a Kinship Navigator: offer to take a message, then the `handoff_form`.

The form asks, in order (domain.yml `forms.handoff_form.required_slots`):
  carer_name (optional) → contact_method → contact_detail → best_time (not for e-mail)
  → carer_message (optional) → handoff_consent → access_needs → handoff_confirmed (the summary).
`access_needs` (an interpreter, British Sign Language, a textphone) is set to "" (none) with the
consent, unless the hand-off began from the language reply's button with "interpreter:
<language>" (bot/chat/languages.py); the summary asks the question, and its button asks it.
Every slot is filled here, by `validate_handoff_form`, from the latest message: that keeps all
decisions in Python (a bad phone number, "skip", "cancel", a refusal of consent) and all words
in offer_content/dialogue.yml. When the form ends (completed or stopped early, with
`handoff_status` saying why), `action_handoff_end` sends the enquiry or says what happened.

Young people under 16 are never asked for contact details; they are given other routes. A young
person who asks for contact after a danger message is sent to children's social care instead
(actions/referral_route.py, actions/referral.py), never to this form.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    audience,
    button,
    latest_intent,
    menu_buttons,
    needs,
    offer,
    phrase,
    remembers_audience,
    say,
    sections_shown,
)
from actions.referral_route import YOUNG_PERSON_MIN_AGE, not_now, referral_entry
from bot.core.contacts import contact_sentence
from bot.core.hours import is_out_of_hours
from bot.enquiries.contact import guess_contact, normalise_contact, shown_contact
from bot.enquiries.service import MAX_CARER_WORDS, EnquiryDraft, submit_enquiry
from bot.enquiries.timing import expected_contact_sentence
from bot.understanding.language import access_need_in, access_need_words
from bot.understanding.typed_answers import asks_who_sees

log = logging.getLogger("actions.handoff")

FORM = "handoff_form"
FORM_SLOTS = (
    "carer_name",
    "contact_method",
    "contact_detail",
    "best_time",
    "carer_message",
    "handoff_consent",
    "access_needs",
    "handoff_confirmed",
)
FREE_TEXT_SLOTS = {"carer_name", "best_time", "carer_message", "access_needs"}
MAX_CONTACT_FAILURES = 3
# A free-text answer this long is an answer, even if it looks like "stop" to the NLU.
CANCEL_MAX_WORDS = 4
SKIP_MIN_CONFIDENCE = 0.8

# How a typed answer names a contact method (buttons send the `contact_method` entity).
METHOD_WORDS = {
    "email": ("email", "e-mail", "mail"),
    "text": ("text", "sms", "txt"),
    "phone": ("phone", "call", "ring", "mobile", "landline", "telephone"),
}


# --------------------------------------------------------------------------- helpers


def cancel_button() -> dict[str, str]:
    return button(phrase("handoff_button_cancel"), "/cancel_handoff")


def skip_button(title_key: str = "handoff_button_skip") -> dict[str, str]:
    return button(phrase(title_key), "/skip_question")


def yes_no_buttons(yes_key: str, no_key: str) -> list[dict[str, str]]:
    return [button(phrase(yes_key), "/affirm"), button(phrase(no_key), "/deny")]


def navigators_sentence() -> str:
    return contact_sentence(offer().council.navigators)


def entity_value(tracker: Tracker, name: str) -> Any:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


def typed(tracker: Tracker) -> str:
    """What the person typed; empty for a button press (whose text is its payload)."""
    text = (tracker.latest_message.get("text") or "").strip()
    return "" if text.startswith("/") else text


def is_young_child(tracker: Tracker) -> bool:
    """A young person under 16, or a young person whose age is not known."""
    if audience(tracker) != "young_person":
        return False
    try:
        age = float(tracker.get_slot("age"))
    except (TypeError, ValueError):
        return True
    return age < YOUNG_PERSON_MIN_AGE


def _bot_texts(event: dict[str, Any]) -> str:
    custom = (event.get("data") or {}).get("custom") or {}
    return event.get("text") or (custom.get("text") if isinstance(custom, dict) else "") or ""


def button_misses(tracker: Tracker) -> int:
    """How many turns running, before this one, the person typed where a button was needed
    (each answered with `handoff_choose` or `handoff_choose_again`)."""
    asks = {phrase("handoff_choose").strip(), phrase("handoff_choose_again").strip()}
    turns: list[bool] = []  # newest first: did the assistant ask for a button in that turn?
    missed = False
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "bot" and _bot_texts(event).strip() in asks:
            missed = True
        elif kind == "user":
            turns.append(missed)
            missed = False
    misses = 0
    for asked in turns[1:]:  # turns[0] is the turn being answered now
        if not asked:
            break
        misses += 1
    return misses


def choose_a_button(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """A typed answer where a button is needed: ask again, then explain the way out; the third
    time running, stop (the person wants something else, and saying the same thing again would
    be a dead end)."""
    misses = button_misses(tracker)
    if misses >= 2:
        return stop("gave_up")
    say(
        dispatcher,
        phrase("handoff_choose_again" if misses else "handoff_choose"),
        kind="handoff_question",
    )
    return []


def stop(status: str) -> list[EventType]:
    """End the form early; `action_handoff_end` then says what happened."""
    return [SlotSet("handoff_status", status), SlotSet("requested_slot", None), ActiveLoop(None)]


def reset_events() -> list[EventType]:
    return [
        SlotSet(slot, None)
        for slot in (*FORM_SLOTS, "handoff_status", "contact_failures", "urgent")
    ]


def method_in(text: str) -> str | None:
    words = set(re.findall(r"[a-z][a-z-]*", text.lower()))
    for method, names in METHOD_WORDS.items():
        if words.intersection(names):
            return method
    return None


# A change of mind said in words ("actually can they email me instead", "text me rather"):
# a way to be contacted named with one of these.
CHANGE_WORDS = re.compile(r"\b(actually|instead|rather|prefer|change|changed|switch|better)\b")
# "my name is just Denise", "call me Pat", "it's Denise not Denis"
NAME_IS = re.compile(
    r"\b(?:my name is|my name's|name is|call me|i am called|im called|i'm called)\s+"
    r"(?:just\s+|actually\s+)?([A-Za-z][A-Za-z'-]*(?:\s+[A-Z][A-Za-z'-]*)?)"
)
# "gmail.com not gmial", "it's 900123 not 900132": the first replaces the second.
X_NOT_Y = re.compile(r"([\w.@+'-]+)\s*,?\s+not\s+([\w.@+'-]+)", re.IGNORECASE)


def corrections_in(tracker: Tracker, text: str) -> dict[str, Any]:
    """What an answer typed in the middle of the form corrects, in words: a new way to be
    contacted, a new e-mail address or number, a fix to part of the one given, a name. Empty
    when it corrects nothing (then it is the answer to the question asked)."""
    found: dict[str, Any] = {}
    lowered = text.lower()
    guessed = guess_contact(text)
    if guessed:
        found["contact_method"], found["contact_detail"] = guessed
    method = method_in(text)
    if not guessed and method and CHANGE_WORDS.search(lowered):
        found["contact_method"] = method
        if method != tracker.get_slot("contact_method"):
            found["contact_detail"] = None
    stored = tracker.get_slot("contact_detail")
    if stored and "contact_detail" not in found:
        fixed = fixed_part(tracker.get_slot("contact_method") or "phone", stored, text)
        if fixed:
            found["contact_detail"] = fixed
    name = NAME_IS.search(text)
    if name:
        found["carer_name"] = name.group(1).strip()[:200]
    return found


def fixed_part(method: str, stored: str, text: str) -> str | None:
    """The stored e-mail address or number with the part the person says is wrong put right
    ("gmail.com not gmial" -> pat@gmail.com, not pat@gmail.com.com), or None."""
    fixes = []
    for right, wrong in X_NOT_Y.findall(text):
        right, wrong = right.lower().rstrip(".,"), wrong.lower().rstrip(".,")
        if not wrong or wrong not in stored.lower():
            continue
        for replacement in {right, right.split(".")[0], right.split("@")[-1]}:
            candidate = re.sub(re.escape(wrong), replacement, stored, flags=re.IGNORECASE)
            value = normalise_contact(method, candidate)
            if value and right.replace(" ", "") in value.lower().replace(" ", ""):
                fixes.append(value)
    return min(fixes, key=len) if fixes else None


def correction_events(tracker: Tracker, found: dict[str, Any]) -> list[EventType]:
    events: list[EventType] = []
    if "contact_method" in found:
        events += [
            SlotSet("contact_method", found["contact_method"]),
            SlotSet("best_time", "" if found["contact_method"] == "email" else None),
        ]
    if "contact_detail" in found:
        events += [
            SlotSet("contact_detail", found["contact_detail"]),
            SlotSet("contact_failures", 0.0),
        ]
    if "carer_name" in found:
        events.append(SlotSet("carer_name", found["carer_name"]))
    return events


# --------------------------------------------------------------------------- entry


class ActionTalkToPerson(Action):
    """Explain who the navigators are and offer to take a message."""

    def name(self) -> str:
        return "action_talk_to_person"

    @remembers_audience
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        # A young person after a danger message: children's social care, urgent, never the
        # carers' Navigators (actions/referral_route.py).
        routed = referral_entry(dispatcher, tracker)
        if routed is not None:
            return routed
        if is_young_child(tracker):
            say(
                dispatcher,
                phrase("handoff_young_person"),
                buttons=menu_buttons()[:-1],
                kind="handoff",
            )
            return []
        section = offer().sections.get("kinship-navigators")
        hours = "handoff_out_of_hours" if is_out_of_hours() else "handoff_office_hours"
        if tracker.get_slot("urgent"):
            text = f"{phrase('handoff_urgent_offer')}\n\n{navigators_sentence()}"
        else:
            text = (
                f"{phrase('handoff_intro')}\n\n{phrase(hours)}\n{navigators_sentence()}"
                f"\n\n{phrase('handoff_offer')}"
            )
        if need := access_need_words(tracker.get_slot("access_needs")):
            text += f"\n\n{phrase('handoff_access_noted')} {need}."
        say(
            dispatcher,
            text,
            buttons=yes_no_buttons("handoff_button_yes", "handoff_button_no"),
            sections=[section] if section else [],
            kind="handoff",
        )
        return []


class ActionHandoffNotNow(Action):
    def name(self) -> str:
        return "action_handoff_not_now"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        kept = not_now(dispatcher, tracker)  # a young person after a danger message
        if kept is not None:
            return kept
        say(
            dispatcher,
            f"{phrase('handoff_not_now')}\n{navigators_sentence()}",
            buttons=menu_buttons()[:-1],
            kind="handoff",
        )
        return [SlotSet("urgent", None), SlotSet("access_needs", None)]


# --------------------------------------------------------------------------- asking


class AskAction(Action):
    """Asks for one slot of the form. Never asks a young person for contact details."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{FORM}_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if is_young_child(tracker):
            return stop("young_person")
        text, buttons = self.question(tracker)
        say(dispatcher, text, buttons=[*buttons, cancel_button()], kind="handoff_question")
        return []

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        raise NotImplementedError


class AskName(AskAction):
    slot = "carer_name"

    def question(self, tracker):
        return phrase("handoff_ask_name"), [skip_button()]


class AskContactMethod(AskAction):
    slot = "contact_method"

    def question(self, tracker):
        buttons = [
            button(
                phrase(f"handoff_button_{m}"), f'/inform_contact_method{{"contact_method": "{m}"}}'
            )
            for m in ("phone", "email", "text")
        ]
        return phrase("handoff_ask_contact_method"), buttons


class AskContactDetail(AskAction):
    slot = "contact_detail"
    QUESTIONS = {"phone": "phone", "text": "mobile", "email": "email"}

    def question(self, tracker):
        kind = self.QUESTIONS.get(tracker.get_slot("contact_method"), "phone")
        failed = int(tracker.get_slot("contact_failures") or 0)
        return phrase(f"handoff_retry_{kind}" if failed else f"handoff_ask_{kind}"), []


class AskBestTime(AskAction):
    slot = "best_time"

    def question(self, tracker):
        return phrase("handoff_ask_best_time"), [skip_button("handoff_button_any_time")]


class AskMessage(AskAction):
    slot = "carer_message"

    def question(self, tracker):
        return phrase("handoff_ask_message"), [skip_button()]


class AskConsent(AskAction):
    slot = "handoff_consent"

    def question(self, tracker):
        council = offer().council
        text = "\n\n".join(
            (
                council.privacy_notice.summary,
                phrase(
                    "handoff_consent_transcript",
                    transcripts_days=str(council.retention_days["transcripts"]),
                ),
                phrase("ask_consent"),
            )
        )
        return text, yes_no_buttons("handoff_button_agree", "handoff_button_disagree")


class AskAccessNeeds(AskAction):
    slot = "access_needs"

    def question(self, tracker):
        buttons = [
            button(phrase(f"handoff_button_{key}"), f'/affirm{{"access_needs": "{value}"}}')
            for key, value in (("bsl", "British Sign Language"), ("textphone", "textphone"))
        ]
        return phrase("handoff_ask_access_needs"), [
            *buttons,
            button(phrase("handoff_button_no_access_needs"), "/deny"),
        ]


class AskConfirm(AskAction):
    slot = "handoff_confirmed"

    def question(self, tracker):
        not_given = phrase("handoff_not_given")
        method = tracker.get_slot("contact_method")
        lines = [
            phrase("handoff_summary"),
            "",
            f"- {phrase('handoff_label_name')}: {tracker.get_slot('carer_name') or not_given}",
            f"- {phrase('handoff_label_contact')}: {phrase(f'handoff_button_{method}')}, "
            f"{shown_contact(method, tracker.get_slot('contact_detail'))}",
        ]
        if method != "email":
            best = tracker.get_slot("best_time") or phrase("handoff_button_any_time")
            lines.append(f"- {phrase('handoff_label_best_time')}: {best}")
        lines.append(
            f"- {phrase('handoff_label_message')}: {tracker.get_slot('carer_message') or not_given}"
        )
        access = access_need_words(tracker.get_slot("access_needs")) or phrase(
            "handoff_access_none"
        )
        lines.append(f"- {phrase('handoff_label_access_needs')}: {access}")
        if tracker.get_slot("urgent"):
            lines += ["", phrase("handoff_label_urgent")]
        if not tracker.get_slot("access_needs"):
            lines += ["", phrase("handoff_access_question")]
        buttons = [
            button(phrase("handoff_button_send"), "/affirm"),
            button(
                phrase("handoff_button_change_contact"),
                '/handoff_change{"handoff_part": "contact"}',
            ),
            button(
                phrase("handoff_button_change_message"),
                '/handoff_change{"handoff_part": "message"}',
            ),
            button(phrase("handoff_button_change_name"), '/handoff_change{"handoff_part": "name"}'),
            button(
                phrase("handoff_button_access_needs"), '/handoff_change{"handoff_part": "access"}'
            ),
        ]
        return "\n".join(lines), buttons


# --------------------------------------------------------------------------- validating


class ValidateHandoffForm(Action):
    """Fills the slot the form asked for from the latest message, or asks again."""

    def name(self) -> str:
        return f"validate_{FORM}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        requested = tracker.get_slot("requested_slot")
        if requested not in FORM_SLOTS:
            return []
        if is_young_child(tracker):
            return stop("young_person")
        intent = latest_intent(tracker)
        text = typed(tracker)
        if intent == "request_human":
            # "Talk to a person" while the message for a person is being taken: the question
            # again, which is the way to a person.
            return [SlotSet(requested, None)]
        if intent == "cancel_handoff" and (
            requested not in FREE_TEXT_SLOTS or len(text.split()) <= CANCEL_MAX_WORDS
        ):
            return stop("cancelled")
        if asks_who_sees(text) and (answer := offer().dialogue.get("handoff_who_sees")):
            # "will my daughter be able to see this? we don't get on": who sees the message
            # (the privacy notice, offer_content/council.yml), then the same question again.
            # Where the person was asked for their own words, what they wrote is kept as the
            # answer too: nothing typed is lost.
            say(dispatcher, answer, kind="handoff_question")
            if requested == "carer_message":
                return self.fill_carer_message(dispatcher, tracker, intent, text)
            return [SlotSet(requested, None)]
        return getattr(self, f"fill_{requested}")(dispatcher, tracker, intent, text)

    # Each returns the events for one answer. Setting the requested slot to None makes the
    # form ask again (the SlotSet still tells Rasa the answer was handled).

    @staticmethod
    def _free_text(
        tracker: Tracker, slot: str, intent: str, text: str, limit: int
    ) -> list[EventType]:
        # A typed answer ("after 3pm") is only taken as "skip" when the NLU is sure of it.
        confidence = (tracker.latest_message.get("intent") or {}).get("confidence") or 0
        sure = confidence >= SKIP_MIN_CONFIDENCE and len(text.split()) <= CANCEL_MAX_WORDS
        if intent == "skip_question" and (not text or sure):
            return [SlotSet(slot, "")]
        if not text:
            return [SlotSet(slot, None)]
        return [SlotSet(slot, text[:limit])]

    def fill_carer_name(self, dispatcher, tracker, intent, text):
        # An e-mail address or a number typed where the name was asked ("pat@example.com"),
        # or a change of how said in words: kept as the way to get in touch, and the name is
        # asked again (it may be skipped) rather than the address stored as a name.
        found = corrections_in(tracker, text) if text else {}
        if "contact_method" in found or "contact_detail" in found:
            events = correction_events(tracker, found)
            if "carer_name" in found:
                return events
            if noted := offer().dialogue.get("handoff_contact_noted"):
                say(dispatcher, noted, kind="handoff_question")
            return [*events, SlotSet("carer_name", None)]
        if "carer_name" in found:  # "my name is just Denise"
            return [SlotSet("carer_name", found["carer_name"])]
        return self._free_text(tracker, "carer_name", intent, text, 200)

    def fill_best_time(self, dispatcher, tracker, intent, text):
        # "actually can they email me instead": a change of how, not a time.
        found = corrections_in(tracker, text) if text else {}
        if "contact_method" in found or "contact_detail" in found:
            return correction_events(tracker, found)
        return self._free_text(tracker, "best_time", intent, text, 500)

    def fill_carer_message(self, dispatcher, tracker, intent, text):
        return self._free_text(tracker, "carer_message", intent, text, MAX_CARER_WORDS)

    def fill_contact_method(self, dispatcher, tracker, intent, text):
        method = entity_value(tracker, "contact_method")
        if method not in METHOD_WORDS:
            guessed = guess_contact(text) if text else None
            if guessed:  # they typed the number or address straight away
                method, value = guessed
                return self._method_events(method) + [
                    SlotSet("contact_detail", value),
                    SlotSet("contact_failures", 0.0),
                ]
            method = method_in(text) if text else None
        if method not in METHOD_WORDS:
            if stopped := choose_a_button(dispatcher, tracker):
                return stopped
            return [SlotSet("contact_method", None)]
        return self._method_events(method) + [
            SlotSet("contact_detail", None),
            SlotSet("contact_failures", 0.0),
        ]

    @staticmethod
    def _method_events(method: str) -> list[EventType]:
        # No "best time" for an e-mail; "" counts as answered.
        return [
            SlotSet("contact_method", method),
            SlotSet("best_time", "" if method == "email" else None),
        ]

    def fill_contact_detail(self, dispatcher, tracker, intent, text):
        method = tracker.get_slot("contact_method") or "phone"
        value = normalise_contact(method, text) if text else None
        events: list[EventType] = []
        if value is None and text and method != "text":
            guessed = guess_contact(text)  # an e-mail when we asked for a phone, or the reverse
            if guessed:
                method, value = guessed
                events = self._method_events(method)
        if value is not None:
            return [*events, SlotSet("contact_detail", value), SlotSet("contact_failures", 0.0)]
        failures = int(tracker.get_slot("contact_failures") or 0) + 1
        if failures >= MAX_CONTACT_FAILURES:
            return [SlotSet("contact_failures", float(failures)), *stop("gave_up")]
        return [SlotSet("contact_detail", None), SlotSet("contact_failures", float(failures))]

    def fill_access_needs(self, dispatcher, tracker, intent, text):
        chosen = entity_value(tracker, "access_needs")
        if isinstance(chosen, str) and chosen.strip():
            return [SlotSet("access_needs", chosen.strip()[:200])]
        if text and (named := access_need_in(text)):
            return [SlotSet("access_needs", named)]
        if intent in ("deny", "skip_question") and len(text.split()) <= CANCEL_MAX_WORDS:
            return [SlotSet("access_needs", "")]
        if not text:
            return [SlotSet("access_needs", None)]
        return [SlotSet("access_needs", text[:200])]

    def fill_handoff_consent(self, dispatcher, tracker, intent, text):
        if intent == "affirm":
            # No interpreter, BSL or textphone unless asked for: the summary asks.
            none = (
                []
                if tracker.get_slot("access_needs") is not None
                else [SlotSet("access_needs", "")]
            )
            return [SlotSet("handoff_consent", True), *none]
        if intent == "deny":
            return stop("declined")
        return choose_a_button(dispatcher, tracker) or [SlotSet("handoff_consent", None)]

    def fill_handoff_confirmed(self, dispatcher, tracker, intent, text):
        if intent == "affirm":
            return [SlotSet("handoff_confirmed", True)]
        found = corrections_in(tracker, text) if text else {}
        if found:
            # "its gmail.com not gmial, and my name is just Denise": both put right, then the
            # summary again to check.
            return [*correction_events(tracker, found), SlotSet("handoff_confirmed", None)]
        if text and (named := access_need_in(text)):  # "I need a Polish interpreter"
            return [SlotSet("access_needs", named), SlotSet("handoff_confirmed", None)]
        if intent == "handoff_change":
            part = entity_value(tracker, "handoff_part")
            lowered = text.lower()
            if part == "access":
                return [SlotSet("access_needs", None), SlotSet("handoff_confirmed", None)]
            if part not in ("contact", "message", "name"):
                part = (
                    "message"
                    if "message" in lowered
                    else "name"
                    if "name" in lowered
                    else "contact"
                )
            changes = {
                "contact": ["contact_method", "contact_detail", "best_time"],
                "message": ["carer_message"],
                "name": ["carer_name"],
            }[part]
            return [
                *(SlotSet(slot, None) for slot in changes),
                SlotSet("contact_failures", 0.0),
                SlotSet("handoff_confirmed", None),
            ]
        return choose_a_button(dispatcher, tracker) or [SlotSet("handoff_confirmed", None)]


# --------------------------------------------------------------------------- the end


class ActionHandoffEnd(Action):
    """After the form: send the enquiry, or say why nothing was sent. Always clears the form."""

    def name(self) -> str:
        return "action_handoff_end"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        status = tracker.get_slot("handoff_status")
        events = reset_events()
        menu = menu_buttons()[:-1]
        if status == "young_person":
            say(dispatcher, phrase("handoff_young_person"), buttons=menu, kind="handoff")
        elif status == "declined":
            say(
                dispatcher,
                f"{phrase('consent_declined')}\n{navigators_sentence()}",
                buttons=menu,
                kind="handoff",
            )
        elif status == "gave_up":
            say(
                dispatcher,
                f"{phrase('handoff_contact_gave_up')}\n{navigators_sentence()}",
                buttons=menu,
                kind="handoff",
            )
        elif status is None and self.complete(tracker):
            events += self.send(dispatcher, tracker)
        else:
            say(dispatcher, phrase("handoff_cancelled"), buttons=menu, kind="handoff")
        return events

    @staticmethod
    def complete(tracker: Tracker) -> bool:
        return (
            tracker.get_slot("handoff_confirmed") is True
            and tracker.get_slot("handoff_consent") is True
            and bool(tracker.get_slot("contact_method"))
            and bool(tracker.get_slot("contact_detail"))
        )

    @staticmethod
    def draft(tracker: Tracker) -> EnquiryDraft:
        return EnquiryDraft(
            conversation_id=tracker.sender_id,
            source="chat",
            arrangement=tracker.get_slot("arrangement") or "unknown",
            audience=tracker.get_slot("audience") or "carer",
            needs=needs(tracker),
            sections_shown=sections_shown(tracker),
            name=tracker.get_slot("carer_name") or None,
            contact_method=tracker.get_slot("contact_method"),
            contact_value=tracker.get_slot("contact_detail"),
            best_time=tracker.get_slot("best_time") or None,
            carer_words=tracker.get_slot("carer_message") or None,
            urgent=bool(tracker.get_slot("urgent")),
            access_needs=tracker.get_slot("access_needs") or None,
        )

    def send(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        try:
            enquiry = submit_enquiry(self.draft(tracker))
        except Exception:  # the carer must never be told it was sent when it was not
            log.exception("enquiry could not be stored")
            say(
                dispatcher,
                f"{phrase('handoff_save_failed')}\n{navigators_sentence()}",
                buttons=menu_buttons()[:-1],
                kind="handoff",
            )
            return []
        lines = [
            phrase("enquiry_sent"),
            phrase("handoff_reference", reference=enquiry.reference),
            expected_contact_sentence(enquiry.expected_contact_by),
        ]
        if enquiry.urgent:
            lines.append(phrase("handoff_urgent_sent"))
        say(dispatcher, "\n\n".join(lines), buttons=menu_buttons()[:-1], kind="enquiry_sent")
        return [SlotSet("enquiry_reference", enquiry.reference)]
