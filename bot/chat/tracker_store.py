"""Deletes what Rasa keeps of a conversation, for erasure on request and for retention.

Rasa keeps every event of every conversation in its tracker store: each message as it was
typed, the slots (the carer's name and phone number among them) and each reply. With the SQL
tracker store (endpoints.yml: an SQLite file; endpoints.production.yml: PostgreSQL) that is
one row per event in the table `events`, keyed by `sender_id`, which is the app's conversation
id. Clearing the app's own database leaves all of that in place: this module deletes it.

It finds the database the way Rasa does: the `tracker_store` of the endpoints file Rasa is
started with (RASA_ENDPOINTS), its ${...} filled in from the same settings (RASA_TRACKER_DB,
RASA_TRACKER_URL) and environment. A relative SQLite path is read from the project folder,
where Rasa runs. SQLite overwrites the deleted rows with zeros (`secure_delete`), so they do
not stay readable in the file's free pages.

A tracker store that does not exist yet (no database file, no database, no `events` table)
holds nothing: that is not an error. Anything else that stops the deletion is logged and
raises `TrackerStoreError`, so that nobody is told data was erased when it was not.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sqlalchemy import Engine, column, create_engine, delete, event, inspect, table
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.settings import PROJECT_ROOT, Settings, get_settings

log = logging.getLogger("bot.tracker_store")

# Rasa 3.6's SQLTrackerStore.SQLEvent (rasa/core/tracker_store.py): only the columns used here.
EVENTS = table("events", column("sender_id"), column("timestamp"))
BATCH = 500  # conversation ids per DELETE (well under SQLite's limit on bound values)
_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_NO_SUCH_DATABASE = "3D000"  # PostgreSQL's error code for "database does not exist"
_NO_DATABASE_WORDS = re.compile(r'FATAL:\s+database ".*" does not exist')


class TrackerStoreError(Exception):
    """Rasa's tracker store could not be cleaned: what was asked is NOT deleted there."""


def delete_events(
    conversation_ids: Iterable[str | None] = (),
    *,
    before: dt.datetime | None = None,
    settings: Settings | None = None,
) -> int:
    """Delete every event Rasa keeps of these conversations and, with `before`, every event
    older than that time (whichever conversation it belongs to), in one transaction.

    Returns how many rows were deleted (0 when the tracker store does not exist yet). Raises
    TrackerStoreError when the deletion could not be done.
    """
    ids = sorted({cid for cid in conversation_ids if cid})
    if not ids and before is None:
        return 0
    try:
        url = tracker_store_url(settings or get_settings())
        if url is None:
            return 0
        return _delete(url, ids, before)
    except TrackerStoreError:
        log.exception("Rasa's tracker store could not be cleaned")
        raise
    except Exception as exc:
        if isinstance(exc, SQLAlchemyError) and _no_such_database(exc):
            return 0
        log.exception("Rasa's tracker store could not be cleaned")
        raise TrackerStoreError(
            f"Rasa's tracker store could not be cleaned ({type(exc).__name__}): "
            "what it keeps of the conversation is still there."
        ) from exc


def tracker_store_url(settings: Settings, environ: Mapping[str, str] | None = None) -> URL | None:
    """The database Rasa keeps conversations in, as Rasa works it out from its endpoints file;
    None when Rasa keeps them in memory only (no `tracker_store`, or SQLite in memory)."""
    path = _in_project(settings.rasa_endpoints)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TrackerStoreError(f"Rasa's endpoints file {path} could not be read: {exc}") from exc
    store = config.get("tracker_store")
    if not store:
        return None
    values = {
        **(os.environ if environ is None else environ),
        "RASA_TRACKER_DB": settings.rasa_tracker_db,
        "RASA_TRACKER_URL": settings.rasa_tracker_url,
    }
    store = {key: _fill(value, values) for key, value in store.items()}
    kind = str(store.get("type") or store.get("store_type") or "").lower()
    if not kind:
        return None
    if kind != "sql":
        raise TrackerStoreError(
            f"Rasa's tracker store is of type '{kind}' ({path}): the app can only delete "
            "conversations from Rasa's SQL tracker store."
        )
    try:
        url = _rasa_url(store)
    except (ArgumentError, ValueError) as exc:
        raise TrackerStoreError(f"Rasa's tracker store address in {path} is not valid") from exc
    return _for_this_app(url)


