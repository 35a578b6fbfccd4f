"""Redaction of personal data in free text (logs, analytics, exports). See README.md."""

from .engine import Redactor, get_redactor, nhs_number_valid, redact
from .patterns import PUBLIC_NUMBERS

__all__ = ["PUBLIC_NUMBERS", "Redactor", "get_redactor", "nhs_number_valid", "redact"]
