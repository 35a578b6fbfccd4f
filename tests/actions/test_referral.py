"""A young person's request for contact after a danger message (actions/referral_route.py,
actions/referral.py): an URGENT safeguarding referral to children's social care, never the
carers' Kinship Navigator hand-off; under-16s get Childline, a trusted adult and (where the
council allows it) a call back; what they typed is kept as their reason."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from sqlalchemy import select

import actions.referral_route as route
from actions.handoff import ActionHandoffNotNow, ActionTalkToPerson
from actions.referral import (
    ActionReferralEnd,
    AskReason,
    AskReferralConfirmed,
    AskReferralContactDetail,
    AskReferralName,
    ValidateReferralForm,
)
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.notifications.models import OutboxMail
from bot.offer.loader import get_offer
from bot.offer.readability import LIMITS, grade
from tests.actions.helpers import form_tracker, run, slot_values

PER_TEXT = LIMITS["young_person"][0]
DANGER = "my uncle hits me when hes drunk"
STOPPED = [SlotSet("requested_slot", None), ActiveLoop(None)]


def conversation(*messages: tuple[str, str, str], safeguarding=True, audience="young_person"):
    """A conversation in the app's database: messages as (sender, kind, text)."""
    with get_sessionmaker()() as db:
        row = Conversation(safeguarding=safeguarding, audience=audience)
        db.add(row)
        db.flush()
        for sender, kind, text in messages:
            db.add(Message(conversation_id=row.id, sender=sender, kind=kind, text=text))
        db.commit()
        return row.id


def after_danger(text=DANGER, **kwargs):
    return conversation(
        ("user", "text", text),
        ("bot", "safeguarding", "If anyone is in immediate danger, call 999 now."),
        **kwargs,
    )


def yes(conversation_id, slots=None, entities=None):
    return form_tracker(
        None,
        '/request_human{"urgent": true}',
        "request_human",
        slots={"audience": "young_person", **(slots or {})},
        entities={"urgent": True, **(entities or {})},
        sender_id=conversation_id,
    )


def all_text(messages):
    return "\n".join(m["text"] for m in messages)


def starts_form(events):
    return any(e.get("event") == "followup" and e.get("name") == "referral_form" for e in events)


def navigators_named(text):
    return "Kinship Navigator" in text or "visit you at home" in text


# --------------------------------------------------------------------------- the route


def test_sixteen_and_over_go_to_childrens_social_care_urgently():
    conversation_id = after_danger("im 17 and " + DANGER)
    messages, events = run(ActionTalkToPerson(), yes(conversation_id))
    text = all_text(messages)
    assert get_offer().dialogue["referral_intro"] in text
    assert "children's social care" in text and "urgent" in text
    assert not navigators_named(text)
    slots = slot_values(events)
    assert slots["audience"] == "young_person" and slots["urgent"] is True
    assert starts_form(events)


@pytest.mark.parametrize("age_words", ["im 14 and ", ""])  # an unknown age counts as under 16
def test_under_16_get_childline_a_trusted_adult_and_a_call_back(age_words):
    conversation_id = after_danger(age_words + DANGER)
    messages, events = run(ActionTalkToPerson(), yes(conversation_id))
    text = all_text(messages)
    assert "Childline" in text and "0800 1111" in text and "adult you trust" in text
    assert "children's social care" in text  # who to call now
    assert "can't take your contact details" not in text
    assert not navigators_named(text)
    assert [b["payload"] for b in messages[-1]["buttons"]] == [route.CALLBACK_PAYLOAD, "/deny"]
    assert not starts_form(events)


def test_no_call_back_offered_where_the_council_does_not_allow_it(monkeypatch):
    monkeypatch.setattr(route, "callback_allowed", lambda: False)
    conversation_id = after_danger("im 14 and " + DANGER)
    messages, events = run(ActionTalkToPerson(), yes(conversation_id))
    text = all_text(messages)
    assert "Childline" in text and "adult you trust" in text
    assert get_offer().dialogue["referral_callback_offer"] not in text
    assert route.CALLBACK_PAYLOAD not in [b["payload"] for m in messages for b in m["buttons"]]
    # ... and a forged call-back button does not start one either.
    messages, events = run(
        ActionTalkToPerson(), yes(conversation_id, entities={"contact_method": "phone"})
    )
    assert not starts_form(events)


def test_the_call_back_starts_the_referral_with_a_phone_call():
    conversation_id = after_danger("im 14 and " + DANGER)
    messages, events = run(
        ActionTalkToPerson(), yes(conversation_id, entities={"contact_method": "phone"})
    )
    assert slot_values(events)["contact_method"] == "phone"
    assert starts_form(events)
    assert not navigators_named(all_text(messages))


