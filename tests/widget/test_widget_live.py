"""The widget against the REAL system: the app and the Rasa server with the trained model
(`live_system`, started once per run by tests/conftest.py). Nothing here is mocked.

Run with: .venv/bin/python -m pytest tests/widget -m browser
"""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.axe import serious_problems

pytestmark = [pytest.mark.browser, pytest.mark.integration]

QUESTION = "can I get any money for looking after my grandson"


def message_box(page: Page):
    return page.get_by_role("textbox", name="Your message")


def open_by_click(page: Page) -> None:
    page.get_by_role("button", name="Ask about kinship support").click()
    expect(message_box(page)).to_be_focused()


def ask(page: Page, text: str) -> None:
    count = page.locator(".klo-msg--bot").count()
    message_box(page).fill(text)
    message_box(page).press("Enter")
    expect(page.locator(".klo-msg--bot")).not_to_have_count(count, timeout=30_000)
    expect(page.locator(".klo-typing")).to_be_hidden(timeout=30_000)


def test_keyboard_only_conversation(page: Page, live_system) -> None:
    page.goto(live_system.app_url + "/")
    launcher = page.get_by_role("button", name="Ask about kinship support")
    for _ in range(60):  # Tab through the page until the launcher has focus
        page.keyboard.press("Tab")
        if launcher.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the launcher could not be reached with Tab")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Kinship support chat")
    expect(dialog).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(message_box(page)).to_be_focused()
    expect(page.get_by_role("log")).to_have_attribute("aria-live", "polite")

    page.keyboard.type(QUESTION)
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press("Enter")
    card = page.locator(".klo-card a[href$='/offer/financial-support']")
    expect(card).to_be_visible(timeout=30_000)
    expect(page.get_by_role("log")).to_contain_text(QUESTION)
    expect(message_box(page)).to_have_value("")
    # Focus moved to the newest reply (its first suggested reply when it has some), and the
    # page did not scroll.
    assert page.evaluate("document.activeElement.closest('.klo-msg--bot') !== null")
    assert page.evaluate("window.scrollY") == scrolled

    # From the reply, the next message goes in 3 key presses or fewer (the words typed are
    # not counted): Tab to the text box (the suggestions are one Tab stop), type, Enter.
    presses = 0
    while not message_box(page).evaluate("el => el === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 3, "the text box is too many Tabs from the reply"
    page.keyboard.type("we need a bigger house")
    before = page.locator(".klo-msg--bot").count()
    page.keyboard.press("Enter")
    presses += 1
    assert presses <= 3
    expect(page.locator(".klo-msg--bot")).not_to_have_count(before, timeout=30_000)
    expect(page.locator(".klo-card a[href$='/offer/housing']").last).to_be_visible(timeout=30_000)

    # Or press a suggested reply: Enter, and focus leaves the spent button.
    reply_button = page.locator(".klo-msg--bot .klo-btn--reply:not([disabled])").first
    if reply_button.count():
        reply_button.focus()
        before = page.locator(".klo-msg--bot").count()
        page.keyboard.press("Enter")
        expect(page.locator(".klo-msg--bot")).not_to_have_count(before, timeout=30_000)
        assert page.evaluate("!document.activeElement.disabled")

    # "Talk to a person" is always there: two Tabs on from the text box (past Send).
    message_box(page).focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    # (Rasa's replies may offer a "Talk to a person" suggestion too; this is the fixed button.)
    talk = page.locator(".klo-actions").get_by_role("button", name="Talk to a person")
    expect(talk).to_be_focused()
    before = page.locator(".klo-msg--bot").count()
    page.keyboard.press("Enter")
    expect(page.locator(".klo-msg--bot")).not_to_have_count(before, timeout=30_000)
    expect(page.locator(".klo-msg--handoff").last).to_contain_text("Kinship Navigator")

    # Escape closes the panel and focus goes back to the launcher: no keyboard trap.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()


def test_conversation_survives_a_reload(page: Page, live_system) -> None:
    page.goto(live_system.app_url + "/")
    open_by_click(page)
    ask(page, QUESTION)
    session_id = page.evaluate(
        "JSON.parse(sessionStorage.getItem('kinship-chat-widget')).sessionId"
    )
    shown = page.locator(".klo-msg").count()

    page.reload()

    # The panel comes back open with the same transcript, and carries on the same session.
    expect(page.get_by_role("dialog", name="Kinship support chat")).to_be_visible()
    expect(page.locator(".klo-msg")).to_have_count(shown)
    expect(page.get_by_role("log")).to_contain_text(QUESTION)
    expect(page.locator(".klo-card a[href$='/offer/financial-support']")).to_be_visible()
    ask(page, "we need a bigger house")
    assert session_id == page.evaluate(
        "JSON.parse(sessionStorage.getItem('kinship-chat-widget')).sessionId"
    )
    # The server still knows what was said before the reload (the context carried over).
    turns = live_system.say(session_id, payload="/request_human")
    assert "financial-support" in turns["context"]["needs"]

    # Start again clears the transcript.
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".klo-msg--user")).to_have_count(0, timeout=30_000)
    expect(page.get_by_role("log")).not_to_contain_text(QUESTION)


