"""Browser checks of the offer pages: axe-core accessibility, skip link, leaflet page count.

Run with: .venv/bin/python -m pytest tests/offer -m browser
Needs Debian's Chromium at /usr/bin/chromium (Playwright drives it; no browser download).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.axe import described, violations

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
PAGES = [
    "/offer",
    "/offer/housing",
    "/offer/therapeutic-support?arrangement=sgo",
    "/offer/arrangements/informal",
    "/offer/leaflet",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    import uvicorn
    from fastapi import FastAPI

    from bot.offer.router import router

    app = FastAPI()
    app.include_router(router)
    port = _free_port()
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


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(browser, base_url: str, path: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + path)
        problems = described(violations(page))
        assert problems == []
    finally:
        page.close()


def test_skip_link_is_first_and_visible_on_focus(browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/offer/housing")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to main content"
        box = page.locator(".skip-link").bounding_box()
        assert box is not None and box["y"] >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
    finally:
        page.close()


def test_leaflet_prints_on_at_most_two_a4_pages(browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/offer/leaflet")
        pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, f"the leaflet prints on {pages} pages"
    finally:
        page.close()