def test_typed_request_after_danger_is_the_same_referral():
    """Typed, "can someone from the council contact me": no urgent button, still the referral (the
    conversation's own safety check decides, not the payload)."""
    conversation_id = after_danger("im 16 " + DANGER)
    track = form_tracker(
        None,
        "can someone from the council contact me",
        "request_human",
        slots={"audience": "young_person"},
        sender_id=conversation_id,
    )
    messages, events = run(ActionTalkToPerson(), track)
    assert "visit you at home" not in all_text(messages)
    assert slot_values(events)["urgent"] is True
    assert starts_form(events)


def test_the_app_record_says_young_person_when_the_slot_does_not():
    conversation_id = after_danger("im 17 " + DANGER)
    track = yes(conversation_id, slots={"audience": None})
    _, events = run(ActionTalkToPerson(), track)
    assert starts_form(events)


def test_without_the_safety_check_a_young_person_gets_the_old_routes():
    conversation_id = conversation(("user", "text", "im 14"), safeguarding=False)
    messages, events = run(ActionTalkToPerson(), yes(conversation_id))
    assert messages[0]["text"] == get_offer().dialogue["handoff_young_person"]
    assert not starts_form(events)


def test_a_carers_danger_message_keeps_the_urgent_navigator_hand_off():
    conversation_id = after_danger(DANGER, audience="carer")
    track = form_tracker(
        None,
        '/request_human{"urgent": true}',
        "request_human",
        slots={"urgent": True},
        entities={"urgent": True},
        sender_id=conversation_id,
    )
    messages, events = run(ActionTalkToPerson(), track)
    assert messages[0]["text"].startswith(get_offer().dialogue["handoff_urgent_offer"])
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert events == []


def test_no_thanks_to_the_call_back_gives_the_young_routes():
    conversation_id = after_danger("im 14 and " + DANGER)
    track = form_tracker(
        None, "/deny", "deny", slots={"audience": "young_person"}, sender_id=conversation_id
    )
    messages, _ = run(ActionHandoffNotNow(), track)
    text = all_text(messages)
    assert "Childline" in text and not navigators_named(text)


# --------------------------------------------------------------------------- the form


def referral_tracker(requested, text="", intent="nlu_fallback", slots=None, conversation_id=None):
    track = form_tracker(
        requested,
        text,
        intent,
        slots={"audience": "young_person", **(slots or {})},
        sender_id=conversation_id or after_danger("im 17 " + DANGER),
    )
    track.active_loop = {"name": "referral_form"}
    return track


def test_the_reason_question_knows_what_they_already_said():
    told = referral_tracker("referral_reason")
    messages, _ = run(AskReason(), told)
    assert messages[0]["text"] == get_offer().dialogue["referral_ask_more"]
    assert messages[0]["kind"] == "referral_reason"  # the chat API passes the answer to the form
    quiet = referral_tracker(
        "referral_reason", conversation_id=conversation(("user", "text", "/request_human"))
    )
    messages, _ = run(AskReason(), quiet)
    assert messages[0]["text"] == get_offer().dialogue["referral_ask_reason"]


def test_the_reason_is_kept_in_their_words():
    words = "he hit me again tonight and I am scared to go home"
    _, events = run(ValidateReferralForm(), referral_tracker("referral_reason", words))
    assert slot_values(events) == {"referral_reason": words}


def test_cancel_and_do_not_send_stop_the_form():
    _, events = run(
        ValidateReferralForm(), referral_tracker("carer_name", "stop", "cancel_handoff")
    )
    assert events[0] == SlotSet("handoff_status", "cancelled")
    _, events = run(ValidateReferralForm(), referral_tracker("referral_confirmed", "/deny", "deny"))
    assert events[0] == SlotSet("handoff_status", "cancelled") and events[1:] == STOPPED


def test_a_typed_answer_to_the_summary_asks_for_a_button():
    messages, events = run(ValidateReferralForm(), referral_tracker("referral_confirmed", "hmm"))
    assert messages[0]["text"] == get_offer().dialogue["referral_choose"]
    assert slot_values(events) == {"referral_confirmed": None}


def test_the_number_is_checked_as_in_the_hand_off():
    slots = {"contact_method": "phone"}
    _, events = run(ValidateReferralForm(), referral_tracker("contact_detail", "12", slots=slots))
    assert slot_values(events)["contact_detail"] is None
    good = referral_tracker("contact_detail", "07700 900123", slots=slots)
    _, events = run(ValidateReferralForm(), good)
    assert slot_values(events)["contact_detail"] == "07700900123"


