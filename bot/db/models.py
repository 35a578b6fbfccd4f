"""Storage for conversations, their messages and their summary links."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, utcnow


def new_session_key() -> str:
    """An opaque, unguessable id the browser holds (192 bits of randomness)."""
    return secrets.token_urlsafe(24)


def new_uuid() -> str:
    return uuid.uuid4().hex


class Conversation(Base):
    __tablename__ = "conversation"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_uuid)
    # What the browser holds. Never sent to Rasa (Rasa sees `id`), never logged.
    session_key: Mapped[str] = mapped_column(
        String(64), unique=True, index=True, default=new_session_key
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    arrangement: Mapped[str] = mapped_column(String(32), default="unknown")
    audience: Mapped[str] = mapped_column(String(32), default="carer")
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    sections_shown: Mapped[list[str]] = mapped_column(JSON, default=list)
    out_of_hours: Mapped[bool] = mapped_column(default=False)
    safeguarding: Mapped[bool] = mapped_column(default=False)
    # When the person cleared the chat ("Clear this chat", bot/chat/ending.py); None if they did
    # not. A restore clears it again if the backup still holds it (scripts/backup.py).
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", cascade="all, delete-orphan"
    )


class Message(Base):
    __tablename__ = "message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    sender: Mapped[str] = mapped_column(String(16))  # "user" or "bot"
    text: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str | None] = mapped_column(String(500), nullable=True)
    kind: Mapped[str] = mapped_column(String(32), default="text")
    sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Quick replies as offered, so a paused conversation can be shown again exactly.
    buttons: Mapped[list[dict]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class SummaryLink(Base):
    """A link to the printable summary of a conversation ("Save or print what I've found",
    bot/chat/summary.py). Only a hash of the link's secret is kept: the address itself is in
    the person's browser alone. It works while its conversation has not ended."""

    __tablename__ = "summary_link"

    # SHA-256 of the secret in the address (hex).
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
