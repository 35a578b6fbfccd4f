"""End to end through the real app and the real Rasa server: a carer leaves a message, a
navigator finds it in Chromium, the team gets a mail without personal details; and a killed
app loses nothing."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from bot.db.session import make_engine
from bot.enquiries.models import Enquiry
from bot.notifications.models import OutboxMail
from bot.staff.security import create_user

pytestmark = pytest.mark.integration

NAME = "Pat Example"
PHONE = "07700 900123"
WORDS = "We need help with school <script>alert(1)</script>"
PASSWORD = "a long navigator password"


def leave_message(
    system,
    start_payload: str = "/request_human",
    name: str = NAME,
    phone: str = PHONE,
    danger_first: str | None = None,
) -> tuple[str, list[dict]]:
    """Drive the hand-off through the chat API; return the reference and every reply.
    `danger_first`: a danger message sent before (the urgent hand-off is only ever offered,
    and only honoured, after the safety reply)."""
    sid = system.new_session()
    replies = []

    def say(text=None, payload=None):
        reply = system.say(sid, text=text, payload=payload)
        replies.append(reply)
        return reply

    if danger_first:
        safety = say(text=danger_first)
        assert safety["safeguarding"] is True
        assert start_payload in [b["payload"] for m in safety["messages"] for b in m["buttons"]]

    reply = say(payload=start_payload)
    assert reply["messages"][0]["kind"] == "handoff"
    assert [b["payload"] for b in reply["messages"][0]["buttons"]] == ["/affirm", "/deny"]
    reply = say(payload="/affirm")
    assert "call you" in reply["messages"][-1]["text"]
    say(text=name)
    reply = say(payload='/inform_contact_method{"contact_method": "phone"}')
    assert "phone number" in reply["messages"][-1]["text"]
    reply = say(text="12345")
    assert "does not look like a UK phone number" in reply["messages"][-1]["text"]
    reply = say(text=phone)
    assert "good time" in reply["messages"][-1]["text"]
    say(text="after 3pm")
    reply = say(text=WORDS)
    assert "days" in reply["messages"][-1]["text"]  # what is kept, and for how long
    reply = say(payload="/affirm")
    summary = reply["messages"][-1]["text"]
    assert name in summary and phone in summary and "after 3pm" in summary
    assert reply["enquiry_reference"] is None
    reply = say(payload="/affirm")
    reference = reply["enquiry_reference"]
    assert reference and re.fullmatch(r"KIN-[A-HJ-NP-Z2-9]{5}", reference)
    assert reference in reply["messages"][0]["text"]
    # No day promised while council.yml's navigator_contact_promise is a placeholder (the demo
    # content); a day once the council has set it (make test's filled-in pass).
    from bot.offer.loader import get_offer

    promised = not get_offer().council.navigator_contact_promise.placeholder
    assert ("will contact you as soon as they can" in reply["messages"][0]["text"]) != promised
    assert ("by the end of" in reply["messages"][0]["text"]) == promised
    return reference, replies


def live_db(system):
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(bind=make_engine(system.database_url), expire_on_commit=False)


def wait_for_mail(smtp_server, reference: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in smtp_server.messages:
            if reference in message:
                return message
        time.sleep(0.2)
    raise AssertionError(f"no mail with {reference} within {timeout} s")


@pytest.mark.browser
def test_carer_leaves_a_message_and_a_navigator_sees_it(live_system, smtp_server, browser):
    reference, _ = leave_message(live_system)

    mail = wait_for_mail(smtp_server, reference)
    assert f"{live_system.app_url}/navigator/enquiries/" in mail
    for personal in ("Pat", "Example", "07700", "900123", "school", "3pm"):
        assert personal not in mail

    factory = live_db(live_system)
    email = "live.navigator@council.example.org"
    with factory() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry.contact_value == "07700900123" and enquiry.transcript
        create_user(db, email, PASSWORD, "navigator")
        db.commit()

    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{live_system.app_url}/navigator/enquiries")
        assert page.url.endswith("/navigator/sign-in")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/navigator/enquiries")
        page.get_by_role("link", name=reference).click()
        page.wait_for_url("**/navigator/enquiries/*")
        assert page.get_by_role("heading", level=1).inner_text().startswith(f"Enquiry {reference}")
        summary = page.locator("dl.summary").inner_text()
        for part in (NAME, "Phone call", "07700 900123", "after 3pm", WORDS):
            assert part in summary, part
        assert dialogs == []  # the <script> was shown as text, never run
        page.get_by_role("button", name="Assign to me").click()
        page.wait_for_load_state()
        assert email in page.locator("dl.summary").inner_text()
    finally:
        context.close()


def test_killing_the_app_right_after_the_reference_loses_nothing(live_system, smtp_server):
    reference, replies = leave_message(
        live_system,
        '/request_human{"urgent": true}',
        danger_first="his dad is outside the house right now threatening to kill him",
    )
    assert "999" in replies[1]["messages"][0]["text"]  # the urgent hand-off says 999 first
    live_system.stop_app(kill=True)
    live_system.start_app()

    factory = live_db(live_system)
    with factory() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert enquiry is not None and enquiry.urgent
        assert enquiry.carer_words == WORDS and enquiry.consent_version
        assert db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
    mail = wait_for_mail(smtp_server, reference)
    assert "URGENT" in mail
