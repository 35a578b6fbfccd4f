"""Test set-up shared by the whole suite.

- Every test run gets its own temporary SQLite database (migrated with Alembic), and the app's
  Rasa URL points at a closed port, so unit and API tests never need Rasa and see it "down".
- `live_system` (session-scoped) starts the REAL system once per run: the Rasa server with the
  model trained from the project's data (`make test` trains it first if the data changed) and
  the app, as two processes on free loopback ports, with their own databases.
- `--content filled` runs the tests on a copy of offer_content/ with every demo value
  (`placeholder: true`) replaced by a real-looking one (tests/content_packs.py), as a council
  going live will have it: `make test` runs the content-dependent tests a second time this way,
  so writing the real numbers never turns CI red.
- Under `CI=true` nothing may be skipped: a test that would skip (PostgreSQL, Redis or
  Chromium missing) fails instead, with its reason. Locally skips stay, and the run's last
  lines say what was skipped and why.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import pytest

from scripts.live_system import MODEL, LiveSystem, free_port, wait_for  # noqa: F401 (re-exported)

ROOT = Path(__file__).resolve().parents[1]
_TMP = Path(tempfile.mkdtemp(prefix="kinship-tests-"))

os.environ["ENVIRONMENT"] = "test"
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'unit.db'}"
os.environ["RASA_URL"] = "http://127.0.0.1:9"  # nothing listens there: Rasa is "down"
os.environ["RASA_TOKEN"] = secrets.token_hex(16)
os.environ["ACTION_TOKEN"] = secrets.token_hex(16)
os.environ["RASA_TELEMETRY_ENABLED"] = "false"
# A young person's safeguarding referral is announced to children's social care's inbox.
os.environ["SAFEGUARDING_REFERRAL_EMAIL"] = "front.door@example.org"
# Rasa's tracker store as the app sees it (erasure, retention): a file of this run, never the
# one in var/ or a store named in .env.
os.environ["RASA_ENDPOINTS"] = "endpoints.yml"
os.environ["RASA_TRACKER_DB"] = str(_TMP / "rasa_tracker.db")
os.environ["RASA_TRACKER_URL"] = ""
# The app started in-process by the tests (TestClient) does not apply the retention periods on
# its own: the tests that check retention apply it themselves, and a run the app started raced
# them (it once deleted a cleared chat's events just before the test's own run counted them).
os.environ["RETENTION_INTERVAL_SECONDS"] = "0"
# The suite makes many conversations from one address; tests/core/test_ratelimit.py checks
# the limits themselves with low values.
os.environ["RATE_LIMIT_PER_ADDRESS"] = "100000"
os.environ["RATE_LIMIT_SESSIONS_PER_ADDRESS"] = "100000"
os.environ["FALLBACK_ENQUIRIES_PER_ADDRESS_PER_HOUR"] = "100000"
os.environ["FALLBACK_ENQUIRIES_PER_HOUR"] = "100000"


IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_addoption(parser):
    parser.addoption(
        "--content",
        choices=("as-is", "filled"),
        default="as-is",
        help="the offer content to test: as it is (offer_content/ or CONTENT_DIR), or a copy "
        "with every placeholder filled in with a real-looking value",
    )


def pytest_configure(config):
    if config.getoption("content") == "filled":
        from bot.offer.loader import content_dir_from_env, reload_offer
        from tests.content_packs import filled_copy

        filled = filled_copy(content_dir_from_env(), _TMP / "filled_content")
        os.environ["CONTENT_DIR"] = str(filled)
        reload_offer()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true: this test would have been skipped ({reason}). In CI every layer must "
            "run: install or start what it needs (see .ci/run and scripts/test.sh)."
        )


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    terminalreporter.section("NOT RUN: skipped tests", sep="!", red=True, bold=True)
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        terminalreporter.write_line(f"SKIPPED {report.nodeid}: {reason}")
    terminalreporter.write_line(
        f"{len(skipped)} test(s) did not run. Under CI=true they would have failed."
    )


@pytest.fixture(scope="session", autouse=True)
def _migrated_database():
    from bot.db.migrate import upgrade

    upgrade()


@pytest.fixture
def client():
    from fastapi.testclient import TestClient

    from bot.main import app

    with TestClient(app) as test_client:
        yield test_client


class MailSink:
    """Collects what the test SMTP server receives (the raw message text)."""

    def __init__(self):
        self.messages: list[str] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on a free loopback port (aiosmtpd)."""
    from aiosmtpd.controller import Controller

    sink = MailSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def live_system(tmp_path_factory, smtp_server):
    from bot.db.migrate import upgrade

    workdir = tmp_path_factory.mktemp("live")
    system = LiveSystem(workdir)
    # --- hand-off: notification mails go to the test SMTP server (smtp_server) ---
    system.extra_env = {
        "PUBLIC_BASE_URL": system.app_url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
        "NAVIGATOR_TEAM_EMAIL": "navigators@example.org",
        "SAFEGUARDING_REFERRAL_EMAIL": "front.door@example.org",
        "OUTBOX_POLL_SECONDS": "0.5",
    }
    upgrade(system.database_url)
    try:
        system.start_app()
        system.start_rasa()
        wait_for(f"{system.app_url}/health", 30)
        yield system
    finally:
        system.stop()


@pytest.fixture(scope="module")
def postgres_factory():
    """A fresh, migrated PostgreSQL database for this test module (a session factory)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.orm import sessionmaker

    from bot.db.migrate import upgrade
    from bot.db.session import make_engine

    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip("TEST_POSTGRES_URL is not set (scripts/postgres.sh starts a test server)")
    name = f"kinship_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        engine = make_engine(url)
        yield sessionmaker(bind=engine, expire_on_commit=False)
        engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# One Chromium for the whole run (Debian's, driven by Playwright's sync API), shared by every
# browser test: launching it per module cost seconds each time, and a second sync Playwright
# started while another was alive failed ("Sync API inside the asyncio loop").
@pytest.fixture(scope="session")
def browser():
    import shutil

    from tests.browsers import CHROMIUM

    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    from tests.browsers import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo_pack(tmp_path: Path) -> Path:
    """A copy of the content in use with the details production mode checks marked as demo
    values (placeholders), as in the content this project ships."""
    from bot.offer.loader import content_dir_from_env
    from tests.content_packs import demo_copy

    return demo_copy(content_dir_from_env(), tmp_path / "demo_content")


@pytest.fixture
def demo_in_use(demo_pack: Path, monkeypatch):
    """`demo_pack` as the content in use (CONTENT_DIR) for one test."""
    from tests.content_packs import in_use

    yield from in_use(monkeypatch, demo_pack)


@pytest.fixture
def redis_port() -> int:
    """The test Redis (scripts/test_services.sh starts it for make test); skipped without it."""
    port = os.environ.get("TEST_REDIS_PORT")
    if not port:
        pytest.skip("TEST_REDIS_PORT is not set (make test starts a Redis: scripts/redis.sh)")
    return int(port)


@pytest.fixture
def redis_client(redis_port):
    """A connection to the test Redis, closed after the test."""
    import redis

    client = redis.Redis(port=redis_port)
    yield client
    client.close()
