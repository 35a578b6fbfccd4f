"""Structured logs: one JSON object per line on stderr, scrubbed of personal data.

``configure_logging()`` is called once when the app is created. It:

- sends every logger (ours, uvicorn's, SQLAlchemy's…) through one stderr handler writing JSON lines
  (``ts``, ``level``, ``logger``, ``message``, plus ``exc`` and any extra fields we set);
- runs every message, argument, extra field and traceback through ``redact()`` — a last line of
  defence: the app itself never logs request bodies, session ids or what people type;
- quietens httpx/httpcore/aiohttp (their INFO lines would hold Rasa URLs with conversation ids).

The access log is ``bot.observability.middleware`` (route templates, never raw paths); run uvicorn
with ``--no-access-log``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC, datetime
from typing import IO, Any

from bot.redaction import redact

_HANDLER_FLAG = "_kinship_json_handler"
# A record whose every part is fixed by our code — the access log's method, route *template*,
# status and time — holds no personal data by construction and skips the redactor (spaCy,
# about a millisecond a line: the busiest log line of all, twice per chat message).
SAFE_RECORD = "_kinship_no_personal_data"
# Attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
}
_QUIET = {
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    # httpx's successor, installed with the embeddings' packages; Starlette's test client and
    # any library may use it, and its INFO lines hold URLs with session ids just the same.
    "httpx2": logging.WARNING,
    "httpcore2": logging.WARNING,
    "aiohttp": logging.WARNING,
    "uvicorn.access": logging.WARNING,
    "multipart": logging.WARNING,
}


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return redact(str(value))


class RedactingFilter(logging.Filter):
    """Replaces the message (with its arguments filled in) and string extras by redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, SAFE_RECORD, False):
            return True  # built only from fixed words and numbers (the access log)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} (unformattable arguments)"
        record.msg = redact(message)
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and not key.startswith("_"):
                setattr(record, key, _scrub(value))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exc"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_handler(stream: IO[str] | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    setattr(handler, _HANDLER_FLAG, True)
    return handler


def configure_logging(level: str | int | None = None, stream: IO[str] | None = None) -> None:
    """Install the JSON handler on the root logger (idempotent: calling again replaces it).

    ``level`` defaults to the ``LOG_LEVEL`` environment variable, else INFO.
    """
    level = level or os.environ.get("LOG_LEVEL", "INFO")
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_FLAG, False):
            root.removeHandler(handler)
    root.addHandler(json_handler(stream))
    root.setLevel(level)
    # uvicorn and spaCy install their own plain-text handlers; send its records through ours instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "spacy"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    for name, quiet in _QUIET.items():
        logging.getLogger(name).setLevel(quiet)
