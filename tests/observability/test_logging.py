"""Logs: JSON lines, scrubbed by redact(), and no user text, session id or body from a chat turn."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.observability.logging import configure_logging, json_handler

PHONE = "07700 900123"
EMAIL = "jane.smith+kin@example.com"
POSTCODE = "S60 2TR"
SECRET_BITS = [PHONE, "07700900123", "900123", EMAIL, "jane.smith", POSTCODE, "s602tr"]


class RawList(logging.Handler):
    """Sees records before any redaction: proves the app does not log the text at all."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def captured():
    root = logging.getLogger()
    raw = RawList()
    buffer = io.StringIO()
    handler = json_handler(buffer)
    root.handlers.insert(0, raw)
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield raw, buffer
    finally:
        root.removeHandler(raw)
        root.removeHandler(handler)
        root.setLevel(old_level)


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def test_chat_turn_logs_no_personal_data_no_session_id(client, captured, caplog):
    raw, buffer = captured
    caplog.set_level(logging.DEBUG)
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    text = f"call me on {PHONE} or {EMAIL}, we live at {POSTCODE}"
    for body in (
        {"text": text},
        {"text": f"he is hitting me now, ring {PHONE}"},
        {"text": "x" * 3000 + PHONE},
    ):
        client.post(f"/api/chat/sessions/{session_id}/messages", json=body)
    client.post(f"/api/chat/sessions/{session_id}/messages", content=f'{{"text": "{PHONE}')

    entries = lines(buffer)
    assert entries, "nothing was logged"
    everything = [buffer.getvalue()] + [r.getMessage() for r in raw.records] + [caplog.text]
    everything += [str(vars(r)) for r in raw.records]
    for blob in everything:
        assert session_id not in blob
        for bit in SECRET_BITS:
            assert bit not in blob, bit

    access = [e for e in entries if e["logger"] == "bot.access"]
    assert any(
        e["route"] == "/api/chat/sessions/{session_id}/messages" and e["status"] == 503
        for e in access
    )
    assert all(set(e) >= {"ts", "level", "logger", "message"} for e in entries)


def test_filter_scrubs_message_args_extras_and_tracebacks(captured):
    _, buffer = captured
    log = logging.getLogger("tests.observability")
    log.warning("carer said %s", f"ring me on {PHONE}", extra={"detail": f"mail {EMAIL}"})
    try:
        raise ValueError(f"bad postcode {POSTCODE}")
    except ValueError:
        log.exception("failed for %s", EMAIL)
    log.info("bad format %s %s", "only one")  # must not raise or be lost
    out = buffer.getvalue()
    for bit in SECRET_BITS:
        assert bit not in out, bit
    entries = lines(buffer)
    assert entries[0]["message"] == "carer said ring me on [PHONE]"
    assert entries[0]["detail"] == "mail [EMAIL]"
    assert "[POSTCODE]" in entries[1]["exc"] and "ValueError" in entries[1]["exc"]
    assert "unformattable" in entries[2]["message"]


def test_configure_logging_is_idempotent_and_takes_over_uvicorn():
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        stream = io.StringIO()
        configure_logging("INFO", stream=stream)
        configure_logging("INFO", stream=stream)
        ours = [h for h in root.handlers if getattr(h, "_kinship_json_handler", False)]
        assert len(ours) == 1
        uvicorn_error = logging.getLogger("uvicorn.error")
        assert uvicorn_error.propagate and not uvicorn_error.handlers
        uvicorn_error.info("Started server process [%d] for %s", 123, EMAIL)
        entry = json.loads(stream.getvalue().splitlines()[-1])
        assert entry["logger"] == "uvicorn.error" and "[EMAIL]" in entry["message"]
        assert logging.getLogger("httpx").level == logging.WARNING
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
        for handler in before:
            if handler not in root.handlers:
                root.addHandler(handler)


def test_only_records_built_from_fixed_parts_skip_the_redactor(captured, monkeypatch):
    import bot.observability.logging as logging_module

    _, buffer = captured
    seen: list[str] = []
    real = logging_module.redact
    monkeypatch.setattr(logging_module, "redact", lambda text: seen.append(text) or real(text))
    access = logging.getLogger("bot.access")
    access.info(
        "%s %s %s", "POST", "/api/chat/sessions", 201, extra={logging_module.SAFE_RECORD: True}
    )
    assert seen == []
    logging.getLogger("tests.observability").warning("carer said %s", f"ring me on {PHONE}")
    assert seen and PHONE not in buffer.getvalue()
    first = lines(buffer)[0]
    assert first["message"] == "POST /api/chat/sessions 201"
    assert logging_module.SAFE_RECORD not in first  # the flag itself is never written out
