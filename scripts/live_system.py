"""Starts the real system — the app and the Rasa server — as two processes on free loopback
ports, for the integration tests and the benchmarks."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
MODEL = Path(os.environ.get("KINSHIP_MODEL", ROOT / "models" / "model.tar.gz"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(
    url: str, timeout: float, ok: Callable[[httpx.Response], bool] = lambda r: r.status_code == 200
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ok(httpx.get(url, timeout=2)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {timeout:.0f} s")


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class LiveSystem:
    """The real app and the real Rasa server, as separate processes on loopback."""

    def __init__(
        self,
        workdir: Path,
        database_url: str | None = None,
        app_workers: int = 1,
        rasa_instances: int = 1,
        endpoints: str = "endpoints.yml",
    ):
        self.workdir = workdir
        self.app_port = free_port()
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.rasa_urls = [f"http://127.0.0.1:{free_port()}" for _ in range(rasa_instances)]
        self.rasa_url = self.rasa_urls[0]
        self.endpoints = endpoints
        self.rasa_token = secrets.token_hex(16)
        self.action_token = secrets.token_hex(16)
        self.database_url = database_url or f"sqlite:///{workdir / 'app.db'}"
        self.app_workers = app_workers
        self.extra_env: dict[str, str] = {}
        self.app: subprocess.Popen | None = None
        self.rasas: list[subprocess.Popen | None] = [None] * rasa_instances

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "ENVIRONMENT": "test",
            "DATABASE_URL": self.database_url,
            "RASA_URL": ",".join(self.rasa_urls),
            "RASA_TOKEN": self.rasa_token,
            "ACTION_TOKEN": self.action_token,
            "ACTION_ENDPOINT_URL": f"{self.app_url}/internal/rasa/webhook",
            "RASA_TRACKER_DB": str(self.workdir / "rasa_tracker.db"),
            # The app reads Rasa's endpoints too: erasure deletes conversations from its store.
            "RASA_ENDPOINTS": self.endpoints,
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            # A live app applies the retention periods itself, as deployed (the in-process
            # tests turn that off for their own app: tests/conftest.py).
            "RETENTION_INTERVAL_SECONDS": "3600",
            # One Rasa gets a core of its own; several would all be bound to the same one.
            "CPU_LAYOUT": os.environ.get("CPU_LAYOUT", "split" if len(self.rasas) == 1 else "none"),
            **self.extra_env,
        }

    def start_app(self) -> float:
        """Starts the app; returns seconds until it answered."""
        started = time.monotonic()
        log = open(self.workdir / "app.log", "ab")  # noqa: SIM115 - closed with the process
        self.app = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scripts.app_server",  # uvicorn, bound to the app's cores (CPU_LAYOUT)
                "bot.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.app_port),
                "--no-access-log",
                "--workers",
                str(self.app_workers),
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # Two workers each load a dozen readings (seconds, from var/cache/) or train them (minutes,
        # on a fresh checkout or after the data changed, on a machine shared with other tests).
        wait_for(f"{self.app_url}/api/offer/sections", 300)
        return time.monotonic() - started

    @property
    def rasa(self) -> subprocess.Popen | None:
        return self.rasas[0]

    def start_rasa(self, index: int | None = None) -> float:
        """Starts Rasa (every instance, or one) with the trained model; returns seconds until
        the model was loaded and it answered."""
        if not MODEL.exists():
            subprocess.run(["bash", "scripts/train.sh"], cwd=ROOT, check=True)
        started = time.monotonic()
        indexes = range(len(self.rasa_urls)) if index is None else [index]
        for i in indexes:
            port = self.rasa_urls[i].rsplit(":", 1)[1]
            log = open(self.workdir / f"rasa{i}.log", "ab")  # noqa: SIM115 - closed with the process
            self.rasas[i] = subprocess.Popen(
                [
                    str(RASA_PYTHON),
                    "-m",
                    "scripts.rasa_server",  # `rasa run` with one speed fix (see that file)
                    "run",
                    "--enable-api",
                    "--auth-token",
                    self.rasa_token,
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    port,
                    "--model",
                    str(MODEL),
                    "--endpoints",
                    self.endpoints,
                    "--credentials",
                    "credentials.yml",
                ],
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        for i in indexes:
            wait_for(
                f"{self.rasa_urls[i]}/status?token={self.rasa_token}",
                300,
                ok=lambda r: r.status_code == 200 and bool(r.json().get("model_file")),
            )
        return time.monotonic() - started

    @staticmethod
    def _stop(process: subprocess.Popen | None, kill: bool = False) -> None:
        if process is None or process.poll() is not None:
            return
        if kill:
            process.kill()
        else:
            process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_rasa(self, index: int | None = None, kill: bool = False) -> None:
        for i in range(len(self.rasas)) if index is None else [index]:
            self._stop(self.rasas[i], kill=kill)

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
