"""Ending a chat on request ("Clear this chat" in the widget).

A chat already ends by itself after CHAT_SESSION_IDLE_HOURS with nothing said
(`service.ensure_not_ended`: its id is refused with a 410 from then on). Ending one on request
puts it in that same state, by dating its last activity to just past that limit, so every place
that refuses an ended chat refuses this one too, with no second notion of "ended" to keep in
step. What was said is kept, and deleted on the retention schedule like any other chat (a
manager can still erase it sooner).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.chat.service import ensure_not_ended, find_conversation
from bot.core import clock
from bot.core.errors import AppError
from bot.settings import Settings


def end_conversation(db: Session, session_key: str, settings: Settings) -> None:
    """End the chat `session_key` (flushed; the caller commits). Ending an ended chat does
    nothing; an unknown one is a 404."""
    conversation = find_conversation(db, session_key)
    try:
        ensure_not_ended(conversation, settings)
    except AppError:
        return  # it has ended already
    idle = dt.timedelta(hours=settings.chat_session_idle_hours)
    conversation.last_activity_at = clock.now() - idle - dt.timedelta(minutes=1)
    db.flush()
