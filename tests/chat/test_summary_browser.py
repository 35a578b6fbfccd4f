"""A summary to keep, in Chromium (issue 20, build 2): the widget's "Save or print what I've
found" opens the summary in a new tab; three sections of the offer print on exactly one A4
page; axe finds nothing serious at 320 and 1280 px; the link is refused once "Clear this chat"
has ended the chat; "Exit this page" on the summary leaves without a way back and forgets the
link.

The real app runs (in a thread, on the test database, under its own security headers); Rasa
does not: the conversation is set up in the database as the chat would leave it
(tests/chat/summary_helpers.py).

Run with: .venv/bin/python -m pytest tests/chat -m browser
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from bot.offer.loader import get_offer
from bot.offer.router import EXIT_URL
from tests.axe import serious_problems
from tests.chat.summary_helpers import LONGEST_FOR_SGO, PERSONAL, Chat, chat_that_showed
from tests.conftest import free_port

pytestmark = pytest.mark.browser

STORAGE_KEY = "kinship-chat-widget"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The whole app (bot.main), with Rasa "down" as in every unit test."""
    import uvicorn

    from bot.main import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_config=None, log_level=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF (its /Type /Page objects; Chromium writes them plainly)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)


def open_chat(page: Page, site: str, chat: Chat) -> None:
    """The demo page with the widget holding `chat` (as it would after the conversation)."""
    page.goto(site + "/")
    state = {
        "sessionId": chat.session_id,
        "items": [{"role": "user", "text": "hello"}],
        "open": True,
        "feedback": {"asked": False, "sections": {}},
    }
    page.evaluate(
        "([key, state]) => sessionStorage.setItem(key, state)", [STORAGE_KEY, json.dumps(state)]
    )
    page.reload()
    expect(page.get_by_role("dialog", name="Kinship support chat")).to_be_visible()


def open_summary(page: Page) -> Page:
    """Press "Save or print what I've found" by keyboard; the summary's new tab."""
    control = page.get_by_role("button", name="Save or print what I've found")
    control.focus()
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    summary = opened.value
    summary.set_default_timeout(15_000)
    summary.wait_for_load_state()
    return summary


def test_three_sections_print_on_one_a4_page_and_end_with_the_chat(browser, site: str) -> None:
    chat = chat_that_showed(LONGEST_FOR_SGO, arrangement="sgo", enquiry=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        open_chat(page, site, chat)
        summary = open_summary(page)
        url = summary.url
        assert re.search(r"/chat/summary/[A-Za-z0-9_-]{43}$", url), url

        # The widget keeps the link in the panel too (opens in a new tab, no opener), and
        # nowhere in the tab's storage.
        link = page.get_by_role("link", name="Open your summary (opens in new tab)")
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener")
        stored = page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")
        assert "/chat/summary/" not in stored

        # What it holds: the three sections, tailored, the reference, the contact routes.
        expect(summary.get_by_role("heading", level=1)).to_have_text("What you found: your summary")
        offer = get_offer()
        for section_id in LONGEST_FOR_SGO:
            expect(
                summary.get_by_role("heading", name=offer.sections[section_id].title, exact=True)
            ).to_be_visible()
        expect(summary.locator("main")).to_contain_text(offer.arrangements["sgo"].title)
        expect(summary.locator(".summary-reference")).to_contain_text(chat.reference)
        expect(summary.get_by_role("heading", name="Talk to a Kinship Navigator")).to_be_visible()
        text = summary.locator("body").inner_text()
        for personal in PERSONAL:
            assert personal not in text

        # Printed: exactly one A4 page.
        pdf = summary.pdf(format="A4", print_background=True)
        assert pdf_pages(pdf) == 1

        # axe at 1280 and 320 px, under the app's own Content-Security-Policy.
        for width in (1280, 320):
            summary.set_viewport_size({"width": width, "height": 800})
            assert serious_problems(summary) == [], width
            assert summary.evaluate("document.documentElement.scrollWidth") <= width

        # "Clear this chat" ends the chat: the summary's link is refused from then on.
        page.get_by_role("button", name="Clear this chat").click()
        expect(page.get_by_role("status").filter(has_text="cleared")).to_contain_text(
            "This chat was cleared and has ended."
        )
        refused = summary.reload()
        assert refused.status in (404, 410)
        expect(summary.get_by_role("heading", level=1)).to_have_text(
            "This summary is no longer available"
        )
        assert refused.headers["x-robots-tag"].startswith("noindex")
        assert chat.reference not in summary.locator("body").inner_text()
        # The widget's copy of the link went with the chat.
        expect(page.locator(".klo-summary")).to_be_hidden()
    finally:
        context.close()


def test_the_page_says_it_is_not_to_be_indexed_or_kept(browser, site: str) -> None:
    chat = chat_that_showed(["housing"], arrangement="informal")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        open_chat(page, site, chat)
        summary = open_summary(page)
        response = summary.reload()
        assert response.status == 200
        headers = response.headers
        assert "noindex" in headers["x-robots-tag"]
        assert headers["cache-control"] == "no-store"
        assert headers["referrer-policy"] == "no-referrer"
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        robots = summary.locator('meta[name="robots"]')
        expect(robots).to_have_attribute("content", re.compile("noindex"))
        expect(summary.locator('meta[name="referrer"]')).to_have_attribute("content", "no-referrer")
        # The print button is the page's own script's (no inline script under the CSP).
        expect(summary.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    finally:
        context.close()


def test_exit_this_page_on_a_summary_leaves_without_a_way_back_and_forgets_it(
    browser, site: str
) -> None:
    chat = chat_that_showed(["housing", "education"], arrangement="cao", enquiry=True)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        open_chat(page, site, chat)
        summary = open_summary(page)
        url = summary.url
        summary.route(
            EXIT_URL,
            lambda route: route.fulfill(
                status=200,
                content_type="text/html",
                body="<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>",
            ),
        )
        history = summary.evaluate("history.length")
        summary.get_by_role("link", name="Exit this page").click()
        summary.wait_for_url(EXIT_URL)
        assert summary.evaluate("history.length") == history  # replaced: Back does not return
        # The link no longer works, from the browser's history or anywhere else.
        deadline = time.monotonic() + 10
        while (status := summary.request.get(url).status) == 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status == 404
    finally:
        context.close()
