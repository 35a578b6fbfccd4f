"""The offer pages with the chat on them (issue 20): the "Exit this page" link, the chat widget,
the accessibility statement, and axe at 320 and 1280 px on each new page, under the app's real
Content-Security-Policy. The chat API is mocked with `page.route`.

Run with: .venv/bin/python -m pytest tests/offer -m browser
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from bot.offer.router import EXIT_URL
from tests.axe import serious_problems
from tests.conftest import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
STORAGE_KEY = "kinship-chat-widget"
CONFIG = {
    "council_name": "Example Council",
    "out_of_hours": False,
    "out_of_hours_message": "",
    "privacy_notice": "We keep what you tell us for 365 days.",
}
REPLY = {
    "messages": [
        {
            "text": "Childline is on 0800 1111.",
            "buttons": [{"title": "Money", "payload": "/ask_money"}],
            "sections": [{"id": "housing", "title": "Housing", "url": "/offer/housing"}],
            "kind": "section",
        }
    ],
    "context": {"arrangement": "unknown", "audience": "carer", "needs": []},
    "safeguarding": False,
    "enquiry_reference": None,
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The offer pages and the widget's files, behind the app's security headers."""
    import uvicorn
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    from bot.core.security_headers import SecurityHeadersMiddleware
    from bot.offer.router import router
    from bot.settings import get_settings

    app = FastAPI()
    app.add_middleware(SecurityHeadersMiddleware, settings=get_settings())
    app.include_router(router)
    app.mount("/widget", StaticFiles(directory=ROOT / "web_widget"), name="widget")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def mock_chat(page: Page) -> None:
    def handle(route: Route) -> None:
        path = route.request.url.split("/api/chat", 1)[1].split("?", 1)[0]
        if path == "/config":
            route.fulfill(status=200, json=CONFIG)
        elif path == "/sessions":
            route.fulfill(status=201, json={"session_id": "s"})
        elif path.endswith("/messages"):
            route.fulfill(status=200, json=REPLY)
        else:
            route.fulfill(status=404, json={"detail": "There is nothing at this address."})

    page.route(re.compile(r".*/api/chat/.*"), handle)
    # The neutral site "Exit this page" goes to, without the network.
    page.route(
        EXIT_URL,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>",
        ),
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", ["/accessibility", "/offer/housing"])
def test_axe_finds_no_serious_problems_with_the_chat_open(
    browser, site: str, path: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 720})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        mock_chat(page)
        page.goto(site + path)
        assert serious_problems(page) == []  # the page itself
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.get_by_role("button", name="Ask about kinship support").click()
        box = page.get_by_role("textbox", name="Your message")
        box.fill("who can help")
        box.press("Enter")
        expect(page.locator(".klo-msg--bot")).to_have_count(1)
        assert serious_problems(page) == []  # and with the chat open, after a reply
        assert page.evaluate("document.querySelector('.klo-panel').scrollWidth") <= width
    finally:
        context.close()


def test_the_accessibility_statement_follows_the_gov_uk_pattern(page: Page, site: str) -> None:
    mock_chat(page)
    page.goto(site + "/accessibility")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accessibility statement")
    for heading in [
        "How accessible these pages and the chat are",
        "Feedback and contact information",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    # The council's contact details come from council.yml, marked while they are placeholders.
    from bot.offer.loader import get_offer

    navigators = get_offer().council.navigators
    contact = page.locator(".contact")
    expect(contact).to_contain_text(navigators.name)
    expect(contact).to_contain_text(navigators.email.value)
    if navigators.email.placeholder:
        expect(contact).to_contain_text("placeholder")


def test_offer_pages_link_the_statement_and_carry_the_chat(page: Page, site: str) -> None:
    mock_chat(page)
    page.goto(site + "/offer/housing")
    expect(
        page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement")
    ).to_have_attribute("href", "/accessibility")
    page.get_by_role("button", name="Ask about kinship support").click()
    expect(page.get_by_role("dialog", name="Kinship support chat")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your message")).to_be_focused()


def test_exit_this_page_on_an_offer_page_clears_the_chat_and_leaves(page: Page, site: str) -> None:
    mock_chat(page)
    page.goto(site + "/offer/housing")
    page.get_by_role("button", name="Ask about kinship support").click()
    box = page.get_by_role("textbox", name="Your message")
    box.fill("my grandson lives with me")
    box.press("Enter")
    expect(page.locator(".klo-msg--bot")).to_have_count(1)
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")
    history = page.evaluate("history.length")
    page.keyboard.press("Escape")  # the open panel covers the page's link on a wide screen

    page.locator(".exit-bar").get_by_role("link", name="Exit this page").click()

    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == history  # replaced: Back does not return
    page.goto(site + "/offer/housing")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None


def test_shift_three_times_on_an_offer_page_exits(page: Page, site: str) -> None:
    mock_chat(page)
    page.goto(site + "/offer")
    expect(page.get_by_role("button", name="Ask about kinship support")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
