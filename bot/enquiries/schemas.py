"""Shapes of the enquiry API used by the widget when the assistant is down."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class FallbackEnquiryIn(BaseModel):
    """Checked in `router.py` so every problem is explained in plain words."""

    model_config = ConfigDict(extra="ignore")

    name: Any = None
    contact: Any = None
    message: Any = None
    consent: Any = None
    # From the widget's config (bot/core/fallback_token.py); needed only while the assistant is up.
    token: Any = None


class EnquiryCreated(BaseModel):
    reference: str
    expected_contact: str
    expected_contact_by: str | None = None
