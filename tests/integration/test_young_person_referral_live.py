"""A young person who asks for help after a danger message, end to end through the real app and
the real Rasa server (issue #15, item 1): their request goes to children's social care as an
URGENT safeguarding referral with their reason kept, never to the carers' Kinship Navigator
hand-off or a home-visit offer; under-16s get Childline and a trusted adult, and a call back
only where council.yml allows it; a carer's danger message keeps its route."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.db.session import make_engine
from bot.enquiries.models import Enquiry
from tests.enquiries.test_handoff_live import wait_for_mail

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = '/request_human{"urgent": true, "contact_method": "phone"}'
URGENT = '/request_human{"urgent": true}'


def stored(system, reference: str) -> Enquiry:
    db = sessionmaker(bind=make_engine(system.database_url), expire_on_commit=False)()
    with db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry is not None, reference
        return enquiry


def texts(reply) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def payloads(reply) -> list[str]:
    return [b["payload"] for m in reply["messages"] for b in m["buttons"]]


def not_the_carers_route(reply) -> None:
    said = texts(reply)
    assert "Kinship Navigator" not in said, said
    assert "visit you at home" not in said, said
    assert "can't take your contact details" not in said, said


class Chat:
    def __init__(self, system):
        self.system, self.sid = system, system.new_session()

    def __call__(self, text=None, payload=None):
        return self.system.say(self.sid, text=text, payload=payload)


def test_young_person_yes_goes_to_childrens_social_care_urgently_with_their_reason(
    live_system, smtp_server
):
    say = Chat(live_system)
    danger = say("Im 17. my uncle hits me when hes drunk")
    assert danger["safeguarding"] is True
    assert danger["context"]["audience"] == "young_person"
    assert "children's social care" in danger["messages"][-1]["text"]
    assert URGENT in payloads(danger)

    entry = say(payload=URGENT)
    not_the_carers_route(entry)
    assert entry["context"]["audience"] == "young_person"
    assert "children's social care" in texts(entry) and "urgent" in texts(entry)
    assert entry["messages"][-1]["kind"] == "referral_reason"

    # Their reason, typed in the message box: kept (one line about 999, not the banner again).
    reason = "he hit me again tonight and I am scared to go home"
    kept = say(reason)
    assert kept["messages"][0]["text"] == "If you are in danger right now, call 999."
    assert "first name" in kept["messages"][-1]["text"]
    assert len(kept["messages"]) == 2

    say("Sam")
    asked = say(payload='/inform_contact_method{"contact_method": "phone"}')
    assert "safe for you to talk" in asked["messages"][-1]["text"]
    say("07700 900123")
    summary = say("after 8pm")
    assert reason in texts(summary) and "my uncle hits me" in texts(summary)
    not_the_carers_route(summary)
    sent = say(payload="/affirm")
    reference = sent["enquiry_reference"]
    assert reference and sent["messages"][0]["kind"] == "enquiry_sent"
    assert "children's social care" in texts(sent) and "999" in texts(sent)
    not_the_carers_route(sent)

    enquiry = stored(live_system, reference)
    assert enquiry.urgent and enquiry.audience == "young_person" and enquiry.safeguarding_referral
    assert reason in enquiry.carer_words and "my uncle hits me" in enquiry.carer_words
    assert enquiry.contact_value == "07700900123" and enquiry.best_time == "after 8pm"

    mail = wait_for_mail(smtp_server, reference)
    assert "Safeguarding referral" in mail and "URGENT" in mail
    for personal in ("Sam", "07700", "uncle"):
        assert personal not in mail


def test_typed_follow_ups_after_the_banner_are_kept_and_a_typed_request_is_the_referral(
    live_system,
):
    say = Chat(live_system)
    assert say("im 14 and my uncle hits me when hes drunk")["safeguarding"] is True
    again = say("please help me he hit me again tonight")
    assert again["safeguarding"] is True
    assert "I have kept what you wrote" in texts(again)
    assert len(again["messages"]) == 2 and URGENT in payloads(again)

    asked = say("can someone from the council contact me")
    not_the_carers_route(asked)
    said = texts(asked)
    assert "Childline" in said and "0800 1111" in said and "adult you trust" in said
    assert CALLBACK in payloads(asked)  # the demo council.yml allows a call back

    form = say(payload=CALLBACK)
    assert "anything else" in form["messages"][-1]["text"]  # they already said what happens
    say(payload="/skip_question")
    number = say(payload="/skip_question")
    assert "safe for you to talk" in number["messages"][-1]["text"]
    say("07700 900456")
    say(payload="/skip_question")
    sent = say(payload="/affirm")
    enquiry = stored(live_system, sent["enquiry_reference"])
    assert enquiry.urgent and enquiry.audience == "young_person"
    assert "my uncle hits me" in enquiry.carer_words
    assert "please help me he hit me again tonight" in enquiry.carer_words
    assert enquiry.contact_method == "phone" and enquiry.contact_value == "07700900456"


def test_no_call_back_is_offered_where_the_council_does_not_allow_it(live_system, tmp_path):
    content = tmp_path / "offer_content"
    shutil.copytree(ROOT / "offer_content", content)
    council = content / "council.yml"
    text = council.read_text()
    assert "young_person_callback: true" in text
    council.write_text(text.replace("young_person_callback: true", "young_person_callback: false"))
    try:
        live_system.stop_app()
        live_system.extra_env = {**live_system.extra_env, "CONTENT_DIR": str(content)}
        live_system.start_app()
        say = Chat(live_system)
        assert say("im 13 my uncle hits me when hes drunk")["safeguarding"] is True
        reply = say(payload=URGENT)
        not_the_carers_route(reply)
        assert "Childline" in texts(reply) and "adult you trust" in texts(reply)
        assert "call you back" not in texts(reply)
        assert CALLBACK not in payloads(reply)
        # A call-back button sent anyway starts nothing.
        forged = say(payload=CALLBACK)
        assert not any(m["kind"] == "referral_question" for m in forged["messages"])
    finally:
        live_system.stop_app()
        live_system.extra_env = {
            k: v for k, v in live_system.extra_env.items() if k != "CONTENT_DIR"
        }
        live_system.start_app()


def test_a_carers_danger_message_keeps_the_urgent_navigator_hand_off(live_system):
    say = Chat(live_system)
    danger = say("my partner hit my granddaughter and I am scared he will do it again")
    assert danger["safeguarding"] is True and danger["context"]["audience"] == "carer"
    offer = say(payload=URGENT)
    assert offer["messages"][0]["kind"] == "handoff"
    assert "Kinship Navigator" in texts(offer) and "urgent" in texts(offer)
    asked = say(payload="/affirm")
    assert asked["messages"][-1]["kind"] == "handoff_question"
    # A second danger message from a carer still gets the whole safety reply.
    again = say("he is hitting her right now")
    assert again["safeguarding"] is True and "999" in again["messages"][0]["text"]
    assert len(again["messages"]) >= 4
