"""The hand-off actions as (tracker JSON, dispatcher) → messages and events."""

from __future__ import annotations

import datetime as dt

from rasa_sdk.events import ActiveLoop, SlotSet
from sqlalchemy import select

from actions.handoff import (
    ActionHandoffEnd,
    ActionHandoffNotNow,
    ActionTalkToPerson,
    AskConfirm,
    AskConsent,
    AskContactDetail,
    AskName,
    ValidateHandoffForm,
)
from bot.core import clock
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.notifications.models import OutboxMail
from bot.offer.loader import get_offer
from tests.actions.helpers import form_tracker, run, slot_values
from tests.content_packs import demo_promise
from tests.enquiries.helpers import stored_conversation
from tests.office_hours import BOTH_BRANCHES

validate = ValidateHandoffForm()
STOPPED = [SlotSet("requested_slot", None), ActiveLoop(None)]


def payloads(message):
    return [b["payload"] for b in message["buttons"]]


# --------------------------------------------------------------------------- entry


@BOTH_BRANCHES
def test_talk_to_person_explains_and_offers_to_take_a_message(when, out_of_hours):
    with clock.fixed(when):
        messages, events = run(ActionTalkToPerson(), form_tracker())
    text = messages[0]["text"]
    dialogue = get_offer().dialogue
    assert dialogue["handoff_intro"] in text
    assert dialogue["handoff_offer"] in text
    closed, open_now = dialogue["handoff_out_of_hours"], dialogue["handoff_office_hours"]
    assert (closed in text, open_now in text) == (out_of_hours, not out_of_hours)
    # The navigators' routes, marked while the content's number is a demo one.
    phone = get_offer().council.navigators.phone
    assert phone.value in text and ("placeholder" in text) == phone.placeholder
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == ["Yes, leave a message", "No thanks"]
    assert payloads(messages[0]) == ["/affirm", "/deny"]
    assert events == []


def test_urgent_hand_off_says_999_first():
    messages, _ = run(ActionTalkToPerson(), form_tracker(slots={"urgent": True}))
    assert messages[0]["text"].startswith(get_offer().dialogue["handoff_urgent_offer"])
    assert "999" in messages[0]["text"]


def test_young_person_is_not_offered_a_message_but_other_routes():
    tracker = form_tracker(slots={"audience": "young_person"})
    messages, _ = run(ActionTalkToPerson(), tracker)
    assert "0800 1111" in messages[0]["text"]
    assert "social worker" in messages[0]["text"]
    assert "/affirm" not in payloads(messages[0])


def test_young_person_of_16_may_leave_a_message():
    tracker = form_tracker(slots={"audience": "young_person", "age": 16})
    messages, _ = run(ActionTalkToPerson(), tracker)
    assert "/affirm" in payloads(messages[0])


def test_young_person_under_16_is_never_asked_for_details_even_in_the_form():
    tracker = form_tracker("carer_name", slots={"audience": "young_person", "age": 13})
    messages, events = run(AskName(), tracker)
    assert messages == []
    assert events == [SlotSet("handoff_status", "young_person"), *STOPPED]
    _, events = run(
        validate, form_tracker("contact_detail", "07700900123", slots={"audience": "young_person"})
    )
    assert SlotSet("handoff_status", "young_person") in events


def test_no_thanks_gives_the_direct_routes():
    messages, events = run(ActionHandoffNotNow(), form_tracker(slots={"urgent": True}))
    assert get_offer().council.navigators.phone.value in messages[0]["text"]
    assert events == [SlotSet("urgent", None), SlotSet("access_needs", None)]


# --------------------------------------------------------------------------- asking


def test_every_question_has_a_cancel_button_and_name_can_be_skipped():
    messages, _ = run(AskName(), form_tracker("carer_name"))
    assert payloads(messages[0]) == ["/skip_question", "/cancel_handoff"]


