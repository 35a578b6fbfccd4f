"""The young person's urgent referral to children's social care after a danger message: the
`referral_form` and its end (the route into it: actions/referral_route.py).

The form asks, in order (domain.yml `forms.referral_form.required_slots`):
  referral_reason (what is happening, optional; "anything else?" when they already said) →
  carer_name (their first name, optional) → contact_method (phone already chosen for an
  under-16 call back) → contact_detail → best_time (a safe time; not for e-mail) →
  referral_confirmed (the summary, what is kept and for how long, "Is it OK to send it?").
The name, contact and time are checked exactly as in the carers' hand-off (actions/handoff.py).

The referral is an ordinary enquiry (bot/enquiries/), stored with `audience="young_person"` and
`urgent=True` (only because this conversation's own safety check fired): the staff inbox and the
team's e-mail mark it as a safeguarding referral for children's social care
(`Enquiry.safeguarding_referral`).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button, latest_intent, menu_buttons, offer, phrase, say
from actions.handoff import (
    CANCEL_MAX_WORDS,
    METHOD_WORDS,
    ValidateHandoffForm,
    _bot_texts,
    cancel_button,
    method_in,
    skip_button,
    stop,
    typed,
)
from actions.referral_route import (
    ENTRY_KIND,
    FORM,
    FORM_SLOTS,
    QUESTION_KIND,
    REASON_KIND,
    RESET_SLOTS,
    Situation,
    _lines,
    entity_value,
    young_routes_text,
)
from bot.enquiries.contact import guess_contact, shown_contact
from bot.enquiries.service import MAX_CARER_WORDS, EnquiryDraft, submit_enquiry

log = logging.getLogger("actions.referral")

FREE_TEXT_SLOTS = {"referral_reason", "carer_name", "best_time"}


# --------------------------------------------------------------------------- asking


class AskReferral(Action):
    """Asks for one slot of the referral form (never of anyone but a young person after a
    danger message: the form only starts from `referral_entry`)."""

    slot = ""
    kind = QUESTION_KIND

    def name(self) -> str:
        return f"action_ask_{FORM}_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text, buttons = self.question(tracker)
        say(dispatcher, text, buttons=[*buttons, cancel_button()], kind=self.kind)
        return []

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        raise NotImplementedError


class AskReason(AskReferral):
    slot = "referral_reason"
    kind = REASON_KIND

    def question(self, tracker):
        told = Situation(tracker).words
        return phrase("referral_ask_more" if told else "referral_ask_reason"), [skip_button()]


class AskReferralName(AskReferral):
    slot = "carer_name"

    def question(self, tracker):
        return phrase("referral_ask_name"), [skip_button()]


class AskReferralContactMethod(AskReferral):
    slot = "contact_method"

    def question(self, tracker):
        buttons = [
            button(
                phrase(f"handoff_button_{m}"), f'/inform_contact_method{{"contact_method": "{m}"}}'
            )
            for m in ("phone", "text", "email")
        ]
        return phrase("referral_ask_contact_method"), buttons


class AskReferralContactDetail(AskReferral):
    slot = "contact_detail"

    def question(self, tracker):
        method = tracker.get_slot("contact_method") or "phone"
        failed = int(tracker.get_slot("contact_failures") or 0)
        kind = {"phone": "phone", "text": "mobile", "email": "email"}.get(method, "phone")
        if failed:
            return phrase(f"handoff_retry_{kind}"), []
        return phrase("referral_ask_phone" if kind == "phone" else f"handoff_ask_{kind}"), []


class AskReferralBestTime(AskReferral):
    slot = "best_time"

    def question(self, tracker):
        return phrase("referral_ask_best_time"), [skip_button("handoff_button_any_time")]


def reason_text(tracker: Tracker, situation: Situation | None = None) -> str:
    """Everything the young person told us about what is happening, in their words."""
    situation = situation or Situation(tracker)
    parts = list(situation.words)
    answer = (tracker.get_slot("referral_reason") or "").strip()
    if answer and answer not in parts:
        parts.append(answer)
    return "\n\n".join(parts)[:MAX_CARER_WORDS]


class AskReferralConfirmed(AskReferral):
    slot = "referral_confirmed"

    def question(self, tracker):
        not_given = phrase("handoff_not_given")
        method = tracker.get_slot("contact_method") or "phone"
        lines = [
            phrase("referral_summary"),
            "",
            f"- {phrase('handoff_label_name')}: {tracker.get_slot('carer_name') or not_given}",
            f"- {phrase('handoff_label_contact')}: {phrase(f'handoff_button_{method}')}, "
            f"{shown_contact(method, tracker.get_slot('contact_detail'))}",
        ]
        if method != "email":
            best = tracker.get_slot("best_time") or phrase("handoff_button_any_time")
            lines.append(f"- {phrase('handoff_label_best_time')}: {best}")
        lines.append(f"- {phrase('referral_label_reason')}: {reason_text(tracker) or not_given}")
        days = str(offer().council.retention_days["enquiries"])
        lines += ["", phrase("referral_consent", enquiries_days=days)]
        return "\n".join(lines), [
            button(phrase("referral_button_send"), "/affirm"),
            button(phrase("referral_button_dont"), "/deny"),
        ]


# --------------------------------------------------------------------------- validating


def button_misses(tracker: Tracker) -> int:
    """How many turns running, before this one, the assistant answered with `referral_choose`."""
    ask = phrase("referral_choose").strip()
    misses = 0
    seen_user = 0
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            seen_user += 1
            if seen_user > misses + 1:
                break
        elif event.get("event") == "bot" and seen_user == misses + 1:
            if _bot_texts(event).strip() == ask:
                misses += 1
    return misses


def choose_a_button(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """A typed answer where a button is needed: ask again; the third time running, stop."""
    if button_misses(tracker) >= 2:
        return stop("gave_up")
    say(dispatcher, phrase("referral_choose"), kind=QUESTION_KIND)
    return []


class ValidateReferralForm(Action):
    """Fills the slot the referral form asked for from the latest message, or asks again. The
    name, contact and time are checked exactly as in the carers' hand-off."""

    def name(self) -> str:
        return f"validate_{FORM}"

    def __init__(self) -> None:
        self.handoff = ValidateHandoffForm()

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        requested = tracker.get_slot("requested_slot")
        if requested not in FORM_SLOTS:
            return []
        intent = latest_intent(tracker)
        text = typed(tracker)
        if intent == "request_human":
            return [SlotSet(requested, None)]  # the question again: this is the way to a person
        if intent == "cancel_handoff" and (
            requested not in FREE_TEXT_SLOTS or len(text.split()) <= CANCEL_MAX_WORDS
        ):
            return stop("cancelled")
        if requested == "referral_reason":
            return ValidateHandoffForm._free_text(
                tracker, "referral_reason", intent, text, MAX_CARER_WORDS
            )
        if requested == "referral_confirmed":
            if intent == "affirm":
                return [SlotSet("referral_confirmed", True)]
            if intent == "deny":
                return stop("cancelled")
            return choose_a_button(dispatcher, tracker) or [SlotSet("referral_confirmed", None)]
        if requested == "contact_method":
            method = entity_value(tracker, "contact_method")
            named = bool(text) and bool(guess_contact(text) or method_in(text))
            if method not in METHOD_WORDS and not named:
                return choose_a_button(dispatcher, tracker) or [SlotSet("contact_method", None)]
        return getattr(self.handoff, f"fill_{requested}")(dispatcher, tracker, intent, text)


