"""Analytics storage. No raw user text is ever stored here: free text (unanswered questions,
feedback comments) passes through `bot.redaction.redact` first (see `recording.py`).

Rows refer to a conversation by its row id (`conversation.id`, which Rasa also sees; never the
browser's session key) and have no foreign key, so that counts survive the conversation's own
deletion; retention deletes them after `retention_days["analytics"]`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, utcnow

EVENT_TYPES = (
    "conversation_started",
    "need_asked",  # value: section id
    "section_shown",  # value: section id
    "arrangement_known",  # value: arrangement id
    "audience",  # value: audience id
    "handoff_started",
    "enquiry_created",
    "safety_response",
    "unanswered",  # value: "fallback" or "out_of_scope"
    "feedback",  # value: "helpful" or "not_helpful"
)


class AnalyticsEvent(Base):
    __tablename__ = "analytics_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    value: Mapped[str | None] = mapped_column(String(64), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    out_of_hours: Mapped[bool] = mapped_column(Boolean, default=False)


class UnansweredQuestion(Base):
    """A message the assistant could not answer, REDACTED, for the delivery group's gap list."""

    __tablename__ = "unanswered_question"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    text: Mapped[str] = mapped_column(Text)  # redacted
    out_of_scope: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    out_of_hours: Mapped[bool] = mapped_column(Boolean, default=False)


class Feedback(Base):
    """ "Did this help?" for a conversation (`section_id` empty) or for one section card.
    One row per conversation and section: a second answer replaces the first."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    section_id: Mapped[str] = mapped_column(String(64), default="")
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)  # redacted
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    out_of_hours: Mapped[bool] = mapped_column(Boolean, default=False)