def test_contact_detail_question_follows_the_method_and_re_asks_kindly():
    messages, _ = run(
        AskContactDetail(), form_tracker("contact_detail", slots={"contact_method": "email"})
    )
    assert messages[0]["text"] == get_offer().dialogue["handoff_ask_email"]
    messages, _ = run(
        AskContactDetail(),
        form_tracker("contact_detail", slots={"contact_method": "text", "contact_failures": 1.0}),
    )
    assert messages[0]["text"] == get_offer().dialogue["handoff_retry_mobile"]


def test_consent_explains_what_is_kept_who_sees_it_and_how_long():
    messages, _ = run(AskConsent(), form_tracker("handoff_consent"))
    council = get_offer().council
    text = messages[0]["text"]
    assert council.privacy_notice.summary in text
    assert f"{council.retention_days['enquiries']} days" in text
    assert f"{council.retention_days['transcripts']} days" in text
    assert payloads(messages[0])[:2] == ["/affirm", "/deny"]


def test_summary_shows_everything_before_sending():
    slots = {
        "carer_name": "Pat",
        "contact_method": "phone",
        "contact_detail": "07700900123",
        "best_time": "mornings",
        "carer_message": "Help with school",
        "urgent": True,
    }
    messages, _ = run(AskConfirm(), form_tracker("handoff_confirmed", slots=slots))
    text = messages[0]["text"]
    for part in ("Pat", "07700 900123", "mornings", "Help with school", "urgent"):
        assert part in text
    assert payloads(messages[0])[0] == "/affirm"
    assert payloads(messages[0])[-1] == "/cancel_handoff"


# --------------------------------------------------------------------------- validating


def test_name_typed_or_skipped():
    _, events = run(validate, form_tracker("carer_name", "Pat Smith"))
    assert events == [SlotSet("carer_name", "Pat Smith")]
    _, events = run(validate, form_tracker("carer_name", "/skip_question", "skip_question"))
    assert events == [SlotSet("carer_name", "")]


def test_contact_method_from_button_or_words():
    _, events = run(
        validate,
        form_tracker(
            "contact_method",
            "/inform_contact_method",
            "inform_contact_method",
            entities={"contact_method": "email"},
        ),
    )
    assert slot_values(events)["contact_method"] == "email"
    assert slot_values(events)["best_time"] == ""  # no "best time to call" for e-mail
    _, events = run(validate, form_tracker("contact_method", "please text me"))
    assert slot_values(events)["contact_method"] == "text"
    assert slot_values(events)["best_time"] is None


def test_contact_method_question_answered_with_the_number_itself():
    _, events = run(validate, form_tracker("contact_method", "+44 7700 900123"))
    values = slot_values(events)
    assert values["contact_method"] == "phone"
    assert values["contact_detail"] == "07700900123"


def test_unclear_method_asks_to_choose():
    messages, events = run(validate, form_tracker("contact_method", "whatever"))
    assert events == [SlotSet("contact_method", None)]
    assert messages[0]["text"] == get_offer().dialogue["handoff_choose"]


def _after_misses(misses: int, text: str):
    """A contact-method question answered in words after `misses` turns that each got "choose
    one of the buttons"."""
    track = form_tracker("contact_method", text)
    events = [{"event": "user", "text": "I'd like to leave a message"}]
    for _ in range(misses):
        events += [
            {"event": "user", "text": "something else"},
            {"event": "bot", "data": {"custom": {"text": get_offer().dialogue["handoff_choose"]}}},
        ]
    track.events = [*events, {"event": "user", "text": text}]
    return run(validate, track)


def test_typing_again_where_a_button_is_needed_explains_the_way_out_then_stops():
    # Never the same "choose a button" three turns running (a dead end): the second time says
    # how to leave, the third stops the message and says how to reach the navigators.
    messages, _ = _after_misses(1, "is there anything for me, I'm exhausted")
    assert messages[0]["text"] == get_offer().dialogue["handoff_choose_again"]
    assert "Cancel" in messages[0]["text"]
    messages, events = _after_misses(2, "how do I apply for it then")
    assert messages == []
    assert slot_values(events)["handoff_status"] == "gave_up"
    messages, _ = _after_misses(0, "whatever")
    assert messages[0]["text"] == get_offer().dialogue["handoff_choose"]


