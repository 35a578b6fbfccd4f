"""Where the browser tests find Chromium (Debian's package) and how they start it. The one
session-wide browser is the `browser` fixture in tests/conftest.py."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
