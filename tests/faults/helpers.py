"""Shared by the fault tests: what the database holds after the processes have stopped."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def stored_references(database_url: str) -> set[str]:
    """The reference of every enquiry in the database."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text("SELECT reference FROM enquiry")).scalars())
    finally:
        engine.dispose()
