"""Widget behaviour that needs no assistant: safe rendering, quick exit, a failed send.

These tests MOCK the chat API with `page.route` (on a plain static-file server, see conftest.py),
because they check what the browser does with a given reply — hostile text, a dropped
connection — or leave the page. The conversation itself is tested against the real system in
test_widget_live.py.

Run with: .venv/bin/python -m pytest tests/widget -m browser
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

STORAGE_KEY = "kinship-chat-widget"
HOSTILE = "<img src=x onerror=alert(1)>"
CONFIG = {
    "council_name": "Example Council",
    "out_of_hours": True,
    "out_of_hours_message": "The office is closed now.",
    "privacy_notice": "We keep what you tell us for 365 days.",
    "navigators": {
        "name": "Kinship Navigators",
        "phone": "01709 000000",
        "email": "navigators@example.invalid",
        "hours": "Monday to Friday 9am to 5pm",
        "placeholder": True,
    },
}


def reply(*messages: dict) -> dict:
    return {
        "messages": list(messages),
        "context": {"arrangement": "unknown", "audience": "carer", "needs": []},
        "safeguarding": False,
        "enquiry_reference": None,
    }


def mock_api(page: Page, on_message) -> list[dict]:
    """Route the chat API to Python: `on_message(body)` returns (status, json) for each turn."""
    sent: list[dict] = []

    def handle(route: Route) -> None:
        request = route.request
        path = request.url.split("/api/chat", 1)[1].split("?", 1)[0]
        if path == "/config":
            route.fulfill(status=200, json=CONFIG)
        elif path == "/sessions" and request.method == "POST":
            route.fulfill(status=201, json={"session_id": "mock-session"})
        elif path.endswith("/messages"):
            body = json.loads(request.post_data or "{}")
            sent.append(body)
            result = on_message(body)
            if result == "abort":
                route.abort("connectionrefused")
            else:
                route.fulfill(status=result[0], json=result[1])
        else:
            route.fulfill(status=404, json={"detail": "There is nothing at this address."})

    page.route(re.compile(r".*/api/chat/.*"), handle)
    return sent


def open_widget(page: Page, base: str) -> None:
    page.goto(f"{base}/test/embed.html")
    page.get_by_role("button", name="Ask about kinship support").click()
    expect(page.get_by_role("textbox", name="Your message")).to_be_focused()


def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Your message")
    box.fill(text)
    box.press("Enter")


def test_message_text_is_rendered_as_text_never_as_html(page: Page, static_site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    mock_api(
        page,
        lambda body: (
            200,
            reply(
                {
                    "text": f"You wrote {HOSTILE}\n\n**Bold words** and more\n\n- first item\n- second {HOSTILE}",
                    "buttons": [{"title": HOSTILE, "payload": "/greet"}],
                    "sections": [
                        {"id": "housing", "title": HOSTILE, "url": "/offer/housing"},
                        {"id": "bad", "title": "Bad link", "url": "javascript:alert(1)"},
                    ],
                    "kind": "section",
                }
            ),
        ),
    )
    open_widget(page, static_site)
    send(page, HOSTILE)
    log = page.get_by_role("log")
    expect(log.locator(".klo-msg--bot")).to_have_count(1)

    assert page.locator("img").count() == 0, "no element may be created from message text"
    expect(log.locator(".klo-msg--user")).to_contain_text(HOSTILE)
    expect(log.locator(".klo-msg--bot p").first).to_contain_text(f"You wrote {HOSTILE}")
    expect(log.locator("strong", has_text="Bold words")).to_have_count(1)
    items = log.locator(".klo-msg--bot > ul:not(.klo-cards) > li")
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_have_text(f"second {HOSTILE}")
    expect(log.get_by_role("button", name=HOSTILE)).to_be_visible()
    expect(log.get_by_role("link", name=HOSTILE)).to_have_attribute(
        "href", f"{static_site}/offer/housing"
    )
    assert log.locator('a[href^="javascript:"]').count() == 0
    assert dialogs == []


def test_quick_exit_clears_the_conversation_and_leaves_without_a_way_back(
    page: Page, static_site: str
) -> None:
    mock_api(
        page,
        lambda body: (200, reply({"text": "Hello", "buttons": [], "sections": [], "kind": "text"})),
    )
    open_widget(page, static_site)
    send(page, "my grandson lives with me")
    expect(page.get_by_role("log").locator(".klo-msg--bot")).to_have_count(1)
    page.evaluate(f"localStorage.setItem('{STORAGE_KEY}', 'older copy')")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")
    history_before = page.evaluate("history.length")

    page.get_by_role("button", name="Exit this page").click()

    page.wait_for_url(f"{static_site}/test/neutral.html")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    # location.replace: the chat page is not in this tab's history, so Back cannot return to it.
    assert page.evaluate("history.length") == history_before
    page.go_back()
    assert "embed.html" not in page.url


def test_pressing_shift_three_times_exits(page: Page, static_site: str) -> None:
    mock_api(
        page,
        lambda body: (200, reply({"text": "Hello", "buttons": [], "sections": [], "kind": "text"})),
    )
    open_widget(page, static_site)
    send(page, "hello")
    expect(page.get_by_role("log").locator(".klo-msg--bot")).to_have_count(1)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{static_site}/test/neutral.html")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None


def test_shift_while_typing_capitals_does_not_exit(page: Page, static_site: str) -> None:
    mock_api(page, lambda body: (200, reply()))
    open_widget(page, static_site)
    box = page.get_by_role("textbox", name="Your message")
    for character in "I Am A Grandparent":  # Shift is held for each capital, never alone
        if character.isupper():
            page.keyboard.press(f"Shift+{character}")
        else:
            page.keyboard.type(character)
    expect(box).to_have_value("I Am A Grandparent")  # every key reached the page
    # Proof that the capitals counted for nothing: Shift pressed alone once more is announced
    # as the FIRST of three. Had they counted (or the page exited: the count never resets on
    # exit), this announcement would say otherwise. The key events are handled in order, so
    # when it appears the capitals' key-ups have been handled too.
    page.keyboard.press("Shift")
    expect(page.get_by_role("status").filter(has_text="Shift, press")).to_have_text(
        "Shift, press 2 more times to exit."
    )
    expect(page.locator("body")).to_be_visible()  # an exit hides the page at once
    assert page.url.endswith("/test/embed.html")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")  # nothing was forgotten


def test_a_failed_send_keeps_the_text_offers_retry_and_the_navigators(
    page: Page, static_site: str
) -> None:
    attempts = {"n": 0}

    def flaky(body: dict):
        attempts["n"] += 1
        if attempts["n"] == 1:
            return "abort"
        return 200, reply(
            {"text": "Here is what I found.", "buttons": [], "sections": [], "kind": "text"}
        )

    sent = mock_api(page, flaky)
    open_widget(page, static_site)
    send(page, "do I get help with school uniform")

    expect(page.get_by_role("alert")).to_contain_text("could not be reached")
    box = page.get_by_role("textbox", name="Your message")
    expect(box).to_have_value("do I get help with school uniform")
    fallback = page.get_by_role("region", name="Contact a Kinship Navigator")
    expect(fallback).to_contain_text("01709 000000")
    expect(fallback).to_contain_text("(placeholder)")
    expect(fallback.get_by_role("checkbox")).not_to_be_checked()

    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("log")).to_contain_text("Here is what I found.")
    expect(box).to_have_value("")
    assert [b.get("text") for b in sent] == ["do I get help with school uniform"] * 2
    expect(page.get_by_role("log").locator(".klo-msg--user")).to_have_count(1)


def test_a_slow_reply_times_out_with_a_plain_message(page: Page, static_site: str) -> None:
    # embed.html sets data-timeout="3000"; this reply never comes.
    def never(route: Route) -> None:
        pass

    mock_api(page, lambda body: (200, reply()))
    page.route(re.compile(r".*/messages$"), never)
    open_widget(page, static_site)
    send(page, "hello")
    expect(page.locator(".klo-typing")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("took too long", timeout=10_000)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()


def test_an_expired_session_starts_a_new_one_and_the_message_still_goes(
    page: Page, static_site: str
) -> None:
    seen: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if url.endswith("/api/chat/sessions"):
            route.fulfill(status=201, json={"session_id": "fresh"})
        elif "/sessions/" in url:
            seen.append(url.split("/sessions/")[1].split("/")[0])
            if "/sessions/expired/" in url:
                route.fulfill(status=404, json={"detail": "This conversation was not found."})
            else:
                route.fulfill(status=200, json=reply({"text": "Welcome back", "kind": "text"}))
        else:
            route.fulfill(status=200, json=CONFIG)

    page.route(re.compile(r".*/api/chat/.*"), handle)
    page.goto(f"{static_site}/test/embed.html")
    page.evaluate(
        f"sessionStorage.setItem('{STORAGE_KEY}', JSON.stringify("
        "{sessionId: 'expired', open: false, items: [{role: 'user', text: 'earlier words'}]}))"
    )
    page.reload()
    open_widget_here = page.get_by_role("button", name="Ask about kinship support")
    open_widget_here.click()
    expect(page.get_by_role("log")).to_contain_text("earlier words")  # restored from the tab
    send(page, "hello again")
    expect(page.get_by_role("log")).to_contain_text("Welcome back")
    assert seen == ["expired", "fresh"]
    assert (
        page.evaluate(f"JSON.parse(sessionStorage.getItem('{STORAGE_KEY}')).sessionId") == "fresh"
    )


def test_safety_messages_are_marked_important_once(page: Page, static_site: str) -> None:
    safety = {"buttons": [], "sections": [], "kind": "safeguarding"}
    mock_api(
        page,
        lambda body: (
            200,
            reply(
                {**safety, "text": "If anyone is in danger now, call 999."},
                {**safety, "text": "You can also call children's social care."},
            ),
        ),
    )
    open_widget(page, static_site)
    send(page, "help")
    expect(page.locator(".klo-msg--safeguarding")).to_have_count(2)
    expect(page.locator(".klo-msg__label")).to_have_count(1)
    expect(page.locator(".klo-msg__label")).to_have_text("Important")


def test_an_ended_chat_starts_a_new_one_and_the_message_still_goes(
    page: Page, static_site: str
) -> None:
    """410: the chat ended after a quiet while (CHAT_SESSION_IDLE_HOURS)."""
    seen: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if url.endswith("/api/chat/sessions"):
            route.fulfill(status=201, json={"session_id": "fresh"})
        elif "/sessions/" in url:
            seen.append(url.split("/sessions/")[1].split("/")[0])
            if "/sessions/ended/" in url:
                route.fulfill(
                    status=410,
                    json={
                        "detail": "This chat has ended because nothing was said in it for "
                        "2 hours. Please start a new one."
                    },
                )
            else:
                route.fulfill(status=200, json=reply({"text": "Welcome back", "kind": "text"}))
        else:
            route.fulfill(status=200, json=CONFIG)

    page.route(re.compile(r".*/api/chat/.*"), handle)
    page.goto(f"{static_site}/test/embed.html")
    page.evaluate(
        f"sessionStorage.setItem('{STORAGE_KEY}', JSON.stringify("
        "{sessionId: 'ended', open: false, items: [{role: 'user', text: 'earlier words'}]}))"
    )
    page.reload()
    page.get_by_role("button", name="Ask about kinship support").click()
    send(page, "hello again")
    expect(page.get_by_role("log")).to_contain_text("Welcome back")
    expect(page.get_by_role("alert")).to_have_text("")  # no error: a new chat just started
    assert seen == ["ended", "fresh"]
    assert (
        page.evaluate(f"JSON.parse(sessionStorage.getItem('{STORAGE_KEY}')).sessionId") == "fresh"
    )


def test_leave_a_message_sends_the_config_token_and_renews_it_once_when_expired(
    page: Page, static_site: str
) -> None:
    configs = {"n": 0}
    tokens_sent: list[str | None] = []

    def handle(route: Route) -> None:
        request = route.request
        path = request.url.split("/api/chat", 1)[1].split("?", 1)[0]
        if path == "/config":
            configs["n"] += 1
            route.fulfill(status=200, json={**CONFIG, "fallback_token": f"token-{configs['n']}"})
        elif path == "/sessions":
            route.fulfill(status=201, json={"session_id": "s"})
        elif path.endswith("/messages"):
            route.abort("connectionrefused")
        elif path == "/fallback-enquiry":
            body = json.loads(request.post_data or "{}")
            tokens_sent.append(body.get("token"))
            if body.get("token") == "token-1":  # the first token has expired meanwhile
                route.fulfill(status=403, json={"detail": "This message form has expired."})
            else:
                route.fulfill(
                    status=201,
                    json={"reference": "KIN-ABCDE", "expected_contact": "Soon."},
                )
        else:
            route.fulfill(status=404, json={"detail": "There is nothing at this address."})

    page.route(re.compile(r".*/api/chat/.*"), handle)
    open_widget(page, static_site)
    send(page, "can someone call me")
    fallback = page.get_by_role("region", name="Contact a Kinship Navigator")
    expect(fallback).to_be_visible()
    fallback.get_by_label("Phone number or email address").fill("07700 900123")
    fallback.get_by_label("What would you like help with?").fill("Please call me.")
    fallback.get_by_role("checkbox").check()
    fallback.get_by_role("button", name="Send message").click()
    expect(fallback.get_by_role("status")).to_contain_text("reference is KIN-ABCDE")
    assert tokens_sent == ["token-1", "token-2"]


def test_leave_a_message_refused_while_the_assistant_is_up_says_why(
    page: Page, static_site: str
) -> None:
    detail = "The assistant is working, so please ask it in the chat. Kinship Navigators: phone 1."

    def handle(route: Route) -> None:
        path = route.request.url.split("/api/chat", 1)[1].split("?", 1)[0]
        if path == "/config":
            route.fulfill(status=200, json=CONFIG)  # no token
        elif path == "/sessions":
            route.fulfill(status=201, json={"session_id": "s"})
        elif path.endswith("/messages"):
            route.abort("connectionrefused")
        elif path == "/fallback-enquiry":
            route.fulfill(status=409, json={"detail": detail})
        else:
            route.fulfill(status=404, json={"detail": "There is nothing at this address."})

    page.route(re.compile(r".*/api/chat/.*"), handle)
    open_widget(page, static_site)
    send(page, "can someone call me")
    fallback = page.get_by_role("region", name="Contact a Kinship Navigator")
    fallback.get_by_label("Phone number or email address").fill("07700 900123")
    fallback.get_by_label("What would you like help with?").fill("Please call me.")
    fallback.get_by_role("checkbox").check()
    fallback.get_by_role("button", name="Send message").click()
    expect(fallback.get_by_role("status")).to_have_text(f"Your message could not be sent: {detail}")
