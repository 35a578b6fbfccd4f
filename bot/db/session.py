"""Engine and session factory. The request owns the transaction; services only flush."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import get_settings


def make_engine(url: str) -> Engine:
    """The app's engine. `hide_parameters`: an error names the SQL, never the values (names,
    messages, phone numbers), so none of them reaches the logs."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 15}, hide_parameters=True
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @event.listens_for(engine, "checkout")
        def _full_durability(dbapi_connection, _record, _proxy):  # pragma: no cover - trivial
            # FULL: a committed enquiry survives a power cut as well as a process kill. Set on
            # every checkout, so a connection the chat path relaxed never carries that over.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True
    )


def relax_durability(db: Session) -> None:
    """For the chat transcript's own transactions only: commit without waiting for the disk.

    Nothing is lost when a process is killed or restarted (the write has reached the operating
    system); a power cut or an operating-system crash could lose the last moments of chat
    transcripts, never an enquiry: enquiries, staff actions and everything else keep full
    durability, and their commits also make every earlier transcript write durable. SQLite in WAL
    mode stays consistent either way. Call it at the start of each transaction it applies to.
    """
    connection = db.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    # Every model is registered before the first session: a relationship names its target by
    # class name ("StaffUser"), which must be importable whatever the caller imported first.
    import bot.db.all_models  # noqa: F401

    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def db_session() -> Iterator[Session]:
    """FastAPI dependency: one session per request, committed by the router, rolled back on error."""
    session = get_sessionmaker()()
    try:
        yield session
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
