"""Recording analytics from the chat turn: cheap, anonymous, and never able to break a turn.

`record_turn` is called once per answered turn by `bot.chat.service.handle_message`, before its
commit, so the events are saved in the same transaction as the messages. It only adds rows;
the one thing that costs time is `redact()` (a few milliseconds), and only for a turn the
assistant could not answer. Any error is logged (without text) and swallowed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bot.db.base import utcnow
from bot.db.models import Conversation
from bot.insights.models import AnalyticsEvent, UnansweredQuestion
from bot.redaction import redact

log = logging.getLogger("bot.insights")

UNANSWERED_KINDS = {"fallback": False, "out_of_scope": True}  # kind -> out of scope?
HANDOFF_KINDS = {"handoff_question"}
MAX_QUESTION_CHARS = 1000


def _event(conversation: Conversation, event_type: str, value: str | None = None):
    return AnalyticsEvent(**_event_row(conversation, event_type, value))


def _event_row(conversation: Conversation, event_type: str, value: str | None = None) -> dict:
    return {
        "conversation_id": conversation.id,
        "event_type": event_type,
        "value": value,
        "at": utcnow(),
        "out_of_hours": bool(conversation.out_of_hours),
    }


def _has_event(db: Session, conversation: Conversation, event_type: str) -> bool:
    return (
        db.scalar(
            select(AnalyticsEvent.id)
            .where(
                AnalyticsEvent.conversation_id == conversation.id,
                AnalyticsEvent.event_type == event_type,
            )
            .limit(1)
        )
        is not None
    )


def known_names(
    db: Session, conversation_id: str | None, extra: Iterable[str | None] = ()
) -> list[str]:
    """Names the person gave in the hand-off form (stored with an enquiry), plus `extra`."""
    from bot.enquiries.models import Enquiry

    names = [n for n in extra if isinstance(n, str) and n.strip()]
    if conversation_id:
        names += [
            n
            for n in db.scalars(
                select(Enquiry.name).where(
                    Enquiry.conversation_id == conversation_id, Enquiry.name.is_not(None)
                )
            )
            if n
        ]
    return names


def redacted(text: str, names: Sequence[str] = ()) -> str:
    return redact(text[:MAX_QUESTION_CHARS], names=tuple(names)).strip()


def record_conversation_started(db: Session, conversation: Conversation) -> None:
    try:
        db.add(_event(conversation, "conversation_started"))
    except Exception:  # analytics must never break the chat
        log.exception("could not record conversation_started")


def record_safety_response(db: Session, conversation: Conversation) -> None:
    try:
        db.add(_event(conversation, "safety_response"))
    except Exception:
        log.exception("could not record safety_response")


def record_turn(
    db: Session,
    conversation: Conversation,
    user_text: str | None,
    messages: Sequence,
    context,
    names: Iterable[str | None] = (),
) -> None:
    """Record what this answered turn tells us. Call it BEFORE the conversation's own fields
    (needs, arrangement, audience, sections_shown) are updated from `context`: the difference
    is what is new in this turn.

    `messages` are the contract `ChatMessage`s of the reply; `context` the new `Context`;
    `user_text` what the person typed (None for a button); `names` names to redact.
    """
    try:
        _record_turn(db, conversation, user_text, messages, context, names)
    except Exception:
        log.exception("could not record analytics for a turn")


def _record_turn(db, conversation, user_text, messages, context, names) -> None:
    events: list[dict] = []
    needs_before = set(conversation.needs or [])
    for need in context.needs:
        if need not in needs_before:
            events.append(_event_row(conversation, "need_asked", need))
    shown_before = set(conversation.sections_shown or [])
    kinds = [m.kind for m in messages]
    for message in messages:
        for section in message.sections:
            if section.id not in shown_before:
                shown_before.add(section.id)
                events.append(_event_row(conversation, "section_shown", section.id))
    if context.arrangement != "unknown" and context.arrangement != conversation.arrangement:
        events.append(_event_row(conversation, "arrangement_known", context.arrangement))
    if context.audience != conversation.audience or not _has_event(db, conversation, "audience"):
        events.append(_event_row(conversation, "audience", context.audience))
    if HANDOFF_KINDS.intersection(kinds) and not _has_event(db, conversation, "handoff_started"):
        events.append(_event_row(conversation, "handoff_started"))
    if "safeguarding" in kinds:  # the NLU's safety net answered (the safety check did not)
        events.append(_event_row(conversation, "safety_response"))
    if "enquiry_sent" in kinds:
        events.append(_event_row(conversation, "enquiry_created"))
    unanswered = next((k for k in kinds if k in UNANSWERED_KINDS), None)
    if unanswered is not None:
        events.append(_event_row(conversation, "unanswered", unanswered))
        if user_text and user_text.strip():
            text = redacted(user_text, known_names(db, conversation.id, names))
            if text:
                db.add(
                    UnansweredQuestion(
                        conversation_id=conversation.id,
                        text=text,
                        out_of_scope=UNANSWERED_KINDS[unanswered],
                        at=utcnow(),
                        out_of_hours=bool(conversation.out_of_hours),
                    )
                )
    if events:  # one INSERT for the turn's events (Core: no unit-of-work cost per row)
        db.execute(insert(AnalyticsEvent.__table__), events)
