"""The iframe embed (security issue #16): the chat served from the app's own origin at
/chat/embed, shown on the council's page in a frame by web_widget/embed.js, so the conversation
lives in the app origin's storage and the council page's scripts cannot read it.

The browser tests run the council's pages and the app on two real servers (the `sites`
fixture): the council's site (a static server like `static_site`) and the app (the embed page,
the widget's files and the app's real security headers under uvicorn) on another origin of the
same site, as chat.example.gov.uk would be beside www.example.gov.uk. One test reaches the app
as another site too (a supplier's domain), where a browser that blocks third-party storage
(Chromium's private windows, as Playwright's contexts are) gives the frame none: the chat
still works, for as long as the page is open. The chat API is mocked with `page.route`
(`mock_api` from test_widget_rendering.py), which also catches the frame's requests.

Run with: .venv/bin/python -m pytest tests/widget/test_iframe_embed.py
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Frame, FrameLocator, Page, expect

from bot.chat.embed import EMBED_PATH
from bot.main import create_app
from bot.settings import get_settings
from tests.axe import serious_problems
from tests.conftest import free_port
from tests.security.test_headers import INLINE, assert_common_headers
from tests.widget.conftest import TEST_PAGES, WIDGET_DIR, _Handler
from tests.widget.test_widget_rendering import STORAGE_KEY, mock_api, reply

EXIT_URL = "https://www.bbc.co.uk/weather"  # the widget's default neutral site
HELLO = reply({"text": "Hello, how can I help?", "buttons": [], "sections": [], "kind": "text"})


# --- The page and its headers, through the real app -------------------------------------------


def test_the_embed_page_is_the_widget_under_the_apps_policy_framed_only_by_the_council():
    council = "https://www.example.gov.uk https://example.gov.uk"
    settings = get_settings().model_copy(update={"frame_ancestors": council})
    response = TestClient(create_app(settings)).get(EMBED_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert_common_headers(response, EMBED_PATH)
    csp = response.headers["content-security-policy"]
    assert csp.endswith(f"frame-ancestors 'self' {council}")
    assert "x-frame-options" not in response.headers  # it would refuse the council's frame
    assert response.headers["cache-control"] == "no-store"
    assert "noindex" in response.headers["x-robots-tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    for pattern, name in INLINE:
        assert not pattern.search(response.text), name
    # The widget itself, made the whole page; nothing of its logic is copied into the page.
    assert re.search(r'<script src="/widget/widget\.js"[^>]*data-embed="page"', response.text)


def test_the_loader_and_the_frames_styles_are_served_with_the_widget():
    client = TestClient(create_app(get_settings()))
    for name in ("embed.js", "embed.css", "frame.css"):
        response = client.get(f"/widget/{name}")
        assert response.status_code == 200, name
        assert (WIDGET_DIR / name).read_text(encoding="utf-8") == response.text, name


# --- In the browser ----------------------------------------------------------------------------


@dataclass
class Sites:
    council: str  # the council's site, in FRAME_ANCESTORS
    elsewhere: str  # the same pages on an origin FRAME_ANCESTORS does not list
    chat: str  # the app: the embed page and the widget's files (another origin, same site)
    chat_cross_site: str  # the same app reached as another site
    pages: Path

    def page(self, name: str, body: str) -> str:
        """A plain council page on the council's site with `body` at its end; its address."""
        html = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>Council page</title></head><body><main><h1>Council page</h1>"
            f'<p><a href="/test/other.html">A link</a></p></main>{body}</body></html>'
        )
        (self.pages / "test" / name).write_text(html, encoding="utf-8")
        return f"{self.council}/test/{name}"

    def loader(self, exit_link: bool = False, chat: str = "") -> str:
        link = '<p><a class="js-klo-exit" href="/test/neutral.html">Exit this page</a></p>'
        return (link if exit_link else "") + (
            f'<script src="{chat or self.chat}/widget/embed.js" data-title="Kinship support chat"'
            ' data-exit-url="/test/neutral.html" defer></script>'
        )


