"""`python -m bot.db.migrate` — bring the database named by DATABASE_URL up to date."""

from __future__ import annotations

import sys

from alembic import command
from alembic.config import Config

from bot.settings import PROJECT_ROOT


def upgrade(database_url: str | None = None) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    if database_url:
        config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


if __name__ == "__main__":
    upgrade(sys.argv[1] if len(sys.argv) > 1 else None)
