"""Fixtures for the widget's browser tests.

- `browser`: Debian's Chromium driven by Playwright (no browser download); skipped if missing.
- `static_site`: a plain static-file server for the tests that mock the chat API with
  `page.route` (quick exit, safe rendering). It serves `web_widget/` at `/widget/` — as the
  app does — and small test pages at `/test/<name>.html`. It does not start Rasa or the app;
  the conversation tests use the real system (`live_system`, from tests/conftest.py).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browsers import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (used by other modules)

ROOT = Path(__file__).resolve().parents[2]
WIDGET_DIR = ROOT / "web_widget"

# Test pages served by `static_site`: the widget embedded with a local, neutral exit page.
TEST_PAGES = {
    "embed.html": """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Widget test page</title></head><body><main><h1>Test page</h1>
<p><a href="/test/other.html">A link</a></p></main>
<script src="/widget/widget.js" data-api-base="" data-title="Kinship support chat"
  data-exit-url="/test/neutral.html" data-timeout="3000" defer></script></body></html>""",
    # A long host page, to show the chat never scrolls the page it is on.
    "long.html": """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Long test page</title></head><body><main><h1>Long page</h1>"""
    + "<p>Some words on the council's page.</p>" * 200
    + """</main><script src="/widget/widget.js" data-api-base="" data-title="Kinship support chat"
  data-exit-url="/test/neutral.html" data-timeout="3000" defer></script></body></html>""",
    "neutral.html": """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Weather</title></head><body><main><h1>Neutral page</h1></main></body></html>""",
}


class _Handler(SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith("/widget/"):
            return str(WIDGET_DIR / clean.removeprefix("/widget/"))
        return super().translate_path(path)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="session")
def static_site(tmp_path_factory) -> Iterator[str]:
    pages = tmp_path_factory.mktemp("widget-site")
    (pages / "test").mkdir()
    for name, html in TEST_PAGES.items():
        (pages / "test" / name).write_text(html, encoding="utf-8")
    handler = functools.partial(_Handler, directory=str(pages))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def page(browser):
    """A fresh tab in a fresh context (its own sessionStorage), 1280 px wide."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