def _fill(value: Any, values: Mapping[str, str]) -> Any:
    """${NAME} in a value replaced as Rasa does it; a name that is not set is an error."""
    if not isinstance(value, str):
        return value

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise TrackerStoreError(f"{name} is not set (Rasa's tracker store needs it)")
        return values[name]

    return _VARIABLE.sub(replace, value)


def _rasa_url(store: dict[str, Any]) -> URL | None:
    """SQLTrackerStore.get_db_url of Rasa 3.6: the endpoint's `url` is its `host`, and a
    complete URL there wins. With `login_db`, Rasa logs in there and keeps events in `db`."""
    host = store.get("url") or None
    if host and "://" in host:
        return make_url(host)
    port = store.get("port")
    if host:
        parsed = urlsplit(f"scheme://{host}")
        port = parsed.port or port
        host = parsed.hostname or host
    dialect = store.get("dialect") or "sqlite"
    database = store.get("db", "rasa.db")
    if dialect == "sqlite" and database in ("", ":memory:", None):
        return None
    return URL.create(
        dialect,
        username=store.get("username"),
        password=store.get("password"),
        host=host,
        port=int(port) if port not in (None, "") else None,
        database=str(database),
        query=store.get("query") or {},
    )


def _for_this_app(url: URL | None) -> URL | None:
    """The same database, opened from the app: a relative SQLite path from the project folder
    (where Rasa runs) and psycopg 3 (the app's driver) for PostgreSQL."""
    if url is None:
        return None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return url.set(drivername="sqlite", database=str(_in_project(url.database)))
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


def _in_project(path: str) -> Path:
    return Path(path) if Path(path).is_absolute() else PROJECT_ROOT / path


def _delete(url: URL, ids: list[str], before: dt.datetime | None) -> int:
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite and not Path(url.database).exists():
        return 0  # Rasa has not stored anything yet (and connecting would create the file)
    engine = _engine(url)
    try:
        with engine.begin() as connection:
            if not inspect(connection).has_table("events"):
                return 0
            deleted = 0
            for start in range(0, len(ids), BATCH):
                chunk = ids[start : start + BATCH]
                deleted += connection.execute(
                    delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk))
                ).rowcount
            if before is not None:
                if before.tzinfo is None:
                    before = before.replace(tzinfo=dt.UTC)
                deleted += connection.execute(
                    delete(EVENTS).where(EVENTS.c.timestamp < before.timestamp())
                ).rowcount
        if sqlite and deleted:
            with engine.connect() as connection:
                # In WAL mode the old pages wait in the -wal file until a checkpoint: write
                # them back now (nothing happens in Rasa's default rollback-journal mode).
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted
    finally:
        engine.dispose()


def _engine(url: URL) -> Engine:
    """A one-off connection (no pool): erasure and retention are rare."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url, poolclass=NullPool, connect_args={"timeout": 30}, hide_parameters=True
        )

        @event.listens_for(engine, "connect")
        def _overwrite_deleted_rows(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = 10
        schema = os.environ.get("POSTGRESQL_SCHEMA")  # Rasa reads the same variable
        if schema:
            connect_args["options"] = f"-csearch_path={schema}"
    return create_engine(url, poolclass=NullPool, connect_args=connect_args, hide_parameters=True)


def _no_such_database(exc: SQLAlchemyError) -> bool:
    """PostgreSQL: the tracker database has not been created yet (Rasa creates its tables on
    its first start, and with `login_db` the database too). A failed connection carries no
    error code in psycopg 3, only the server's words (in English unless the server is set up
    otherwise; then it is reported as a failure, which is the safe side)."""
    original = getattr(exc, "orig", None)
    if getattr(original, "sqlstate", None) == _NO_SUCH_DATABASE:
        return True
    return bool(_NO_DATABASE_WORDS.search(str(original)))