def test_escape_closes_and_focus_returns_to_the_launcher(page: Page, live_system) -> None:
    page.goto(live_system.app_url + "/")
    open_by_click(page)
    page.get_by_role("button", name="Start again").focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    launcher = page.get_by_role("button", name="Ask about kinship support")
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_serious_problems_with_the_widget_open(
    browser, live_system, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 720})
    page = context.new_page()
    try:
        page.goto(live_system.app_url + "/")
        open_by_click(page)
        ask(page, QUESTION)
        # The privacy notice and the out-of-hours banner come from the config.
        serious = serious_problems(page, tags=None)
        assert serious == [], "\n".join(serious)
        # No horizontal scrolling at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.querySelector('.klo-panel').scrollWidth") <= width
    finally:
        context.close()


def test_with_rasa_down_the_widget_offers_the_navigators_and_a_message_form(
    page: Page, live_system
) -> None:
    """Stops the real Rasa server (and starts it again afterwards)."""
    live_system.stop_rasa()
    try:
        page.goto(live_system.app_url + "/")
        open_by_click(page)
        message_box(page).fill("can someone call me about my granddaughter")
        message_box(page).press("Enter")

        expect(page.get_by_role("alert")).to_be_visible(timeout=30_000)
        fallback = page.get_by_role("region", name="Contact a Kinship Navigator")
        expect(fallback).to_be_visible()
        expect(fallback).to_contain_text("Kinship Navigators")
        from bot.offer.loader import get_offer

        navigators = get_offer().council.navigators
        expect(fallback).to_contain_text(navigators.phone.value)
        if navigators.phone.placeholder:
            expect(fallback).to_contain_text("(placeholder)")  # demo contact details say so
        expect(message_box(page)).to_have_value("can someone call me about my granddaughter")
        expect(page.get_by_role("button", name="Try again")).to_be_visible()

        assert serious_problems(page, tags=None) == []

        # Consent is explicit: the form will not send without the box ticked.
        fallback.get_by_label("Phone number or email address").fill("gran@example.invalid")
        fallback.get_by_label("What would you like help with?").fill(
            "Please call me about an allowance."
        )
        fallback.get_by_role("button", name="Send message").click()
        expect(fallback).to_contain_text("Tick the box to agree")
        expect(fallback.get_by_role("checkbox")).to_be_focused()

        probe = httpx.post(f"{live_system.app_url}/api/chat/fallback-enquiry", json={}, timeout=10)
        if probe.status_code in (404, 405):
            pytest.skip("POST /api/chat/fallback-enquiry is not built yet (the lead adds it)")

        fallback.get_by_role("checkbox").check()
        fallback.get_by_role("button", name="Send message").click()
        confirmation = fallback.get_by_role("status")
        expect(confirmation).to_contain_text(re.compile(r"reference is KIN-\w+"), timeout=15_000)
        reference = re.search(r"KIN-\w+", confirmation.inner_text()).group(0)

        # It landed in the navigators' inbox (the enquiry table), marked as a fallback message.
        from sqlalchemy import create_engine, text

        engine = create_engine(live_system.database_url)
        with engine.connect() as connection:
            source = connection.execute(
                text("SELECT source FROM enquiry WHERE reference = :r"), {"r": reference}
            ).scalar_one()
        engine.dispose()
        assert source == "fallback"
    finally:
        live_system.start_rasa()
