"""Through the real app and the real Rasa server: a Polish, an Urdu and an Arabic message each
get a reply in that language, then an interpreter hand-off that reaches the Navigators' inbox
and their mail with the language recorded; a Polish danger word reaches the safety reply."""

from __future__ import annotations

import re
import secrets

import httpx
import pytest
from sqlalchemy import select

from bot.enquiries.models import Enquiry
from bot.staff.security import create_user
from bot.understanding.language import language_content
from tests.enquiries.test_handoff_live import live_db, wait_for_mail

pytestmark = pytest.mark.integration

MESSAGES = {
    "pl": "Dzień dobry, opiekuję się wnukiem. Czy ktoś mówi po polsku?",
    "ur": "السلام علیکم، میں اپنے پوتے کی دیکھ بھال کرتی ہوں۔ کیا کوئی اردو بولتا ہے؟",
    "ar": "مرحبا، أنا أعتني بحفيدتي. هل يتكلم أحد العربية؟",
}
PASSWORD = "a long navigator password"


def interpreter_hand_off(system, text: str) -> tuple[str, list[dict], dict]:
    """The language reply, its interpreter button, then the hand-off to the end; returns the
    reference, the first reply's messages and the summary reply."""
    sid = system.new_session()
    first = system.say(sid, text=text)
    assert first["safeguarding"] is False
    button = next(
        b for m in first["messages"] for b in m["buttons"] if b["payload"].startswith("/request")
    )
    reply = system.say(sid, payload=button["payload"])
    assert reply["messages"][0]["kind"] == "handoff"
    assert "interpreter" in reply["messages"][0]["text"]
    system.say(sid, payload="/affirm")
    system.say(sid, text="Pat Example")
    system.say(sid, payload='/inform_contact_method{"contact_method": "phone"}')
    system.say(sid, text="07700 900123")
    system.say(sid, text="any time")
    reply = system.say(sid, payload="/skip_question")
    assert "days" in reply["messages"][-1]["text"]  # the consent question
    summary = system.say(sid, payload="/affirm")
    sent = system.say(sid, payload="/affirm")
    reference = sent["enquiry_reference"]
    assert reference and re.fullmatch(r"KIN-[A-HJ-NP-Z2-9]{5}", reference), sent
    return reference, first["messages"], summary


def signed_in_client(system) -> httpx.Client:
    email = f"languages-{secrets.token_hex(4)}@council.example.org"
    with live_db(system)() as db:
        create_user(db, email, PASSWORD, "navigator")
        db.commit()
    client = httpx.Client(base_url=system.app_url, timeout=30)
    page = client.get("/navigator/sign-in").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/navigator/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code in (200, 303), response.text
    return client


@pytest.mark.parametrize("code", ["pl", "ur", "ar"])
def test_a_message_in_another_language_gets_an_interpreter_hand_off(live_system, smtp_server, code):
    language = language_content().by_code(code)
    reference, first, summary = interpreter_hand_off(live_system, MESSAGES[code])

    # First in the language, then the same in English.
    assert first[0]["text"] == language.reply
    assert first[1]["text"] == language_content().english_reply
    assert f"an interpreter ({language.name})" in summary["messages"][-1]["text"]

    with live_db(live_system)() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry.access_needs == f"interpreter: {language.name}"
        enquiry_id = enquiry.id

    mail = wait_for_mail(smtp_server, reference)
    assert f"interpreter: {language.name}" in mail
    assert "Pat" not in mail and "07700" not in mail

    client = signed_in_client(live_system)
    try:
        inbox = client.get("/navigator/enquiries").text
        row = inbox[inbox.index(reference) :]
        assert f"interpreter: {language.name}" in row[: row.index("</tr>")]
        page = client.get(f"/navigator/enquiries/{enquiry_id}").text
        assert "Interpreter, BSL or textphone" in page
        assert f"interpreter: {language.name}" in page
    finally:
        client.close()


def test_a_polish_danger_word_reaches_the_safety_reply(live_system):
    sid = live_system.new_session()
    reply = live_system.say(sid, text="Pomocy! On ją bije")
    assert reply["safeguarding"] is True
    assert "999" in reply["messages"][0]["text"]


def test_an_english_hand_off_asks_about_an_interpreter_bsl_or_a_textphone(live_system):
    sid = live_system.new_session()
    live_system.say(sid, payload="/request_human")
    live_system.say(sid, payload="/affirm")
    live_system.say(sid, payload="/skip_question")
    live_system.say(sid, payload='/inform_contact_method{"contact_method": "email"}')
    live_system.say(sid, text="pat@example.com")
    live_system.say(sid, payload="/skip_question")
    summary = live_system.say(sid, payload="/affirm")["messages"][-1]
    assert "Do you need an interpreter, British Sign Language or a textphone?" in summary["text"]
    button = next(b for b in summary["buttons"] if "access" in b["payload"])
    asked = live_system.say(sid, payload=button["payload"])["messages"][-1]
    bsl = next(b for b in asked["buttons"] if "British Sign Language" in b["payload"])
    summary = live_system.say(sid, payload=bsl["payload"])["messages"][-1]
    assert "British Sign Language" in summary["text"]
    sent = live_system.say(sid, payload="/affirm")
    assert sent["enquiry_reference"]
