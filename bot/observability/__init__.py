"""Metrics (Prometheus, `GET /metrics`), JSON logs scrubbed by `redact()`, and the access log."""

from .logging import configure_logging
from .metrics import ENQUIRIES_CREATED, RASA_ERRORS, SAFETY_RESPONSES
from .middleware import ObservabilityMiddleware

__all__ = [
    "ENQUIRIES_CREATED",
    "RASA_ERRORS",
    "SAFETY_RESPONSES",
    "ObservabilityMiddleware",
    "configure_logging",
]
