"""The database becomes unavailable under the running app (a real PostgreSQL server, stopped and
started again): clear 503 answers in plain words, never a 500; health says so; and every
enquiry the app acknowledged before the outage is still there afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from scripts.live_system import LiveSystem, free_port

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
RECOVERY_HANG_GUARD = 300  # seconds: only a guard against a hang, not a verdict on speed
MESSAGE = {
    "contact": "07700 900123",
    "message": "Please call me about my grandson",
    "consent": True,
}


@pytest.fixture
def own_postgres(tmp_path):
    if shutil.which("pg_ctlcluster") is None or not os.environ.get("TEST_POSTGRES_URL"):
        pytest.skip("needs Debian's postgresql (run through `make test`)")
    # A folder the postgres user can reach (pytest's own temporary folders are private).
    data_dir = Path(tempfile.gettempdir()) / f"kinship-pg-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PGTEST_DIR": str(data_dir), "PGTEST_PORT": str(free_port())}
    url = subprocess.run(
        ["bash", "scripts/postgres.sh"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    binary = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def pg_ctl(*args: str) -> None:
        subprocess.run(
            [*as_pg, str(binary / "pg_ctl"), "-D", env["PGTEST_DIR"], *args],
            check=True,
            capture_output=True,
        )

    def restart() -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {env['PGTEST_PORT']} -k {data_dir}"
        pg_ctl("-w", "-l", str(data_dir / "server.log"), "-o", options, "start")

    yield url, pg_ctl, restart
    pg_ctl("-m", "immediate", "stop")
    shutil.rmtree(data_dir, ignore_errors=True)


def test_database_outage_gives_503_and_loses_no_acknowledged_enquiry(own_postgres, tmp_path):
    url, pg_ctl, restart = own_postgres
    from bot.db.migrate import upgrade

    upgrade(url)
    system = LiveSystem(tmp_path, database_url=url)
    system.start_app()
    try:
        before = httpx.post(f"{system.app_url}/api/chat/fallback-enquiry", json=MESSAGE, timeout=10)
        assert before.status_code == 201
        acknowledged = before.json()["reference"]

        pg_ctl("-m", "fast", "-w", "stop")
        for method, path, body in (
            ("POST", "/api/chat/sessions", None),
            ("POST", "/api/chat/fallback-enquiry", MESSAGE),
        ):
            response = httpx.request(method, f"{system.app_url}{path}", json=body, timeout=30)
            assert response.status_code == 503, (path, response.text)
            assert "try again" in response.json()["detail"].lower()
        health = httpx.get(f"{system.app_url}/health", timeout=30)
        assert health.status_code == 503 and health.json()["database"] == "down"

        restart()
        # The app recovers by itself once the database is back: wait for it to SAY so (health),
        # however long that takes on a busy machine; the deadline only stops a hang. Meanwhile
        # every answer is still a clear 503, never a 500.
        deadline = time.monotonic() + RECOVERY_HANG_GUARD
        while True:
            health = httpx.get(f"{system.app_url}/health", timeout=30)
            if health.json()["database"] == "ok":
                break
            assert health.status_code == 503, health.text
            assert time.monotonic() < deadline, (
                f"health still says the database is down {RECOVERY_HANG_GUARD} s after it came "
                "back (a hang, not a slow machine)"
            )
            time.sleep(0.5)
        after = httpx.post(f"{system.app_url}/api/chat/fallback-enquiry", json=MESSAGE, timeout=30)
        assert after.status_code == 201, after.text
        engine = create_engine(url)
        with engine.connect() as connection:
            references = set(connection.execute(text("SELECT reference FROM enquiry")).scalars())
        engine.dispose()
        assert {acknowledged, after.json()["reference"]} <= references
    finally:
        system.stop()