def test_uk_phone_numbers_are_checked_and_tidied():
    good = {
        "07700 900123": "07700900123",
        "(01709) 123456": "01709123456",
        "+44 (0)20 7946 0000": "02079460000",
    }
    for typed, stored in good.items():
        _, events = run(
            validate, form_tracker("contact_detail", typed, slots={"contact_method": "phone"})
        )
        assert slot_values(events)["contact_detail"] == stored, typed


def test_bad_number_is_asked_again_then_direct_routes_after_three():
    slots = {"contact_method": "phone"}
    _, events = run(validate, form_tracker("contact_detail", "12345", slots=slots))
    assert events == [SlotSet("contact_detail", None), SlotSet("contact_failures", 1.0)]
    _, events = run(
        validate,
        form_tracker("contact_detail", "0909 123", slots={**slots, "contact_failures": 1.0}),
    )
    assert SlotSet("contact_failures", 2.0) in events
    _, events = run(
        validate, form_tracker("contact_detail", "nope", slots={**slots, "contact_failures": 2.0})
    )
    assert events[-3:] == [SlotSet("handoff_status", "gave_up"), *STOPPED]


def test_text_message_needs_a_mobile_number():
    _, events = run(
        validate, form_tracker("contact_detail", "01709 123456", slots={"contact_method": "text"})
    )
    assert SlotSet("contact_failures", 1.0) in events
    _, events = run(
        validate, form_tracker("contact_detail", "07700 900123", slots={"contact_method": "text"})
    )
    assert slot_values(events)["contact_detail"] == "07700900123"


def test_email_checked_and_a_switch_of_method_understood():
    _, events = run(
        validate, form_tracker("contact_detail", "pat@example", slots={"contact_method": "email"})
    )
    assert SlotSet("contact_failures", 1.0) in events
    _, events = run(
        validate,
        form_tracker("contact_detail", "Pat.Smith@Example.COM", slots={"contact_method": "phone"}),
    )
    values = slot_values(events)
    assert values["contact_method"] == "email"
    assert values["contact_detail"] == "Pat.Smith@example.com"


def test_cancel_or_stop_at_any_point():
    for requested in (
        "carer_name",
        "contact_method",
        "contact_detail",
        "handoff_consent",
        "handoff_confirmed",
    ):
        _, events = run(validate, form_tracker(requested, "stop", "cancel_handoff"))
        assert events == [SlotSet("handoff_status", "cancelled"), *STOPPED], requested


def test_a_long_message_that_sounds_like_stop_is_still_the_message():
    text = "please stop the school from excluding him again this term"
    _, events = run(validate, form_tracker("carer_message", text, "cancel_handoff"))
    assert events == [SlotSet("carer_message", text)]


def test_consent_yes_or_no():
    _, events = run(validate, form_tracker("handoff_consent", "yes", "affirm"))
    # No interpreter, BSL or textphone unless asked for: "" (answered), and the summary asks.
    assert events == [SlotSet("handoff_consent", True), SlotSet("access_needs", "")]
    _, events = run(validate, form_tracker("handoff_consent", "no", "deny"))
    assert events == [SlotSet("handoff_status", "declined"), *STOPPED]


def test_change_from_the_summary_asks_those_questions_again():
    _, events = run(
        validate,
        form_tracker(
            "handoff_confirmed",
            "/handoff_change",
            "handoff_change",
            entities={"handoff_part": "contact"},
        ),
    )
    values = slot_values(events)
    assert values["contact_method"] is None and values["contact_detail"] is None
    assert values["handoff_confirmed"] is None
    _, events = run(
        validate, form_tracker("handoff_confirmed", "change my message", "handoff_change")
    )
    assert slot_values(events) == {
        "carer_message": None,
        "contact_failures": 0.0,
        "handoff_confirmed": None,
    }


# --------------------------------------------------------------------------- the end


COMPLETE = {
    "carer_name": "Pat <script>alert(1)</script>",
    "contact_method": "phone",
    "contact_detail": "07700900123",
    "best_time": "after 3pm",
    "carer_message": "We need help with school.",
    "handoff_consent": True,
    "handoff_confirmed": True,
    "arrangement": "sgo",
    "audience": "carer",
    "needs": ["education"],
    "sections_shown": ["education"],
}


