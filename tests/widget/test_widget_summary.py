"""The widget's "Save or print what I've found" (issue 20, build 2): a button with the other
actions, in one row at 320 px, reached and pressed by keyboard; it asks the chat API for a
summary link and opens it in a new tab (noopener), keeps the link in the panel, says so, and
stores nothing of it; Quick exit leaves nothing of it behind; a refusal is said plainly.

The chat API is MOCKED with `page.route` (as in test_widget_rendering.py). The real summary,
its printed length and axe: tests/chat/test_summary_browser.py.

Run with: .venv/bin/python -m pytest tests/widget -m browser
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.axe import settle
from tests.widget.test_widget_rendering import CONFIG, STORAGE_KEY, open_widget, reply, send

pytestmark = pytest.mark.browser

SUMMARY_URL = "/chat/summary/" + "s" * 43
CONTROL = "Save or print what I've found"
ANSWER = reply(
    {
        "text": "Here is what the offer says about housing.",
        "buttons": [{"title": "Money", "payload": "/need_money"}],
        "sections": [{"id": "housing", "title": "Housing", "url": "/offer/housing"}],
        "kind": "section",
    }
)


class Api:
    """The mocked chat API; `summary` is (status, json) for POST .../summary."""

    def __init__(self, page: Page, summary=(201, {"url": SUMMARY_URL})) -> None:
        self.summary = summary
        self.asked: list[str] = []
        self.sessions = 0
        page.route(re.compile(r".*/api/chat/.*"), self.handle)
        page.route(
            re.compile(r".*/chat/summary/.*"),
            lambda route: route.fulfill(
                status=200,
                content_type="text/html",
                body="<!doctype html><html lang='en'><title>Summary</title><h1>Summary</h1></html>",
            ),
        )

    def handle(self, route: Route) -> None:
        request = route.request
        path = request.url.split("/api/chat", 1)[1].split("?", 1)[0]
        if path == "/config":
            route.fulfill(status=200, json=CONFIG)
        elif path == "/sessions" and request.method == "POST":
            self.sessions += 1
            route.fulfill(status=201, json={"session_id": f"session-{self.sessions}"})
        elif path.endswith("/summary") and request.method == "POST":
            self.asked.append(path.split("/")[2])
            route.fulfill(status=self.summary[0], json=self.summary[1])
        elif path.endswith("/end"):
            route.fulfill(status=204, body="")
        elif path.endswith("/messages"):
            json.loads(request.post_data or "{}")
            route.fulfill(status=200, json=ANSWER)
        else:
            route.fulfill(status=404, json={"detail": "There is nothing at this address."})


def test_the_control_opens_the_summary_in_a_new_tab_and_keeps_the_link(
    page: Page, static_site: str
) -> None:
    api = Api(page)
    open_widget(page, static_site)
    send(page, "housing")
    expect(page.locator(".klo-msg--bot")).to_have_count(1)

    control = page.get_by_role("button", name=f"{CONTROL} (opens in new tab)")
    expect(control).to_have_text(
        f"{CONTROL} (opens in new tab)"
    )  # the last words for screen readers
    control.focus()
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    summary = opened.value
    summary.wait_for_load_state()
    assert summary.url == static_site + SUMMARY_URL
    assert api.asked == ["session-1"]
    assert summary.evaluate("window.opener") is None

    link = page.get_by_role("link", name="Open your summary (opens in new tab)")
    expect(link).to_have_attribute("href", static_site + SUMMARY_URL)
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")
    expect(link).to_be_focused()
    expect(page.locator(".klo-summary")).to_contain_text("stops working when this chat ends")
    expect(page.get_by_role("status").filter(has_text="summary")).to_contain_text(
        "Your summary is ready."
    )
    # Never stored: a reload or Quick exit leaves no trace of it.
    assert "/chat/summary/" not in page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")

    # The conversation moving on takes the link away (a new one is a press away).
    send(page, "and money")
    expect(page.locator(".klo-summary")).to_be_hidden()


def test_before_any_message_it_starts_a_chat_first(page: Page, static_site: str) -> None:
    api = Api(page)
    open_widget(page, static_site)
    with page.context.expect_page():
        page.get_by_role("button", name=CONTROL).click()
    assert api.sessions == 1 and api.asked == ["session-1"]


def test_an_ended_chat_is_said_plainly(page: Page, static_site: str) -> None:
    detail = "This chat has ended because nothing was said in it for 2 hours."
    Api(page, summary=(410, {"detail": detail}))
    open_widget(page, static_site)
    send(page, "housing")
    expect(page.locator(".klo-msg--bot")).to_have_count(1)
    page.get_by_role("button", name=CONTROL).click()
    expect(page.locator(".klo-error")).to_contain_text("Your summary could not be made.")
    expect(page.locator(".klo-error")).to_contain_text(detail)
    expect(page.locator(".klo-summary")).to_be_hidden()


def test_quick_exit_leaves_nothing_of_it_behind(page: Page, static_site: str) -> None:
    Api(page)
    open_widget(page, static_site)
    send(page, "housing")
    expect(page.locator(".klo-msg--bot")).to_have_count(1)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=CONTROL).click()
    opened.value.close()
    expect(page.locator(".klo-summary__link")).to_be_visible()
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(f"{static_site}/test/neutral.html")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None
    page.go_back()
    assert "embed.html" not in page.url


@pytest.mark.parametrize(("width", "height"), [(320, 568), (1280, 800)])
def test_the_four_actions_share_one_row(browser, static_site: str, width, height) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        Api(page)
        open_widget(page, static_site)
        actions = page.locator(".klo-actions button")
        expect(actions).to_have_count(4)
        settle(page)  # the panel slides in: measure where it comes to rest
        boxes = [actions.nth(i).bounding_box() for i in range(4)]
        panel = page.locator(".klo-panel").bounding_box()
        assert len({round(b["y"]) for b in boxes}) == 1, boxes  # one row
        assert all(
            b["x"] >= panel["x"] and b["x"] + b["width"] <= panel["x"] + panel["width"] + 1
            for b in boxes
        )
        assert all(b["height"] >= 44 for b in boxes)  # touch targets
        assert max(b["height"] for b in boxes) <= 66, boxes  # three lines at most
        assert page.evaluate("document.querySelector('.klo-panel').scrollWidth") <= width
        # In the Tab order after "Clear this chat".
        page.get_by_role("button", name="Clear this chat").focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name=CONTROL)).to_be_focused()
    finally:
        context.close()