COMPLETE = {
    "carer_name": "Sam",
    "contact_method": "phone",
    "contact_detail": "07700900123",
    "best_time": "after school",
    "referral_reason": "he hit me again tonight",
    "referral_confirmed": True,
}


def test_the_summary_shows_their_words_and_what_is_kept():
    track = referral_tracker("referral_confirmed", slots=COMPLETE)
    messages, _ = run(AskReferralConfirmed(), track)
    text = messages[0]["text"]
    assert DANGER in text and "he hit me again tonight" in text
    assert "children's social care" in text and "365 days" in text
    assert [b["title"] for b in messages[0]["buttons"]][:2] == [
        "Yes, send it",
        "No, do not send it",
    ]


def test_the_end_sends_an_urgent_safeguarding_referral():
    conversation_id = after_danger("im 17 and " + DANGER)
    track = referral_tracker(None, "/affirm", "affirm", COMPLETE, conversation_id)
    messages, events = run(ActionReferralEnd(), track)
    reference = slot_values(events)["enquiry_reference"]
    text = messages[0]["text"]
    assert messages[0]["kind"] == "enquiry_sent" and reference in text
    assert "children's social care" in text and "999" in text and "Childline" in text
    assert not navigators_named(text)
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry.urgent and enquiry.audience == "young_person"
        assert enquiry.safeguarding_referral
        # Their reason, in their words: the danger message and their answer, both kept.
        assert "im 17 and " + DANGER in enquiry.carer_words
        assert "he hit me again tonight" in enquiry.carer_words
        assert enquiry.contact_value == "07700900123" and enquiry.name == "Sam"
        mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
        assert mail.urgent and "Safeguarding referral" in mail.subject
        # To children's social care when the council has said where (SAFEGUARDING_REFERRAL_EMAIL).
        assert mail.recipient == "front.door@example.org"
        assert "SAFEGUARDING REFERRAL from a young person" in mail.body
        for personal in ("Sam", "07700", "uncle", "hit"):
            assert personal not in mail.body + mail.subject


def test_nothing_is_sent_without_this_conversations_safety_check():
    """Urgency is the server's: a referral form finished in a conversation whose own safety
    check never fired sends nothing."""
    conversation_id = conversation(("user", "text", "hello"), safeguarding=False)
    track = referral_tracker(None, "/affirm", "affirm", COMPLETE, conversation_id)
    messages, events = run(ActionReferralEnd(), track)
    assert messages[0]["kind"] != "enquiry_sent"
    assert "enquiry_reference" not in slot_values(events)


def test_every_referral_reply_is_easy_to_read():
    dialogue = get_offer().dialogue
    keys = [k for k in dialogue if k.startswith("referral_")]
    keys += ["safety_ask_young_person", "safety_kept"]
    for key in keys:
        assert grade(dialogue[key]) <= PER_TEXT, key
    composed = {
        "routes": route.young_routes_text(),
        "routes + call back": f"{route.young_routes_text()}\n\n"
        f"{dialogue['referral_callback_offer']}",
        "intro": f"{dialogue['referral_intro']}\n\n{route.call_now_line()}",
        "number": run(AskReferralContactDetail(), referral_tracker("contact_detail"))[0][0]["text"],
        "name": run(AskReferralName(), referral_tracker("carer_name"))[0][0]["text"],
        "summary": run(
            AskReferralConfirmed(), referral_tracker("referral_confirmed", slots=COMPLETE)
        )[0][0]["text"],
    }
    for name, text in composed.items():
        assert grade(text) <= PER_TEXT, (name, grade(text), text)


def test_every_referral_message_offers_a_next_step():
    """No dead ends: every question has buttons (at least Cancel), every ending the menu."""
    conversation_id = after_danger("im 17 and " + DANGER)
    for ask in (AskReason, AskReferralName, AskReferralContactDetail, AskReferralConfirmed):
        messages, _ = run(ask(), referral_tracker(ask.slot, slots=COMPLETE))
        assert messages[-1]["buttons"], ask.__name__
    for status in ("cancelled", "gave_up"):
        track = referral_tracker(None, "stop", "cancel_handoff", {"handoff_status": status})
        messages, _ = run(ActionReferralEnd(), track)
        assert messages[-1]["buttons"] and "Childline" in messages[-1]["text"]
    messages, _ = run(ActionTalkToPerson(), yes(conversation_id))
    assert messages[-1]["text"]  # the form's first question follows (FollowupAction)
