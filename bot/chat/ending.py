"""Ending a chat on request ("Clear this chat" in the widget).

A chat already ends by itself after CHAT_SESSION_IDLE_HOURS with nothing said
(`service.ensure_not_ended`: its id is refused with a 410 from then on). Ending one on request
puts it in that same state, by dating its last activity to just past that limit, so every place
that refuses an ended chat refuses this one too, with no second notion of "ended" to keep in
step. What was said is deleted at once, here and in Rasa's tracker store: the person asked for
it to be cleared. (An enquiry made from the chat keeps its own copy for the Navigators, under
the enquiries' retention; anonymous analytics are kept.) If Rasa's store cannot be cleaned now,
the next retention run that can reach it removes its copy (bot/enquiries/retention.py). Its
summary links ("Save or print what I've found", bot/chat/summary.py) are deleted too.

When it was cleared is kept (`conversation.cleared_at`: a time beside the conversation's random
id, nothing the person said), for as long as the conversation's anonymous row. That record is
what lets `make restore` clear the chat again when the backup it restores was made before the
person cleared it (scripts/backup.py).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.chat import tracker_store
from bot.chat.service import ensure_not_ended, find_conversation
from bot.chat.summary import delete_links_of
from bot.core import clock
from bot.core.errors import AppError
from bot.db.models import Conversation, Message
from bot.settings import Settings

log = logging.getLogger(__name__)


def end_conversation(db: Session, session_key: str, settings: Settings) -> None:
    """End the chat `session_key` (flushed; the caller commits). Ending an ended chat does
    nothing; an unknown one is a 404."""
    conversation = find_conversation(db, session_key)
    try:
        ensure_not_ended(conversation, settings)
    except AppError:
        return  # it has ended already
    clear(db, conversation, settings)
    try:
        tracker_store.delete_events([conversation.id], settings=settings)
    except tracker_store.TrackerStoreError:
        log.warning("a cleared chat stays in Rasa's tracker store until the retention job runs")


def clear(
    db: Session, conversation: Conversation, settings: Settings, at: dt.datetime | None = None
) -> None:
    """Clear the chat in the app's database as of `at` (default now), flushed: ended, its
    messages and summary links deleted, the time recorded. Rasa's copy is the caller's to
    delete (tracker_store.delete_events). A restore passes the time the person cleared it."""
    at = at or clock.now()
    idle = dt.timedelta(hours=settings.chat_session_idle_hours)
    conversation.last_activity_at = at - idle - dt.timedelta(minutes=1)
    conversation.cleared_at = at
    db.execute(delete(Message).where(Message.conversation_id == conversation.id))
    delete_links_of(db, [conversation.id])  # its summary links stop working
    db.flush()
