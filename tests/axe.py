"""axe-core in a real browser page, shared by the browser tests.

axe is evaluated over the DevTools protocol, not added as an inline <script>, so the page's own
Content-Security-Policy stays in force. Before it runs, every animation that ends is allowed to end:
the chat panel fades in over 0.15 s, and axe measuring a link's colour half-way through the fade
reports a contrast failure nobody would see (it did, in one CI run on a busy machine). Animations
that never end (the typing dots) are not waited for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

VENDOR = Path(__file__).resolve().parent / "vendor"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

_SETTLE = """async () => {
  const ending = document.getAnimations().filter(
    (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity
  );
  await Promise.all(ending.map((a) => a.finished.catch(() => null)));
}"""


def axe_script() -> Path:
    found = sorted(VENDOR.glob("axe-core-*/axe.min.js"))
    if not found:
        pytest.skip("axe-core is not vendored in tests/vendor/axe-core-<version>/")
    return found[-1]


def settle(page: Page) -> None:
    """Waits until every animation on the page that will end has ended."""
    page.evaluate(_SETTLE)


def violations(page: Page, tags: list[str] | None = WCAG) -> list[dict]:
    """axe's violations on the page as it stands, after its animations have settled."""
    settle(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script().read_text(encoding="utf-8"))
    options = (
        {"runOnly": {"type": "tag", "values": tags}} if tags else {"resultTypes": ["violations"]}
    )
    return page.evaluate("async (options) => await axe.run(document, options)", options)[
        "violations"
    ]


def described(found: list[dict], impacts: set[str] | None = None) -> list[str]:
    """One line per violation, naming the rule, its impact and the first few elements."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if impacts is None or v["impact"] in impacts
    ]


def serious_problems(page: Page, tags: list[str] | None = WCAG) -> list[str]:
    return described(violations(page, tags), {"serious", "critical"})
