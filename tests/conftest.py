"""Test set-up shared by the whole suite.

- Every test run gets its own temporary SQLite database (migrated with Alembic), and the app's
  Rasa URL points at a closed port, so unit and API tests never need Rasa and see it "down".
- `live_system` (session-scoped) starts the REAL system once per run: the Rasa server with the
  model trained from the project's data (`make test` trains it first if the data changed) and
  the app, as two processes on free loopback ports, with their own databases.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
_TMP = Path(tempfile.mkdtemp(prefix="kinship-tests-"))

os.environ["ENVIRONMENT"] = "test"
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'unit.db'}"
os.environ["RASA_URL"] = "http://127.0.0.1:9"  # nothing listens there: Rasa is "down"
os.environ["RASA_TOKEN"] = secrets.token_hex(16)
os.environ["ACTION_TOKEN"] = secrets.token_hex(16)
os.environ["RASA_TELEMETRY_ENABLED"] = "false"

RASA_BIN = ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL = Path(os.environ.get("KINSHIP_MODEL", ROOT / "models" / "model.tar.gz"))


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float, ok=lambda r: r.status_code == 200) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ok(httpx.get(url, timeout=2)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up within {timeout:.0f} s")


class LiveSystem:
    """The real app and the real Rasa server, as separate processes on loopback."""

    def __init__(self, workdir: Path, database_url: str | None = None):
        self.workdir = workdir
        self.app_port = free_port()
        self.rasa_port = free_port()
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.rasa_token = secrets.token_hex(16)
        self.action_token = secrets.token_hex(16)
        self.database_url = database_url or f"sqlite:///{workdir / 'app.db'}"
        self.app: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "ENVIRONMENT": "test",
            "DATABASE_URL": self.database_url,
            "RASA_URL": self.rasa_url,
            "RASA_TOKEN": self.rasa_token,
            "ACTION_TOKEN": self.action_token,
            "ACTION_ENDPOINT_URL": f"{self.app_url}/internal/rasa/webhook",
            "RASA_TRACKER_DB": str(self.workdir / "rasa_tracker.db"),
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }

    def start_app(self) -> None:
        log = open(self.workdir / "app.log", "ab")
        self.app = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bot.main:app", "--host", "127.0.0.1",
             "--port", str(self.app_port), "--no-access-log"],
            cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
        )
        wait_for(f"{self.app_url}/api/offer/sections", 60)

    def start_rasa(self) -> None:
        if not MODEL.exists():
            subprocess.run(["bash", "scripts/train.sh"], cwd=ROOT, check=True)
        log = open(self.workdir / "rasa.log", "ab")
        self.rasa = subprocess.Popen(
            [str(RASA_BIN), "run", "--enable-api", "--auth-token", self.rasa_token,
             "--interface", "127.0.0.1", "--port", str(self.rasa_port), "--model", str(MODEL),
             "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
            cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
        )
        wait_for(
            f"{self.rasa_url}/status?token={self.rasa_token}",
            240,
            ok=lambda r: r.status_code == 200 and bool(r.json().get("model_file")),
        )

    @staticmethod
    def _stop(process: subprocess.Popen | None, kill: bool = False) -> None:
        if process is None or process.poll() is not None:
            return
        process.kill() if kill else process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_rasa(self) -> None:
        self._stop(self.rasa)

    def stop_app(self, kill: bool = False) -> None:
        self._stop(self.app, kill=kill)

    def stop(self) -> None:
        self.stop_app()
        self.stop_rasa()

    def new_session(self) -> str:
        response = httpx.post(f"{self.app_url}/api/chat/sessions", timeout=10)
        response.raise_for_status()
        return response.json()["session_id"]

    def say(self, session_id: str, text: str | None = None, payload: str | None = None) -> dict:
        body = {"text": text} if payload is None else {"payload": payload}
        response = httpx.post(
            f"{self.app_url}/api/chat/sessions/{session_id}/messages", json=body, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def live_system(tmp_path_factory):
    from bot.db.migrate import upgrade

    workdir = tmp_path_factory.mktemp("live")
    system = LiveSystem(workdir)
    upgrade(system.database_url)
    try:
        system.start_app()
        system.start_rasa()
        wait_for(f"{system.app_url}/health", 30)
        yield system
    finally:
        system.stop()
