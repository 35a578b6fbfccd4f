"""Under CI=true a missing or broken test service stops `make test` in plain words, before the
slow steps; on a developer's machine the run goes on and those tests are skipped. Runs the real
scripts/test_services.sh with PostgreSQL made unavailable (its data folder where it cannot be
created), on a spare port so that no test server of this run is touched."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/pg_ctlcluster").exists(), reason="PostgreSQL is not installed"
)


def run_services(ci: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_POSTGRES_URL", "TEST_REDIS_PORT")}
    env.update(
        CI=ci,
        # initdb cannot create a folder under /proc: PostgreSQL does not start.
        PGTEST_DIR="/proc/kinship-no-such-folder",
        PGTEST_PORT="55499",
        TEST_REDIS_PORT="1",  # Redis is not under test here: taken as given
    )
    script = 'source scripts/test_services.sh && echo "GOT_PAST TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-}"'
    return subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_postgresql_unavailable_fails_the_run_under_ci():
    done = run_services("true")
    assert done.returncode != 0
    assert "GOT_PAST" not in done.stdout
    assert "CI=true: the test PostgreSQL server did not start" in done.stderr


def test_postgresql_unavailable_is_a_warning_on_a_developers_machine():
    done = run_services("")
    assert "GOT_PAST TEST_POSTGRES_URL=" in done.stdout, done.stderr
    assert "the tests that need it will be skipped" in done.stderr
