"""A stored conversation in the app's database, for the tests that need one (hand-off actions,
staff pages, object access)."""

from __future__ import annotations

from bot.db.models import Conversation, Message
from bot.db.session import get_sessionmaker


def stored_conversation(*texts: tuple[str, str]) -> str:
    """A conversation with messages (sender, text) in the app's database; returns its id."""
    with get_sessionmaker()() as db:
        conversation = Conversation(arrangement="sgo", needs=["housing"])
        db.add(conversation)
        db.flush()
        for sender, text in texts:
            db.add(Message(conversation_id=conversation.id, sender=sender, text=text))
        db.commit()
        return conversation.id