def test_end_sends_the_enquiry_with_transcript_and_mail(monkeypatch):
    demo_promise(monkeypatch)
    conversation_id = stored_conversation(
        ("user", "my grandson needs help at school"), ("bot", "Here is what the offer says")
    )
    tracker = form_tracker(None, "/affirm", "affirm", slots=COMPLETE, sender_id=conversation_id)
    messages, events = run(ActionHandoffEnd(), tracker)
    reference = slot_values(events)["enquiry_reference"]
    assert messages[0]["kind"] == "enquiry_sent"
    assert reference in messages[0]["text"]
    # No day is promised while council.yml's navigator_contact_promise is a placeholder.
    assert get_offer().dialogue["handoff_expected_contact_unknown"] in messages[0]["text"]
    assert "by the end of" not in messages[0]["text"]
    assert slot_values(events)["contact_detail"] is None  # the form is cleared
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry.conversation_id == conversation_id
        assert enquiry.contact_value == "07700900123"
        assert enquiry.needs == ["education"] and enquiry.arrangement == "sgo"
        assert enquiry.consent_version == get_offer().council.consent_version
        assert [m["text"] for m in enquiry.transcript][0] == "my grandson needs help at school"
        assert not enquiry.urgent
        mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
        assert reference in mail.body
        assert mail.recipient != "front.door@example.org"  # a carer's: not a referral
        for personal in ("Pat", "07700", "school"):
            assert personal not in mail.body + mail.subject
        assert enquiry.expected_contact_by is None  # no day promised, none recorded


def test_end_promises_the_day_the_council_set(monkeypatch):
    """With council.yml's navigator_contact_promise set (1 working day, not a placeholder),
    the carer is told the day, and the enquiry records it for the navigators."""
    from bot.enquiries import timing
    from bot.offer.models import ContactPromise

    offer = get_offer()
    council = offer.council.model_copy(
        update={"navigator_contact_promise": ContactPromise(working_days=1)}
    )
    changed = offer.model_copy(update={"council": council})
    monkeypatch.setattr(timing, "get_offer", lambda: changed)
    tracker = form_tracker(None, "/affirm", "affirm", slots=COMPLETE)
    messages, events = run(ActionHandoffEnd(), tracker)
    reference = slot_values(events)["enquiry_reference"]
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        due = timing.contact_due_by(enquiry.created_at.replace(tzinfo=dt.UTC), 1)
        assert due is not None and enquiry.expected_contact_by == due
    promised = f"A Kinship Navigator will contact you by the end of {timing.day_in_words(due)}."
    assert promised in messages[0]["text"]


def test_end_marks_urgent():
    tracker = form_tracker(None, "/affirm", "affirm", slots={**COMPLETE, "urgent": True})
    messages, events = run(ActionHandoffEnd(), tracker)
    reference = slot_values(events)["enquiry_reference"]
    assert "999" in messages[0]["text"]
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry.urgent and enquiry.conversation_id is None  # unknown sender id


def test_end_after_stopping_early_says_why_and_stores_nothing():
    with get_sessionmaker()() as db:
        before = len(db.scalars(select(Enquiry.id)).all())
    cases = {
        "cancelled": "handoff_cancelled",
        "declined": "consent_declined",
        "gave_up": "handoff_contact_gave_up",
        "young_person": "handoff_young_person",
    }
    for status, key in cases.items():
        tracker = form_tracker(None, slots={**COMPLETE, "handoff_status": status})
        messages, events = run(ActionHandoffEnd(), tracker)
        assert messages[0]["text"].startswith(get_offer().dialogue[key]), status
        assert "enquiry_reference" not in slot_values(events)
        assert slot_values(events)["handoff_status"] is None
    with get_sessionmaker()() as db:
        assert len(db.scalars(select(Enquiry.id)).all()) == before


