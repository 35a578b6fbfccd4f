"""The widget's feedback: yes/no on section cards, "Did this help?" after a goodbye reply and
when the panel is closed after two turns (once per conversation), "Thank you" announced.

The chat API is MOCKED with `page.route` on the widget tests' static server (tests/widget).
Run with: .venv/bin/python -m pytest tests/insights -m browser
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Route, expect


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


pytestmark = pytest.mark.browser

GOODBYE = "Thank you for using the assistant. Take care."
PHRASES = {
    "question": "Did this chat help you?",
    "yes": "Yes",
    "no": "No",
    "comment_label": "Anything else you want to tell us?",
    "send": "Send",
    "skip": "Skip",
    "thanks": "Thank you for your feedback.",
    "section_question": "Was this useful?",
    "end_texts": [GOODBYE, "You're welcome."],
}


def reply(*messages: dict) -> dict:
    return {
        "messages": list(messages),
        "context": {"arrangement": "unknown", "audience": "carer", "needs": []},
        "safeguarding": False,
        "enquiry_reference": None,
    }


def mock(page: Page, answer) -> list[dict]:
    feedback: list[dict] = []

    def handle(route: Route) -> None:
        request = route.request
        path = request.url.split("/api/chat", 1)[1].split("?", 1)[0]
        if path == "/feedback/phrases":
            route.fulfill(status=200, json=PHRASES)
        elif path == "/sessions" and request.method == "POST":
            route.fulfill(status=201, json={"session_id": "mock-session"})
        elif path.endswith("/feedback"):
            feedback.append(json.loads(request.post_data or "{}"))
            route.fulfill(status=201, json={"saved": True})
        elif path.endswith("/messages"):
            route.fulfill(status=200, json=answer(json.loads(request.post_data or "{}")))
        else:
            route.fulfill(status=404, json={"detail": "There is nothing at this address."})

    page.route(re.compile(r".*/api/chat/.*"), handle)
    return feedback


def say(page: Page, text: str) -> None:
    box = page.get_by_label("Your message")
    box.fill(text)
    box.press("Enter")


HOUSING = {
    "text": "Here is what the offer says about housing.",
    "kind": "section",
    "buttons": [],
    "sections": [{"id": "housing", "title": "Housing", "url": "/offer/housing"}],
}


def answer(body: dict) -> dict:
    if body.get("text") == "bye":
        return reply({"text": GOODBYE, "kind": "text", "buttons": [], "sections": []})
    return reply(HOUSING)


def open_widget(page: Page, base: str) -> None:
    page.goto(f"{base}/test/embed.html")
    page.get_by_role("button", name="Ask about kinship support").click()


def test_section_card_feedback(page: Page, static_site: str):
    sent = mock(page, answer)
    open_widget(page, static_site)
    say(page, "housing")
    group = page.get_by_role("group", name="Was this useful? Housing")
    group.get_by_role("button", name="Yes").click()
    expect(
        page.get_by_role("status").filter(has_text="Thank you for your feedback.")
    ).to_have_count(1)
    expect(group).to_have_count(0)
    assert sent == [{"helpful": True, "section_id": "housing"}]


def test_goodbye_asks_once_and_takes_a_comment(page: Page, static_site: str):
    sent = mock(page, answer)
    open_widget(page, static_site)
    say(page, "housing")
    expect(page.locator(".klo-msg--bot")).to_have_count(1)  # one turn at a time
    say(page, "bye")
    question = page.locator(".klo-feedback")
    expect(question).to_be_visible()
    expect(question.get_by_role("heading", name="Did this chat help you?")).to_be_visible()
    question.get_by_role("button", name="No", exact=True).click()
    page.get_by_label("Anything else you want to tell us?").fill("More on housing, please.")
    question.get_by_role("button", name="Send").click()
    expect(question).to_contain_text("Thank you for your feedback.")
    assert sent == [{"helpful": False}, {"helpful": False, "comment": "More on housing, please."}]
    # Once per conversation: neither another goodbye nor closing asks again.
    say(page, "bye")
    expect(page.locator(".klo-msg--bot")).to_have_count(3)
    expect(question).to_contain_text("Thank you for your feedback.")
    page.get_by_role("button", name="Close chat").click()
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_closing_after_two_turns_asks_first(page: Page, static_site: str):
    sent = mock(page, answer)
    open_widget(page, static_site)
    say(page, "housing")
    expect(page.locator(".klo-msg--bot")).to_have_count(1)
    say(page, "more")
    expect(page.locator(".klo-msg--bot")).to_have_count(2)
    page.get_by_role("button", name="Close chat").click()
    heading = page.get_by_role("heading", name="Did this chat help you?")
    expect(heading).to_be_focused()
    page.locator(".klo-feedback").get_by_role("button", name="Yes").click()
    page.locator(".klo-feedback").get_by_role("button", name="Skip").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(
        page.get_by_role("status").filter(has_text="Thank you for your feedback.")
    ).to_have_count(1)
    assert sent == [{"helpful": True}]
