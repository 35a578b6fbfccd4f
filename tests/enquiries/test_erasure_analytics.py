"""Erasure on request also removes the person's redacted words kept for analytics."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Conversation
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.service import erase
from bot.insights.models import Feedback, UnansweredQuestion
from tests.staff.conftest import add_enquiry


def test_erase_removes_unanswered_questions_and_feedback_of_that_conversation_only():
    with get_sessionmaker()() as db:
        conversation = Conversation()
        db.add(conversation)
        db.flush()
        cid = conversation.id
        db.add(UnansweredQuestion(conversation_id=cid, text="where is [POSTCODE] office"))
        db.add(Feedback(conversation_id=cid, helpful=False, comment="not for [NAME]"))
        db.add(UnansweredQuestion(conversation_id="someone-else", text="other"))
        db.commit()
    enquiry_id = add_enquiry(conversation_id=cid)
    with get_sessionmaker()() as db:
        erase(db, db.get(Enquiry, enquiry_id))
        db.commit()
        assert (
            db.scalars(
                select(UnansweredQuestion).where(UnansweredQuestion.conversation_id == cid)
            ).all()
            == []
        )
        assert db.scalars(select(Feedback).where(Feedback.conversation_id == cid)).all() == []
        assert db.scalars(
            select(UnansweredQuestion).where(UnansweredQuestion.conversation_id == "someone-else")
        ).all()