def serve(server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[Sites]:
    """Real servers (Chromium will not let a page made by `page.route` load anything from a
    loopback address). The council's: a static server like `static_site`, and the same pages on
    another port (an origin not listed). The app's: the embed page and the widget's files under
    uvicorn, behind the app's security headers with FRAME_ANCESTORS set to the council's
    origin; at 127.0.0.1 (the council's site) and as localhost (another site)."""
    import uvicorn
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    from bot.chat.embed import router
    from bot.core.security_headers import SecurityHeadersMiddleware

    pages = tmp_path_factory.mktemp("council-site")
    (pages / "test").mkdir()
    for name, html in TEST_PAGES.items():
        (pages / "test" / name).write_text(html, encoding="utf-8")
    handler = functools.partial(_Handler, directory=str(pages))
    statics = [ThreadingHTTPServer(("127.0.0.1", 0), handler) for _ in range(2)]
    threads = [serve(server) for server in statics]
    council, elsewhere = (f"http://127.0.0.1:{s.server_address[1]}" for s in statics)

    settings = get_settings().model_copy(update={"frame_ancestors": council})
    app = FastAPI()
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    app.include_router(router)
    app.mount("/widget", StaticFiles(directory=WIDGET_DIR), name="widget")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield Sites(council, elsewhere, f"http://127.0.0.1:{port}", f"http://localhost:{port}", pages)
    server.should_exit = True
    thread.join(timeout=10)
    for static, static_thread in zip(statics, threads, strict=True):
        static.shutdown()
        static_thread.join(timeout=10)


def open_host(page: Page, sites: Sites, exit_link: bool = False) -> str:
    url = sites.page("host-exit.html" if exit_link else "host.html", sites.loader(exit_link))
    page.goto(url)
    return url


def chat(page: Page) -> FrameLocator:
    return page.frame_locator("iframe.klo-embed__frame")


def chat_frame(page: Page, sites: Sites) -> Frame:
    frame = next((f for f in page.frames if f.url.startswith(sites.chat)), None)
    assert frame is not None, [f.url for f in page.frames]
    return frame


def kept_in_frame(page: Page, sites: Sites) -> str | None:
    return chat_frame(page, sites).evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")


def open_chat(page: Page) -> None:
    page.get_by_role("button", name="Ask about kinship support").click()
    expect(chat(page).get_by_role("textbox", name="Your message")).to_be_focused()


def say(page: Page, text: str) -> None:
    box = chat(page).get_by_role("textbox", name="Your message")
    box.fill(text)
    box.press("Enter")
    expect(chat(page).get_by_role("log").locator(".klo-msg--bot")).to_have_count(1)


def host_storage(page: Page) -> dict:
    return page.evaluate(
        "() => ({session: {...sessionStorage}, local: {...localStorage}, cookie: document.cookie})"
    )


NOTHING = {"session": {}, "local": {}, "cookie": ""}


@pytest.mark.browser
def test_the_chat_in_the_frame_answers_and_the_council_page_keeps_nothing_of_it(
    page: Page, sites: Sites
) -> None:
    sent = mock_api(page, lambda body: (200, HELLO))
    host = open_host(page, sites)
    frame_element = page.locator("iframe.klo-embed__frame")
    expect(frame_element).to_have_count(0)  # nothing is asked of the app before the launcher
    open_chat(page)
    expect(frame_element).to_have_attribute("title", "Kinship support chat")
    expect(frame_element).to_have_attribute("src", f"{sites.chat}{EMBED_PATH}")
    expect(page.get_by_role("button", name="Ask about kinship support")).to_have_attribute(
        "aria-expanded", "true"
    )
    say(page, "my grandson lives with me")
    expect(chat(page).get_by_role("log")).to_contain_text("Hello, how can I help?")
    assert sent == [{"text": "my grandson lives with me"}]

    # The conversation is in the app origin's storage (the frame's), none of it in the page's.
    kept = kept_in_frame(page, sites)
    assert kept and "my grandson lives with me" in kept and "mock-session" in kept
    assert host_storage(page) == NOTHING
    assert "grandson" not in page.content()  # nor in the council page's own document

    # Another page load on the council's site: the conversation is there when reopened.
    page.goto(host)
    open_chat(page)
    expect(chat(page).get_by_role("log")).to_contain_text("my grandson lives with me")
    assert host_storage(page) == NOTHING


@pytest.mark.browser
def test_from_another_site_without_storage_the_chat_works_and_the_page_keeps_nothing(
    page: Page, sites: Sites
) -> None:
    mock_api(page, lambda body: (200, HELLO))
    page.goto(sites.page("supplier.html", sites.loader(chat=sites.chat_cross_site)))
    open_chat(page)
    say(page, "my grandson lives with me")
    expect(chat(page).get_by_role("log")).to_contain_text("Hello, how can I help?")
    assert host_storage(page) == NOTHING
    frame = next(f for f in page.frames if f.url.startswith(sites.chat_cross_site))
    # Third-party storage is blocked here: the conversation lives in the frame's page only.
    storage = "() => { try { sessionStorage; return 'some' } catch (e) { return 'none' } }"
    assert frame.evaluate(storage) == "none"
    chat(page).get_by_role("button", name="Exit this page").click()
    page.wait_for_url(f"{sites.council}/test/neutral.html")


@pytest.mark.browser
def test_the_launcher_opens_and_closes_the_chat_with_the_keyboard(page: Page, sites: Sites) -> None:
    mock_api(page, lambda body: (200, HELLO))
    open_host(page, sites)
    launcher = page.get_by_role("button", name="Ask about kinship support")
    panel = page.locator("#klo-embed-panel")
    box = chat(page).get_by_role("textbox", name="Your message")

    launcher.focus()
    page.keyboard.press("Enter")  # opens, and focus moves into the chat, to its text box
    expect(panel).to_be_visible()
    expect(box).to_be_focused()
    page.keyboard.press("Escape")  # Escape in the chat closes it; focus back to the launcher
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Space")  # opens again, focus in the chat again
    expect(panel).to_be_visible()
    expect(box).to_be_focused()
    close = chat(page).get_by_role("button", name="Close chat")
    for _ in range(12):  # back through the chat's controls to its close button
        page.keyboard.press("Shift+Tab")
        if close.evaluate("el => el === document.activeElement"):
            break
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()

    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    launcher.focus()  # Escape on the launcher closes the open chat too
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()


@pytest.mark.browser
def test_exit_this_page_in_the_frame_takes_the_whole_page_away_and_forgets_the_chat(
    page: Page, sites: Sites
) -> None:
    mock_api(page, lambda body: (200, HELLO))
    host = open_host(page, sites)
    open_chat(page)
    say(page, "hello")
    history_before = page.evaluate("history.length")

    chat(page).get_by_role("button", name="Exit this page").click()

    page.wait_for_url(f"{sites.council}/test/neutral.html")  # the top window, not the frame
    assert page.evaluate("history.length") == history_before  # replaced: Back cannot return
    page.goto(host)
    open_chat(page)
    kept = kept_in_frame(page, sites)  # a new, empty conversation at most
    assert kept is None or "hello" not in kept
    expect(chat(page).get_by_role("log").locator(".klo-msg")).to_have_count(0)


@pytest.mark.browser
def test_shift_three_times_in_the_frame_takes_the_whole_page_away(page: Page, sites: Sites) -> None:
    mock_api(page, lambda body: (200, HELLO))
    open_host(page, sites)
    open_chat(page)
    say(page, "hello")
    chat(page).get_by_role("textbox", name="Your message").focus()
    for _ in range(3):  # Shift alone is no user activation: the frame asks embed.js to leave
        page.keyboard.press("Shift")
    page.wait_for_url(f"{sites.council}/test/neutral.html")


@pytest.mark.browser
@pytest.mark.parametrize("how", ["shift", "link"])
def test_quick_exit_on_the_council_page_takes_it_away_and_the_chat_forgets(
    page: Page, sites: Sites, how: str
) -> None:
    mock_api(page, lambda body: (200, HELLO))
    host = open_host(page, sites, exit_link=True)
    open_chat(page)
    say(page, "hello")
    page.keyboard.press("Escape")  # the chat closes; focus on the council's page
    expect(page.get_by_role("button", name="Ask about kinship support")).to_be_focused()
    if how == "shift":
        for _ in range(3):
            page.keyboard.press("Shift")
    else:
        page.get_by_role("link", name="Exit this page").click()  # the council page's own
    page.wait_for_url(f"{sites.council}/test/neutral.html")
    page.goto(host)
    open_chat(page)
    expect(chat(page).get_by_role("log").locator(".klo-msg")).to_have_count(0)
    kept = kept_in_frame(page, sites)
    assert kept is None or "hello" not in kept


@pytest.mark.browser
def test_in_a_plain_iframe_without_the_loader_exit_still_takes_the_whole_page(
    page: Page, sites: Sites
) -> None:
    mock_api(page, lambda body: (200, HELLO))
    page.route(
        EXIT_URL,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>",
        ),
    )
    frame = f'<iframe src="{sites.chat}{EMBED_PATH}" title="Kinship support chat"></iframe>'
    page.goto(sites.page("plain.html", frame))
    plain = page.frame_locator("iframe")
    plain.get_by_role("button", name="Exit this page").click()  # a click: top navigation allowed
    page.wait_for_url(EXIT_URL)


