"""A conversation as the chat would leave it, for the summary tests: sections shown, the
family's arrangement, the person's own words (with a name and a phone number in them) and,
if wanted, an enquiry made from the chat. Made in the app's database directly: no Rasa runs
in these tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from bot.chat.service import create_conversation
from bot.db.base import utcnow
from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry

# What the person typed and gave in the hand-off: none of it may reach a summary.
NAME = "Margaret Thistlewood"
PHONE = "07700 900123"
EMAIL = "margaret.t@example.org"
TYPED = f"My name is {NAME}, call me on {PHONE} or {EMAIL}. My grandson Kai is 7."
CARER_WORDS = "Kai has not slept properly since he came to us in March."
PERSONAL = [NAME, "Margaret", "Thistlewood", PHONE, "07700900123", EMAIL, "Kai", "March"]

# The three sections whose summaries are longest for a special guardian (the print test's
# hardest case for one A4 page).
LONGEST_FOR_SGO = ["financial-support", "education", "therapeutic-support"]


@dataclass
class Chat:
    session_id: str
    conversation_id: str
    reference: str | None


def chat_that_showed(
    sections: list[str],
    arrangement: str = "unknown",
    audience: str = "carer",
    enquiry: bool = False,
) -> Chat:
    with get_sessionmaker()() as db:
        conversation = create_conversation(db)
        db.add(Message(conversation_id=conversation.id, sender="user", text=TYPED, kind="text"))
        for section_id in sections:
            db.add(
                Message(
                    conversation_id=conversation.id,
                    sender="bot",
                    text=f"Here is what the offer says ({section_id}).",
                    kind="section",
                    sections=[section_id],
                )
            )
        db.execute(
            update(Conversation)
            .where(Conversation.id == conversation.id)
            .values(
                sections_shown=list(sections),
                arrangement=arrangement,
                audience=audience,
                last_activity_at=utcnow(),
            )
        )
        reference = None
        if enquiry:
            reference = create_enquiry(
                db,
                EnquiryDraft(
                    contact_method="phone",
                    contact_value=PHONE,
                    name=NAME,
                    best_time="after 6pm",
                    carer_words=CARER_WORDS,
                    conversation_id=conversation.id,
                    arrangement=arrangement,
                    sections_shown=list(sections),
                ),
            ).reference
        db.commit()
        return Chat(conversation.session_key, conversation.id, reference)


def last_activity(conversation_id: str):
    with get_sessionmaker()() as db:
        return db.scalar(
            select(Conversation.last_activity_at).where(Conversation.id == conversation_id)
        )
