"""`make serve` (scripts/serve.sh) for real: PostgreSQL for the app and Rasa's tracker store, a
Redis lock store, two Rasa instances and two app workers, with the trained model in models/.
A conversation goes through it, the Rasa token is on no command line, and it stops cleanly.

ENVIRONMENT=production, as docs/production.md says, on a copy of the content with every
placeholder filled in (tests/content_packs.py): a production start refuses the demo content's
placeholders (that refusal is tested in tests/test_production_start.py). Needs TEST_POSTGRES_URL and TEST_REDIS_PORT
(scripts/test.sh starts both servers)."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest

from bot.offer.loader import content_dir_from_env
from scripts.live_system import MODEL, ROOT, free_port, wait_for
from tests.content_packs import filled_copy

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

POSTGRES = os.environ.get("TEST_POSTGRES_URL")
REDIS_PORT = os.environ.get("TEST_REDIS_PORT")


def two_free_ports() -> int:
    """A port p with p and p + 1 free (Rasa's two instances)."""
    for _ in range(50):
        port = free_port()
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports in a row")


def create_database(name: str) -> None:
    import psycopg

    url = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def command_lines(pid: int) -> list[str]:
    """The command lines of a process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            found.append(
                Path(f"/proc/{current}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def test_make_serve_starts_two_rasa_and_two_workers(tmp_path):
    if not POSTGRES or not REDIS_PORT:
        pytest.skip("needs TEST_POSTGRES_URL and TEST_REDIS_PORT (run through `make test`)")
    if not MODEL.exists():
        pytest.skip("needs the trained model in models/ (make train)")
    suffix = uuid.uuid4().hex[:8]
    app_db, tracker_db = f"kinship_serve_{suffix}", f"kinship_serve_tracker_{suffix}"
    create_database(app_db)
    create_database(tracker_db)
    base = POSTGRES.rsplit("/", 1)[0]
    app_port, rasa_port = free_port(), two_free_ports()
    rasa_token = secrets.token_hex(16)
    content = filled_copy(content_dir_from_env(), tmp_path / "offer_content")
    env = {
        **os.environ,
        "ENV_FILE": str(tmp_path / "no.env"),  # never the developer's .env
        "ENVIRONMENT": "production",
        "RETENTION_INTERVAL_SECONDS": "3600",  # the tests' own environment says 0
        "CONTENT_DIR": str(content),
        "PUBLIC_BASE_URL": "https://kinship.example.gov.uk",
        "METRICS_TOKEN": secrets.token_hex(16),
        "SMTP_HOST": "127.0.0.1",
        "NAVIGATOR_TEAM_EMAIL": "kinship.navigators@example.gov.uk",
        "SAFEGUARDING_REFERRAL_EMAIL": "front.door@example.gov.uk",
        "APP_PORT": str(app_port),
        "RASA_PORT": str(rasa_port),
        "RASA_INSTANCES": "2",
        "APP_WORKERS": "2",
        "RASA_TOKEN": rasa_token,
        "ACTION_TOKEN": secrets.token_hex(16),
        "DATABASE_URL": f"{base}/{app_db}",
        "RASA_ENDPOINTS": "endpoints.production.yml",
        "RASA_TRACKER_URL": f"{base.replace('postgresql+psycopg://', 'postgresql://')}/{tracker_db}",
        "RASA_TRACKER_DB": tracker_db,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": REDIS_PORT,
        "LOG_DIR": str(tmp_path / "log"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
    }
    for name in ("RASA_URL", "FORWARDED_ALLOW_IPS", "REDIS_PASSWORD", "CPU_LAYOUT"):
        env.pop(name, None)
    output = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below
    serve = subprocess.Popen(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    app = f"http://127.0.0.1:{app_port}"
    try:
        deadline = time.monotonic() + 240
        while not up(f"{app}/health"):
            log = (tmp_path / "serve.log").read_text()[-3000:]
            assert serve.poll() is None, f"make serve stopped:\n{log}"
            assert time.monotonic() < deadline, f"make serve did not come up:\n{log}"
            time.sleep(0.5)
        # Both Rasa instances answer (each on its own port) and the app reaches them.
        for port in (rasa_port, rasa_port + 1):
            wait_for(
                f"http://127.0.0.1:{port}/status?token={rasa_token}",
                240,
                ok=lambda r: r.status_code == 200 and bool(r.json().get("model_file")),
            )
        health = httpx.get(f"{app}/health", timeout=10).json()
        assert health["rasa"] == "ok" and health["database"] == "ok"
        assert health["mail"]["status"] == "ok"
        for _ in range(3):  # round-robin: both instances carry the conversation
            session = httpx.post(f"{app}/api/chat/sessions", timeout=10).json()["session_id"]
            for text in ("we don't have enough bedrooms for the kids", "thank you"):
                reply = httpx.post(
                    f"{app}/api/chat/sessions/{session}/messages", json={"text": text}, timeout=30
                )
                assert reply.status_code == 200, reply.text
                assert reply.json()["messages"], "an empty reply"
        # The widget is served: its script, its settings and a page that embeds it.
        script = httpx.get(f"{app}/widget/widget.js", timeout=10)
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        config = httpx.get(f"{app}/api/chat/config", timeout=10)
        assert config.status_code == 200 and config.json()["council_name"]
        page = httpx.get(f"{app}/offer", timeout=10)
        assert page.status_code == 200 and '<script src="/widget/widget.js"' in page.text
        assert not any(rasa_token in line for line in command_lines(serve.pid))
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        output.close()
    for port in (app_port, rasa_port, rasa_port + 1):
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_make_serve_refuses_without_a_model(tmp_path):
    env = {
        **os.environ,
        "ENV_FILE": str(tmp_path / "no.env"),
        "ENVIRONMENT": "test",
        "RASA_TOKEN": secrets.token_hex(16),
        "ACTION_TOKEN": secrets.token_hex(16),
        "RASA_MODEL": str(tmp_path / "missing.tar.gz"),
    }
    result = subprocess.run(
        ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "there is no trained model" in result.stderr and "make train" in result.stderr


def test_several_rasa_instances_need_a_redis_lock_store(tmp_path):
    env = {
        **os.environ,
        "ENV_FILE": str(tmp_path / "no.env"),
        "ENVIRONMENT": "test",
        "RASA_TOKEN": secrets.token_hex(16),
        "ACTION_TOKEN": secrets.token_hex(16),
        "RASA_INSTANCES": "2",
        "RASA_ENDPOINTS": "endpoints.yml",
        "RASA_MODEL": str(MODEL),
    }
    if not MODEL.exists():
        pytest.skip("needs the trained model in models/ (make train)")
    result = subprocess.run(
        ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "needs a Redis lock store" in result.stderr