def test_end_when_saving_fails_never_claims_it_was_sent(monkeypatch):
    import actions.handoff as handoff

    def broken(_draft):
        raise RuntimeError("database down")

    monkeypatch.setattr(handoff, "submit_enquiry", broken)
    messages, events = run(ActionHandoffEnd(), form_tracker(None, slots=COMPLETE))
    assert messages[0]["text"].startswith(get_offer().dialogue["handoff_save_failed"])
    assert "enquiry_reference" not in slot_values(events)


def test_a_typed_answer_is_only_a_skip_when_the_nlu_is_sure():
    tracker = form_tracker("best_time", "after 3pm", "skip_question")
    tracker.latest_message["intent"]["confidence"] = 0.6
    _, events = run(validate, tracker)
    assert events == [SlotSet("best_time", "after 3pm")]
    _, events = run(validate, form_tracker("best_time", "any time", "skip_question"))
    assert events == [SlotSet("best_time", "")]


def test_an_address_typed_at_the_name_question_is_the_way_to_get_in_touch():
    # "What would you like us to call you?" answered with an e-mail address: kept as the way to
    # get in touch (not as a name), and the name is asked again.
    messages, events = run(validate, form_tracker("carer_name", "denise.smith@example.com"))
    assert [m["text"] for m in messages] == [get_offer().dialogue["handoff_contact_noted"]]
    values = slot_values(events)
    assert values["contact_method"] == "email"
    assert values["contact_detail"] == "denise.smith@example.com"
    assert values["carer_name"] is None
    # "my name is just Denise": the name, not the words around it; a plain name as typed.
    _, events = run(validate, form_tracker("carer_name", "my name is just Denise"))
    assert slot_values(events) == {"carer_name": "Denise"}
    _, events = run(validate, form_tracker("carer_name", "Pat Hall"))
    assert slot_values(events) == {"carer_name": "Pat Hall"}


def test_corrections_in_words_change_what_they_correct():
    # At "when is best to call?": a change of how to be contacted, not a time.
    _, events = run(
        validate,
        form_tracker(
            "best_time",
            "actually can they email me instead",
            slots={"contact_method": "phone", "contact_detail": "07700900123"},
        ),
    )
    values = slot_values(events)
    assert values["contact_method"] == "email" and values["contact_detail"] is None
    assert "best_time" in values and values["best_time"] == ""  # no best time for an e-mail
    # A time is still a time, even with a way of contact in it.
    _, events = run(
        validate,
        form_tracker("best_time", "ring me after 6", slots={"contact_method": "phone"}),
    )
    assert slot_values(events) == {"best_time": "ring me after 6"}
    # At the summary: a part of the address put right, and the name, then the summary again.
    _, events = run(
        validate,
        form_tracker(
            "handoff_confirmed",
            "its gmail.com not gmial, and my name is just Denise",
            "deny",
            slots={
                "contact_method": "email",
                "contact_detail": "denise@gmial.com",
                "carer_name": "Denise Smith",
            },
        ),
    )
    values = slot_values(events)
    assert values["contact_detail"] == "denise@gmail.com"
    assert values["carer_name"] == "Denise"
    assert values["handoff_confirmed"] is None


def test_a_question_about_who_sees_the_message_is_answered_then_the_question_again():
    # At "How would you like a Kinship Navigator to get in touch?": "will my daughter be able
    # to see this? we don't get on" gets who sees it (the privacy notice), not "choose a
    # button", and the same question again; nothing is stored.
    messages, events = run(
        validate,
        form_tracker("contact_method", "will my daughter be able to see this? we don't get on"),
    )
    assert messages[0]["text"] == get_offer().dialogue["handoff_who_sees"]
    assert slot_values(events) == {"contact_method": None}
    # Where a name was asked, a name is still a name.
    _, events = run(validate, form_tracker("carer_name", "Pat"))
    assert slot_values(events) == {"carer_name": "Pat"}
    # Where their own words were asked for, the question is answered and the words are kept.
    words = "will my daughter find out about this? we need help with money for the kids"
    messages, events = run(validate, form_tracker("carer_message", words))
    assert messages[0]["text"] == get_offer().dialogue["handoff_who_sees"]
    assert slot_values(events) == {"carer_message": words}
