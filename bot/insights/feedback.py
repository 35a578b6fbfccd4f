"""Feedback from the widget: "Did this help?" at the end of a conversation, and "Was this
useful?" on each section card.

    POST /api/chat/sessions/{session_id}/feedback  {"helpful": true, "comment": "...", "section_id": "housing"}

The comment is redacted before it is stored (plus any name given in the hand-off form). One
answer per conversation and section: a second one replaces the first.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.service import find_conversation
from bot.core.deps import DbSession
from bot.core.ratelimit import address_key
from bot.db.base import utcnow
from bot.db.models import Conversation
from bot.insights.models import AnalyticsEvent, Feedback
from bot.insights.recording import known_names, redacted
from bot.offer.loader import get_offer

MAX_COMMENT_CHARS = 500

router = APIRouter(prefix="/api/chat", tags=["chat"])


class FeedbackIn(BaseModel):
    helpful: bool
    comment: str | None = None
    section_id: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_words(cls, data: Any) -> Any:
        # Checked here so that every problem gets a message written for people.
        if not isinstance(data, dict):
            raise ValueError('Send a JSON object like {"helpful": true}.')
        if not isinstance(data.get("helpful"), bool):
            raise ValueError("Please say whether this helped: yes (true) or no (false).")
        comment = data.get("comment")
        if comment is not None:
            if not isinstance(comment, str):
                raise ValueError("The comment must be text.")
            if len(comment) > MAX_COMMENT_CHARS:
                raise ValueError(f"Please keep your comment under {MAX_COMMENT_CHARS} characters.")
        section = data.get("section_id")
        if section is not None and (
            not isinstance(section, str) or section not in get_offer().sections
        ):
            raise ValueError("That is not a section of the offer.")
        return data


class FeedbackSaved(BaseModel):
    saved: bool = True


class FeedbackPhrases(BaseModel):
    """The widget's feedback words (from offer_content/dialogue.yml), and the assistant's own
    end-of-conversation replies, after which the widget asks "Did this help?"."""

    question: str
    yes: str
    no: str
    comment_label: str
    send: str
    skip: str
    thanks: str
    section_question: str
    end_texts: list[str]


DEFAULT_PHRASES = {
    "feedback_question": "Did this help you?",
    "feedback_yes": "Yes",
    "feedback_no": "No",
    "feedback_comment_label": "Anything you want to tell us? (optional, do not include names or contact details)",
    "feedback_send": "Send",
    "feedback_skip": "Skip",
    "feedback_thanks": "Thank you for your feedback.",
    "feedback_section_question": "Was this useful?",
}


def phrases() -> FeedbackPhrases:
    dialogue = get_offer().dialogue
    words = {k: dialogue.get(k, v) for k, v in DEFAULT_PHRASES.items()}
    return FeedbackPhrases(
        **{k.removeprefix("feedback_"): v for k, v in words.items()},
        end_texts=[dialogue[k] for k in ("goodbye", "thanks") if k in dialogue],
    )


def save_feedback(db: Session, conversation: Conversation, body: FeedbackIn) -> Feedback:
    section_id = body.section_id or ""
    comment = (body.comment or "").strip()
    comment = redacted(comment, known_names(db, conversation.id)) if comment else None
    feedback = db.scalar(
        select(Feedback).where(
            Feedback.conversation_id == conversation.id, Feedback.section_id == section_id
        )
    )
    if feedback is None:
        feedback = Feedback(conversation_id=conversation.id, section_id=section_id)
        db.add(feedback)
        db.add(
            AnalyticsEvent(
                conversation_id=conversation.id,
                event_type="feedback",
                value="helpful" if body.helpful else "not_helpful",
                at=utcnow(),
                out_of_hours=bool(conversation.out_of_hours),
            )
        )
    feedback.helpful = body.helpful
    if body.comment is not None:
        feedback.comment = comment
    feedback.at = utcnow()
    feedback.out_of_hours = bool(conversation.out_of_hours)
    db.flush()
    return feedback


@router.get("/feedback/phrases", response_model=FeedbackPhrases)
def feedback_phrases() -> FeedbackPhrases:
    return phrases()


@router.post(
    "/sessions/{session_id}/feedback",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedbackSaved,
    responses={
        404: {"description": "Unknown session"},
        422: {"description": "Not a yes/no answer, comment too long, or unknown section"},
        429: {"description": "Too many requests in a short time"},
    },
)
def post_feedback(
    request: Request, session_id: str, body: FeedbackIn, db: DbSession
) -> FeedbackSaved:
    limits = request.app.state.limits
    # By address key, as the chat counts (an IPv6 address by its /64), never the raw address.
    limits.per_address.check(address_key(request.client.host if request.client else "unknown"))
    limits.per_session.check(session_id[:64])
    conversation = find_conversation(db, session_id)
    save_feedback(db, conversation, body)
    db.commit()
    return FeedbackSaved()
