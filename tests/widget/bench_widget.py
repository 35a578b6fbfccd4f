"""Widget figures (a benchmark, not a test; pytest does not collect this file).

Prints the gzipped size of widget.js + widget.css as served, and the time from a click on the
launcher to a usable text box (visible, enabled and focused) in Debian's Chromium.

Usage: .venv/bin/python tests/widget/bench_widget.py http://127.0.0.1:8000 [--runs 20]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys

import httpx

from tests.browsers import CHROMIUM, CHROMIUM_ARGS

# Runs inside the page: click the launcher, then poll each animation frame until the text box
# can be typed into. Returns milliseconds.
TIME_TO_TEXT_BOX = """async () => {
  const launcher = document.querySelector('.klo-launcher')
  const start = performance.now()
  launcher.click()
  return await new Promise(resolve => {
    const check = () => {
      const box = document.querySelector('#klo-input')
      const usable = box && box.offsetParent !== null && !box.disabled && document.activeElement === box
      usable ? resolve(performance.now() - start) : requestAnimationFrame(check)
    }
    check()
  })
}"""


def sizes(app_url: str) -> dict[str, tuple[int, int]]:
    out = {}
    for name in ("widget.js", "widget.css"):
        response = httpx.get(f"{app_url}/widget/{name}", timeout=10)
        response.raise_for_status()
        out[name] = (len(response.content), len(gzip.compress(response.content, compresslevel=9)))
    return out


def open_times(app_url: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(app_url + "/")
            page.wait_for_selector(".klo-launcher")
            times.append(page.evaluate(TIME_TO_TEXT_BOX))
            context.close()
        browser.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_url", help="the running app, e.g. http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    app_url = args.app_url.rstrip("/")

    total_raw = total_gz = 0
    for name, (raw, gz) in sizes(app_url).items():
        print(f"{name:<11} {raw / 1024:6.1f} KB raw  {gz / 1024:5.1f} KB gzipped")
        total_raw += raw
        total_gz += gz
    print(
        f"{'together':<11} {total_raw / 1024:6.1f} KB raw  {total_gz / 1024:5.1f} KB gzipped "
        f"(target under 30 KB gzipped)"
    )

    times = open_times(app_url, args.runs)
    print(
        f"launcher click to usable text box over {len(times)} runs: "
        f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