# --------------------------------------------------------------------------- the end


class ActionReferralEnd(Action):
    """After the referral form: send it as an urgent enquiry, or say why nothing was sent.
    Always clears the form and ends with Childline, a trusted adult and who to call now."""

    def name(self) -> str:
        return "action_referral_end"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        status = tracker.get_slot("handoff_status")
        events: list[EventType] = [
            SlotSet(slot, None) for slot in RESET_SLOTS if slot != "requested_slot"
        ]
        menu = menu_buttons()[:-1]
        situation = Situation(tracker)
        if status is None and self.complete(tracker) and situation.applies:
            return events + self.send(dispatcher, tracker, situation)
        key = "referral_gave_up" if status == "gave_up" else "referral_not_sent"
        say(dispatcher, _lines(phrase(key), young_routes_text()), buttons=menu, kind=ENTRY_KIND)
        return events

    @staticmethod
    def complete(tracker: Tracker) -> bool:
        return (
            tracker.get_slot("referral_confirmed") is True
            and bool(tracker.get_slot("contact_method"))
            and bool(tracker.get_slot("contact_detail"))
        )

    @staticmethod
    def draft(tracker: Tracker, situation: Situation) -> EnquiryDraft:
        return EnquiryDraft(
            conversation_id=tracker.sender_id,
            source="chat",
            arrangement=tracker.get_slot("arrangement") or "unknown",
            audience="young_person",
            needs=list(tracker.get_slot("needs") or []),
            sections_shown=list(tracker.get_slot("sections_shown") or []),
            name=tracker.get_slot("carer_name") or None,
            contact_method=tracker.get_slot("contact_method"),
            contact_value=tracker.get_slot("contact_detail"),
            best_time=tracker.get_slot("best_time") or None,
            carer_words=reason_text(tracker, situation) or None,
            # Urgent only because this conversation's own safety check fired (`applies`).
            urgent=situation.safety_fired,
        )

    def send(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, situation: Situation
    ) -> list[EventType]:
        menu = menu_buttons()[:-1]
        try:
            enquiry = submit_enquiry(self.draft(tracker, situation))
        except Exception:  # never say it was sent when it was not
            log.exception("referral could not be stored")
            say(
                dispatcher,
                _lines(phrase("referral_save_failed"), young_routes_text()),
                buttons=menu,
                kind=ENTRY_KIND,
            )
            return []
        text = _lines(
            phrase("referral_sent"),
            phrase("handoff_reference", reference=enquiry.reference),
            phrase("referral_danger_now"),
            phrase("young_person_childline"),
        )
        say(dispatcher, text, buttons=menu, kind="enquiry_sent")
        return [SlotSet("enquiry_reference", enquiry.reference)]
