"""Prometheus metrics, exposed at ``GET /metrics`` (text exposition format).

Other parts of the app increment the counters defined here, e.g.::

    from bot.observability.metrics import ENQUIRIES_CREATED
    ENQUIRIES_CREATED.inc()

Labels never carry free text, session ids or other per-person values: HTTP requests are labelled by
route *template* (``/api/chat/sessions/{session_id}/messages``), not the raw path.

Several worker processes: by default each process has its own counters, and ``/metrics`` shows only
the one that answered. Set ``PROMETHEUS_MULTIPROC_DIR`` to an empty, writable directory before the
app starts (and empty it at every start) to have ``/metrics`` add up all workers
(prometheus-client's multiprocess mode). In that mode the default process and platform metrics are
not shown.
"""

from __future__ import annotations

import logging
import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.db.session import get_sessionmaker
from bot.notifications.service import outbox_state
from bot.settings import get_settings

log = logging.getLogger("bot.metrics")

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0, 30.0)

HTTP_REQUESTS = Counter(
    "kinship_http_requests",
    "HTTP requests answered, by method, route template and status code.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "kinship_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route template.",
    ["method", "route"],
    buckets=_LATENCY_BUCKETS,
)
CHAT_MESSAGES = Counter(
    "kinship_chat_messages",
    "Chat messages received through the chat API, by result "
    "(answered, rejected: 4xx, unavailable: 503, error: other 5xx).",
    ["result"],
)
SAFETY_RESPONSES = Counter(
    "kinship_safety_responses",
    "Turns answered with the safety response, by the category that fired.",
    ["category"],
)
RASA_ERRORS = Counter(
    "kinship_rasa_errors",
    "Times Rasa could not be reached or answered badly, by reason.",
    ["reason"],
)
RASA_LATENCY = Histogram(
    "kinship_rasa_request_duration_seconds",
    "Time Rasa took to answer, by operation (send: a message, slots: the tracker).",
    ["operation"],
    buckets=_LATENCY_BUCKETS,
)
ENQUIRIES_CREATED = Counter(
    "kinship_enquiries_created",
    "Enquiries left for a Kinship Navigator.",
)

RASA_ERROR_REASONS = ("connect", "timeout", "http_status", "bad_reply", "other")
CHAT_RESULTS = ("answered", "rejected", "unavailable", "error")

# Start the known label values at 0, so dashboards and alerts see the series before the first event.
for _reason in RASA_ERROR_REASONS:
    RASA_ERRORS.labels(reason=_reason)
for _result in CHAT_RESULTS:
    CHAT_MESSAGES.labels(result=_result)
for _op in ("send", "slots"):
    RASA_LATENCY.labels(operation=_op)


def rasa_error_reason(exc: BaseException) -> str:
    """A bounded label for a ``RasaUnavailable`` (its message is an aiohttp exception's class
    name, or a status)."""
    text = str(exc)
    if "Timeout" in text:
        return "timeout"
    if text.startswith("status"):
        return "http_status"
    if "unexpected" in text:
        return "bad_reply"
    if "Connect" in text or "Disconnected" in text or "OSError" in text or "Payload" in text:
        return "connect"
    return "other"


def chat_result(status: int) -> str:
    if status < 400:
        return "answered"
    if status == 503:
        return "unavailable"
    if status < 500:
        return "rejected"
    return "error"


class OutboxCollector(Collector):
    """The outbox as it stands, read from the database at each scrape (so every worker gives
    the same figures, in multiprocess mode too): how many notification mails wait, how many of
    those failed their last attempt, the age of the oldest; how many messages from "leave a
    message" wait for their digest mail, and the age of the oldest; whether mail is set up.
    Nothing is reported when the database cannot be read (the HTTP metrics and /health show
    that)."""

    def collect(self):
        try:
            with get_sessionmaker()() as db:
                state = outbox_state(db)
        except Exception:
            log.debug("outbox metrics not read", exc_info=True)
            return
        settings = get_settings()
        for name, documentation, value in (
            ("kinship_outbox_unsent", "Notification mails not sent yet.", state.unsent),
            (
                "kinship_outbox_failing",
                "Unsent notification mails whose last attempt failed.",
                state.failing,
            ),
            (
                "kinship_outbox_oldest_unsent_age_seconds",
                "Age of the oldest unsent notification mail (0 when none waits).",
                state.oldest_unsent_seconds or 0.0,
            ),
            (
                "kinship_outbox_awaiting_digest",
                'Messages from "leave a message" waiting for their digest mail.',
                state.awaiting_digest,
            ),
            (
                "kinship_outbox_oldest_awaiting_digest_age_seconds",
                "Age of the oldest message waiting for its digest mail (0 when none waits); "
                "a digest is due once it passes FALLBACK_DIGEST_MINUTES.",
                state.oldest_awaiting_digest_seconds or 0.0,
            ),
            (
                "kinship_mail_configured",
                "1 when SMTP_HOST and NAVIGATOR_TEAM_EMAIL are both set, else 0.",
                float(bool(settings.smtp_host and settings.navigator_team_email)),
            ),
        ):
            yield GaugeMetricFamily(name, documentation, value=value)


OUTBOX = OutboxCollector()
REGISTRY.register(OUTBOX)


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    if multiprocess_dir():
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(OUTBOX)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