@pytest.mark.browser
def test_the_chat_refuses_to_be_framed_by_a_site_not_in_frame_ancestors(
    page: Page, sites: Sites
) -> None:
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    # The same page with the loader, on a site FRAME_ANCESTORS does not list.
    page.goto(sites.page("host.html", sites.loader()).replace(sites.council, sites.elsewhere))
    page.get_by_role("button", name="Ask about kinship support").click()
    deadline = time.monotonic() + 10
    while not any("frame-ancestors" in text for text in refused) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert any("frame-ancestors" in text for text in refused), refused
    assert chat(page).locator("textarea").count() == 0

    # The header the browser acted on: the setting, exactly.
    csp = page.request.get(f"{sites.chat}{EMBED_PATH}").headers["content-security-policy"]
    assert csp.endswith(f"frame-ancestors 'self' {sites.council}")


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_axe_and_layout_of_the_council_page_with_the_chat_open_and_of_the_chat(
    browser, sites: Sites, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 720})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        mock_api(page, lambda body: (200, HELLO))
        open_host(page, sites)
        assert serious_problems(page) == [], "council page, chat closed"
        open_chat(page)
        say(page, "hello")
        assert serious_problems(page) == [], "council page, chat open"
        assert serious_problems(chat_frame(page, sites)) == [], "the chat in the frame"

        box = page.locator("iframe.klo-embed__frame").bounding_box()
        assert box is not None
        if width == 320:  # a phone: the chat fills the screen
            assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 320, 720)
            expect(page.get_by_role("button", name="Ask about kinship support")).to_be_hidden()
        else:
            assert box["width"] <= 34 * 16 and box["x"] > width / 2
        fits = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        assert page.evaluate(fits) and chat_frame(page, sites).evaluate(fits)
        expect(chat(page).get_by_role("button", name="Exit this page")).to_be_in_viewport()
        expect(chat(page).get_by_role("textbox", name="Your message")).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.browser
def test_axe_on_the_embed_page_on_its_own(page: Page, sites: Sites) -> None:
    mock_api(page, lambda body: (200, HELLO))
    page.goto(f"{sites.chat}{EMBED_PATH}")
    expect(page.get_by_role("textbox", name="Your message")).to_be_visible()
    expect(page.get_by_role("button", name="Close chat")).to_be_hidden()  # nothing to close
    assert serious_problems(page) == []
