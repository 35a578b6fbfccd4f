"""Starts Rasa exactly as `rasa <arguments>` would, after three fixes measured to matter. Run with
the Rasa environment's Python (`make run` and the tests do):

    .venv-rasa/bin/python -m scripts.rasa_server run --enable-api ... --endpoints endpoints.yml

Profiled under load (py-spy on the running server, 10 concurrent conversations, 2 cores):

1. Checking our action endpoint's replies. For every custom-action reply Rasa 3.6 calls
   `jsonschema.validate(reply, spec)`, and `jsonschema.validate` first checks the *schema
   itself* against the JSON Schema meta-schema — the same unchanging schema, every call. That
   check was 47% of Rasa's time per message (about 60 ms per action call here). Now the schema
   is checked once at start-up and one validator is kept: every reply is still validated
   against the same schema and a bad reply still fails the same way.

2. The SQLite tracker store (the default, single-machine set-up; production uses PostgreSQL).
   Rasa opens a new SQLite connection for each read and save and closes it again, with SQLite's
   defaults: a rollback journal and an fsync on every commit, and closing the last connection
   checkpoints the file. That was about half of what remained of Rasa's time per message
   (a save cycle measured at 14 ms here). Now the file uses write-ahead logging, Rasa's
   connections use synchronous=NORMAL, and one connection stays open for the life of the
   process so that a close does not checkpoint. With NORMAL in WAL mode the database cannot be
   corrupted, and a process crash loses nothing; a power cut could lose the last moments of a
   conversation's *Rasa state* — never a message or an enquiry, which the app stores in its own
   database with synchronous=FULL. The same cycle then takes about 0.3 ms.

3. TensorFlow's thread pools. By default TensorFlow sizes its pools to the machine's cores and
   hands every small DIET prediction to them; with the app, Rasa and the database sharing two
   cores that costs more than it gains. One thread each (set here unless the environment
   already sets them) took Rasa from 15 to 26 messages a second at 10 concurrent
   conversations in one measurement on this machine (scripts/bench_chat.py).

Without `--auth-token`, `run` takes the token from RASA_TOKEN (so `make serve` keeps it off
the command line, where `ps` shows it to every user of the machine).

Nothing else in Rasa is changed. The process is also bound to its own core unless
CPU_LAYOUT=none (bot/core/cpu_layout.py explains why).
"""

from __future__ import annotations

import os
import sqlite3
import sys

_keep_open: list[sqlite3.Connection] = []


def cache_action_reply_validator() -> None:
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(spec)
    validator_class.check_schema(spec)  # once, at start-up
    validator = validator_class(spec)

    def _validate_action_result(self, result):  # noqa: ANN001, ANN202 - Rasa's signature
        try:
            validator.validate(result)
            return True
        except ValidationError as error:
            error.message += (
                ". Failed to validate Action server response from API, "
                "make sure your response from the Action endpoint is valid."
            )
            raise error

    RemoteAction._validate_action_result = _validate_action_result


def sqlite_tracker_path(endpoints_file: str | None) -> str | None:
    """The SQLite file of the tracker store in the endpoints file, or None if it is not SQLite."""
    if not endpoints_file:
        return None
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(endpoints_file, "tracker_store")
    if config is None or config.type != "SQL":
        return None
    kwargs = config.kwargs or {}
    if kwargs.get("dialect", "sqlite") != "sqlite" or kwargs.get("url"):
        return None
    return kwargs.get("db") or "rasa.db"


def tune_sqlite_tracker_store(path: str) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    keeper = sqlite3.connect(path, check_same_thread=False)
    keeper.execute("PRAGMA journal_mode=WAL")  # a property of the file: stays set
    _keep_open.append(keeper)

    @event.listens_for(Engine, "connect")
    def _sqlite_normal_sync(dbapi_connection, _record):  # noqa: ANN001, ANN202
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def argument(name: str, argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    argv = sys.argv[1:]
    from bot.core.cpu_layout import apply

    apply("rasa")
    for name in ("TF_INTRA_OP_PARALLELISM_THREADS", "TF_INTER_OP_PARALLELISM_THREADS"):
        os.environ.setdefault(name, "1")
    cache_action_reply_validator()
    if (
        argv[:1] == ["run"]
        and argument("--auth-token", argv) is None
        and os.environ.get("RASA_TOKEN")
    ):
        # `make serve` leaves the token off the command line, where `ps` would show it.
        argv += ["--auth-token", os.environ["RASA_TOKEN"]]
    if argv[:1] == ["run"]:
        path = sqlite_tracker_path(argument("--endpoints", argv) or "endpoints.yml")
        if path:
            tune_sqlite_tracker_store(path)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
