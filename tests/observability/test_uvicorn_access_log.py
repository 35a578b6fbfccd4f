"""uvicorn's own access log never holds a chat session id (a bearer key in the path) nor a query
string, when it is on (bot/observability/uvicorn_access.py): real requests through a real
uvicorn server on a free port, its `uvicorn.access` records captured."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from bot.observability.uvicorn_access import RouteTemplateFilter
from tests.conftest import free_port


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Capture, Capture]]:
    """The app under uvicorn with its access log on (as `uvicorn bot.main:app` without
    `--no-access-log`, at INFO); yields the address, what `uvicorn.access` logged, and what
    every logger logged."""
    import uvicorn

    from bot.main import create_app

    app = create_app()
    access = logging.getLogger("uvicorn.access")
    level = access.level
    access.setLevel(logging.INFO)
    on_access, everything = Capture(), Capture()
    access.addHandler(on_access)
    logging.getLogger().addHandler(everything)
    port = free_port()
    # No log_config/log_level: uvicorn must not change the process's logging for later tests.
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, log_level=None, access_log=True
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", on_access, everything
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        access.removeHandler(on_access)
        logging.getLogger().removeHandler(everything)
        access.setLevel(level)


def test_the_chat_session_id_never_reaches_uvicorns_access_log(served):
    url, on_access, everything = served
    with httpx.Client(base_url=url, timeout=30) as client:
        created = client.post("/api/chat/sessions")
        assert created.status_code == 201
        session_id = created.json()["session_id"]
        # Rasa is "down" in these tests: a 503, logged like any other answer.
        client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hello"})
        client.post(f"/api/chat/sessions/{session_id}/feedback", json={"helpful": True})
        client.post(f"/api/chat/sessions/{session_id}/end")
        client.get(f"/api/chat/sessions/{session_id}/messages")  # wrong method: a 405
        client.get("/widget/widget.js?token=secret-in-query")
        client.get(f"/no/such/page/{session_id}?token=secret-in-query")
    time.sleep(0.2)  # the last line is logged as its response starts

    lines = [r.getMessage() for r in on_access.records]
    assert len(lines) == 7, lines
    for line in lines:
        assert session_id not in line, line
        assert "secret-in-query" not in line and "?" not in line, line
    joined = "\n".join(lines)
    assert '"POST /api/chat/sessions HTTP/1.1" 201' in joined
    assert '"POST /api/chat/sessions/{session_id}/messages HTTP/1.1" 503' in joined
    assert '"POST /api/chat/sessions/{session_id}/feedback HTTP/1.1"' in joined
    assert '"POST /api/chat/sessions/{session_id}/end HTTP/1.1" 204' in joined
    assert '"GET /api/chat/sessions/{session_id}/messages HTTP/1.1" 405' in joined
    assert '"GET /widget/{path} HTTP/1.1" 200' in joined
    assert '"GET <unmatched> HTTP/1.1" 404' in joined
    # Nor does any other log line hold it (the app's own access log, `bot.access`, included).
    for record in everything.records:
        assert session_id not in record.getMessage(), (record.name, record.getMessage())


def test_a_record_not_in_uvicorns_shape_is_dropped_and_the_filter_is_installed_once():
    from bot.main import create_app

    create_app()
    create_app()
    filters = [
        f for f in logging.getLogger("uvicorn.access").filters if isinstance(f, RouteTemplateFilter)
    ]
    assert len(filters) == 1
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, "GET %s", ("/api/chat/sessions/abc",), None
    )
    assert filters[0].filter(record) is False
