"""Import every model module here so Alembic and the tests see all tables."""

from bot.db.models import Conversation, Message  # noqa: F401
