"""Back up, and restore, every store the assistant keeps (issue 22; docs/production.md §9).

    python -m scripts.backup create [--to DIR]        # make backup [DIR=...]
    python -m scripts.backup restore FILE [--force]   # make restore FILE=... [FORCE=1]
    python -m scripts.backup show FILE                # what a backup holds, without restoring

One archive, `kinship-backup-<UTC date and time>.tar.gz`, mode 600, in --to, BACKUP_DIR or
~/kinship-backups (never var/: `make clean` deletes it); encrypted, as `...tar.gz.enc`, when
BACKUP_KEY is set (scripts/backup_crypto.py), which production requires. It holds:

- the app's database (DATABASE_URL, as the app reads it: an SQLite file, copied with SQLite's
  online backup, or PostgreSQL, with `pg_dump -Fc`);
- Rasa's tracker store, found as the app finds it (RASA_ENDPOINTS, RASA_TRACKER_DB,
  RASA_TRACKER_URL; bot/chat/tracker_store.py): an SQLite file or PostgreSQL, the same way;
- the content pack (CONTENT_DIR, default offer_content/);
- manifest.json: when, from which code (git commit, Alembic revision), with which versions, a
  checksum of every file and the number of rows in every table.

Both can run while the assistant runs (SQLite's backup and pg_dump read a consistent copy).
Restoring needs the assistant stopped. It refuses, changing nothing, when the archive is
damaged, was made by a newer version of the code, holds a different kind of database than the
one configured, or would overwrite a database that holds data (or a different content pack)
unless --force is given. Then it restores, migrates to this code's revision if the backup is
older, checks the restored row counts against the manifest, re-applies every erasure on request
and clears again every chat the person cleared ("Clear this chat"), as recorded in the database
it replaced, runs the retention sweep (bot/enquiries/retention.py) and says what it did, in
plain words.

Settings come from the environment, then from ENV_FILE (default .env), as `make serve` reads
them. The archive holds personal data: with ENVIRONMENT=production `create` refuses to write
it unencrypted, and `restore` reads an encrypted one only with the BACKUP_KEY it was made with
(asked for when it is not set and someone is at the terminal). Archives made before encryption
existed, or without a key outside production, still restore.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # so `python scripts/backup.py` works too
    sys.path.insert(0, str(ROOT))

FORMAT = "kinship-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content"  # the content pack's folder inside the archive
# Tables that hold nothing to keep: a freshly migrated database, or one an app started on once,
# still counts as empty (outbox_instance: the running app processes' heartbeats).
HOUSEKEEPING_TABLES = {"alembic_version", "outbox_instance"}
PLAIN_NAMES = {
    "conversation": "conversations",
    "message": "chat messages",
    "enquiry": "enquiries",
    "enquiry_note": "Navigators' notes",
    "staff_user": "staff accounts",
    "staff_session": "staff sessions",
    "staff_reset_code": "password reset codes",
    "staff_device": "remembered staff browsers",
    "audit_entry": "audit log entries",
    "outbox_mail": "notification mails",
    "outbox_instance": "mail sender heartbeats",
    "analytics_event": "analytics events",
    "unanswered_question": "unanswered questions",
    "feedback": "feedback answers",
    "alembic_version": "schema version rows",
    "summary_link": "summary links",
    "events": "Rasa conversation events",
}


class Refused(Exception):
    """Nothing was changed; the message says why, in plain words."""


def say(text: str = "") -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------- settings


def load_env_file() -> None:
    """ENV_FILE (default .env) fills in what the environment does not set (as make serve)."""
    path = Path(os.environ.get("ENV_FILE") or ROOT / ".env")
    if not path.is_file():
        return
    from dotenv import dotenv_values

    for key, value in dotenv_values(path).items():
        if key not in os.environ and value is not None:
            os.environ[key] = value


@dataclass
class Store:
    """A database the system keeps: `key` names it in the archive and the manifest."""

    key: str
    label: str
    url: object | None  # sqlalchemy URL; None: not kept anywhere (or not configured)

    @property
    def kind(self) -> str:
        if self.url is None:
            return "none"
        backend = self.url.get_backend_name()
        return "postgresql" if backend in ("postgresql", "postgres") else backend

    @property
    def where(self) -> str:
        if self.url is None:
            return "nowhere"
        if self.kind == "sqlite":
            return self.url.database
        return self.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path:
        return Path(self.url.database)


def current_stores() -> list[Store]:
    from sqlalchemy.engine import make_url

    from bot.chat.tracker_store import tracker_store_url
    from bot.settings import get_settings

    settings = get_settings()
    app_url = make_url(settings.database_url)
    if app_url.get_backend_name() == "sqlite" and app_url.database in (None, "", ":memory:"):
        app_url = None
    return [
        Store("app_database", "the app's database", app_url),
        Store("rasa_tracker", "Rasa's tracker store", tracker_store_url(settings)),
    ]


def content_dir() -> Path:
    from bot.offer.loader import content_dir_from_env

    path = content_dir_from_env()
    return path if path.is_absolute() else ROOT / path


# --------------------------------------------------------------------------- encryption


def crypto():
    """scripts/backup_crypto.py, or a plain refusal where `make install` has not been run since
    it needs the cryptography package."""
    try:
        from scripts import backup_crypto
    except ImportError as exc:
        raise Refused(
            f"the cryptography package is missing ({exc}): run `make install`, then try again."
        ) from None
    return backup_crypto


def key_for_backup() -> str | None:
    """BACKUP_KEY, checked before anything is written. None when it is not set, which only
    development and test may do (with a warning)."""
    from bot.settings import get_settings, is_placeholder

    key = os.environ.get("BACKUP_KEY", "")
    if not key.strip():
        if get_settings().environment == "production":
            raise Refused(
                "BACKUP_KEY is not set, and a production backup must be encrypted (it holds "
                "carers' names, phone numbers and messages). Set BACKUP_KEY in .env or the "
                "service's environment to a passphrase of 16 characters or more (e.g. the "
                "output of `openssl rand -base64 32`), and keep a copy of it somewhere other "
                "than the backups: without it they cannot be restored (docs/production.md §9)."
            )
        print(
            "WARNING: BACKUP_KEY is not set, so this backup is NOT encrypted. Set it "
            "(.env.example) before keeping backups anywhere; production refuses without it.",
            file=sys.stderr,
            flush=True,
        )
        return None
    backup_crypto = crypto()
    try:
        backup_crypto.check_key(key)
    except backup_crypto.KeyRefused as exc:
        raise Refused(str(exc)) from None
    if is_placeholder(key):
        raise Refused("BACKUP_KEY is a placeholder: set a long random passphrase.")
    return key


def key_for_restore(archive: Path) -> str:
    """BACKUP_KEY; asked for when it is not set and someone is at the terminal (so it need not
    be written in .env or the shell's history on the machine that restores)."""
    key = os.environ.get("BACKUP_KEY", "")
    if not key and sys.stdin.isatty():
        import getpass

        try:
            key = getpass.getpass(f"{archive.name} is encrypted. Its passphrase (BACKUP_KEY): ")
        except (EOFError, KeyboardInterrupt):
            key = ""
    if not key:
        raise Refused(
            f"{archive} is encrypted, and BACKUP_KEY is not set: set it to the passphrase the "
            "backup was made with (in .env or the environment), or run this at a terminal to "
            "be asked for it. Nothing was changed."
        )
    return key


def unsealed(archive: Path) -> io.BytesIO | None:
    """The archive decrypted, in memory, when it is encrypted (recognised by its header);
    None when it is a plain .tar.gz (as every backup made before encryption)."""
    backup_crypto = crypto()
    try:
        with archive.open("rb") as handle:
            if not backup_crypto.is_encrypted(handle.read(len(backup_crypto.MAGIC))):
                return None
            handle.seek(0)
            sealed = handle.read()
    except OSError as exc:
        raise Refused(f"{archive} cannot be read ({exc}).") from None
    key = key_for_restore(archive)
    try:
        return io.BytesIO(backup_crypto.decrypt(sealed, key))
    except backup_crypto.KeyRefused:
        raise Refused(
            f"{archive} could not be decrypted: BACKUP_KEY is shorter than "
            f"{backup_crypto.MIN_KEY_CHARS} characters, so it is not the passphrase any backup "
            "was made with. Nothing was changed."
        ) from None
    except backup_crypto.Unreadable as exc:
        raise Refused(f"{archive} could not be decrypted: {exc} Nothing was changed.") from None


# --------------------------------------------------------------------------- small helpers


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    )


def content_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in content_files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(sha256_of(path).encode() + b"\n")
    return digest.hexdigest()


def plain_counts(tables: dict[str, int]) -> str:
    shown = [
        f"{count} {PLAIN_NAMES.get(name, name)}"
        for name, count in sorted(tables.items())
        if name not in HOUSEKEEPING_TABLES and count
    ]
    return ", ".join(shown) or "no rows (empty)"


def git_commit() -> dict:
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {"git_commit": None, "git_changes": None}
    return {"git_commit": commit or None, "git_changes": bool(dirty) if commit else None}


def alembic_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini"))).get_current_head()


def alembic_known(revision: str | None) -> bool:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    if revision is None:
        return True
    script = ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini")))
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False


def port_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


# --------------------------------------------------------------------------- SQL: counts


def _engine(url):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    connect_args = {"connect_timeout": 10} if url.get_backend_name() != "sqlite" else {}
    return create_engine(url, poolclass=NullPool, connect_args=connect_args, hide_parameters=True)


def _quoted(connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def table_counts(connection) -> dict[str, int]:
    """Rows in every table of the connection's default schema."""
    from sqlalchemy import inspect

    counts = {}
    for name in inspect(connection).get_table_names():
        counts[name] = connection.exec_driver_sql(
            f"SELECT count(*) FROM {_quoted(connection, name)}"
        ).scalar_one()
    return counts


def alembic_revision(connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def sqlite_counts(path: Path) -> tuple[dict[str, int], str | None]:
    from sqlalchemy.engine import URL

    engine = _engine(URL.create("sqlite", database=str(path)))
    try:
        with engine.connect() as connection:
            return table_counts(connection), alembic_revision(connection)
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- PostgreSQL tools


def pg_bin(tool: str) -> str:
    """The newest PostgreSQL client (Debian: /usr/lib/postgresql/<major>/bin), or PG_BIN, or
    the one on the PATH: pg_dump must be at least as new as the server."""
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / tool)
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if found:
        return str(found[-1])
    on_path = shutil.which(tool)
    if on_path:
        return on_path
    raise Refused(
        f"{tool} is not installed: it comes with PostgreSQL's client programs "
        "(apt-get install postgresql-client), or set PG_BIN to the folder that holds it."
    )


def pg_tool_major(tool: str) -> int:
    out = subprocess.run([pg_bin(tool), "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def libpq(url) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment that carries it
    (a password never goes on a command line, where `ps` shows it)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    schema = os.environ.get("POSTGRESQL_SCHEMA")
    if schema:
        env["PGOPTIONS"] = f"-csearch_path={schema}"
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str], what: str, **kwargs) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")


# --------------------------------------------------------------------------- backup


def backup_sqlite(store: Store, target: Path) -> dict:
    if not store.path.exists():
        return {"kind": "none", "why": f"there is no database file at {store.path} yet"}
    source = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)  # a consistent copy, while the app keeps writing
        finally:
            destination.close()
    finally:
        source.close()
    counts, revision = sqlite_counts(target)
    return {"kind": "sqlite", "tables": counts, "alembic_revision": revision}


def backup_postgres(store: Store, target: Path) -> dict:
    """pg_dump of the very snapshot the rows are counted in (--snapshot), so the manifest's
    counts are exactly what the dump holds."""
    from sqlalchemy.exc import OperationalError

    engine = _engine(store.url)
    dsn, env = libpq(store.url)
    try:
        try:
            connection = engine.connect()
        except OperationalError as exc:
            if "does not exist" in str(exc.orig):
                return {"kind": "none", "why": f"the database {store.url.database} does not exist"}
            raise RuntimeError(f"{store.label} could not be reached: {exc.orig}") from None
        with connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
                server = connection.exec_driver_sql("SHOW server_version").scalar_one()
                counts = table_counts(connection)
                revision = alembic_revision(connection)
                _run(
                    [pg_bin("pg_dump"), "--format=custom", f"--snapshot={snapshot}",
                     f"--file={target}", f"--dbname={dsn}"],
                    env,
                    f"pg_dump of {store.label}",
                )  # fmt: skip
    finally:
        engine.dispose()
    return {
        "kind": "postgresql",
        "tables": counts,
        "alembic_revision": revision,
        "server_version": server,
        "pg_dump_major": pg_tool_major("pg_dump"),
    }


def backup_dir(requested: str | None) -> Path:
    folder = Path(requested or os.environ.get("BACKUP_DIR") or Path.home() / "kinship-backups")
    folder = folder.expanduser().resolve()
    if folder == ROOT / "var" or ROOT / "var" in folder.parents:
        raise Refused(
            f"{folder} is inside var/, which `make clean` deletes: choose another folder "
            "(DIR=... or BACKUP_DIR)."
        )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def create(args: argparse.Namespace) -> Path:
    key = key_for_backup()
    folder = backup_dir(args.to)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    final = folder / f"kinship-backup-{now.strftime('%Y%m%dT%H%M%SZ')}.tar.gz"
    if key:
        final = final.with_name(final.name + crypto().SUFFIX)
    if final.exists():
        raise Refused(f"{final} exists already: wait a second and try again.")
    os.umask(0o077)
    stores = current_stores()
    manifest: dict = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": now.isoformat().replace("+00:00", "Z"),
        "host": socket.gethostname(),
        **git_commit(),
        "alembic_head": alembic_head(),
        "versions": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
        },
        "stores": {},
    }
    # Encrypted, the databases' copies are staged in the system's temporary folder, so nothing
    # readable is ever written where the backups are kept (often a mounted backup store).
    staging_parent = None if key else folder
    with tempfile.TemporaryDirectory(prefix=".kinship-backup-", dir=staging_parent) as staging:
        staging = Path(staging)
        files: list[tuple[Path, str]] = []
        for store in stores:
            if store.kind == "sqlite":
                name = f"{store.key}.sqlite"
                entry = backup_sqlite(store, staging / name)
            elif store.kind == "postgresql":
                name = f"{store.key}.pgdump"
                entry = backup_postgres(store, staging / name)
            elif store.kind == "none":
                entry = {"kind": "none", "why": "it is not kept in a database"}
            else:
                raise Refused(f"{store.label} is a {store.kind} database: not supported.")
            entry = {"label": store.label, "where": store.where, **entry}
            if entry["kind"] != "none":
                entry["file"] = name
                entry["sha256"] = sha256_of(staging / name)
                files.append((staging / name, name))
            manifest["stores"][store.key] = entry
        app = manifest["stores"]["app_database"]
        manifest["alembic_revision"] = app.get("alembic_revision")

        content = content_dir()
        if not content_files(content):
            raise Refused(f"the content pack at {content} is missing or empty.")
        manifest["content"] = {
            "where": str(content),
            "folder": CONTENT,
            "files": {
                p.relative_to(content).as_posix(): sha256_of(p) for p in content_files(content)
            },
            "fingerprint": content_fingerprint(content),
        }

        partial = folder / f".{final.name}.partial"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw:
                if key:
                    # Built and encrypted in memory (scripts/backup_crypto.py says why).
                    plain = io.BytesIO()
                    write_archive(plain, manifest, files, content, now)
                    backup_crypto = crypto()
                    try:
                        raw.write(backup_crypto.encrypt(plain.getvalue(), key))
                    except backup_crypto.TooBig as exc:
                        raise Refused(str(exc)) from None
                else:
                    write_archive(raw, manifest, files, content, now)
                raw.flush()
                os.fsync(raw.fileno())
            os.chmod(partial, 0o600)
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    how = "encrypted with BACKUP_KEY, " if key else ""
    size = final.stat().st_size // 1024 + 1
    say(f"Backup written: {final} ({size} KB, {how}readable by you only).")
    describe(manifest)
    if key:
        say(
            "It holds personal data, encrypted: keep it off this machine, no longer than the "
            "shortest retention period, and BACKUP_KEY somewhere other than the backups: "
            "without it they cannot be restored (docs/production.md §9)."
        )
    else:
        say(
            "It holds personal data, NOT encrypted: keep it off this machine, encrypted, and "
            "no longer than the shortest retention period (docs/production.md §9)."
        )
    return final


def write_archive(raw, manifest: dict, files: list[tuple[Path, str]], content: Path, now) -> None:
    """The .tar.gz: the manifest, the databases' copies and the content pack."""
    with tarfile.open(fileobj=raw, mode="w:gz") as tar:
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, int(now.timestamp())
        tar.addfile(info, io.BytesIO(data))
        for path, name in files:
            tar.add(path, arcname=name, recursive=False)
        for path in content_files(content):
            tar.add(path, arcname=f"{CONTENT}/{path.relative_to(content).as_posix()}")


def describe(manifest: dict) -> None:
    say(f"  made {manifest['created_at']} on {manifest.get('host')}, code {_code(manifest)}")
    for entry in manifest["stores"].values():
        if entry["kind"] == "none":
            say(f"  {entry['label']}: nothing to back up ({entry.get('why', '')})")
        else:
            revision = entry.get("alembic_revision")
            at = f", schema revision {revision}" if revision else ""
            say(
                f"  {entry['label']} ({entry['kind']}, {entry['where']}{at}): "
                f"{plain_counts(entry['tables'])}"
            )
    content = manifest["content"]
    say(f"  the content pack ({content['where']}): {len(content['files'])} files")


def _code(manifest: dict) -> str:
    commit = manifest.get("git_commit")
    if not commit:
        return "of unknown version (no git)"
    return commit[:12] + (" with local changes" if manifest.get("git_changes") else "")


# --------------------------------------------------------------------------- restore: checks


@contextmanager
def opened(archive: Path) -> Iterator[tuple[dict, Path]]:
    """The archive (decrypted first when it is encrypted) unpacked into a private folder, every
    file checked against the manifest."""
    if not archive.is_file():
        raise Refused(f"there is no backup at {archive}.")
    plain = unsealed(archive)
    with tempfile.TemporaryDirectory(prefix="kinship-restore-") as staging:
        staging = Path(staging)
        try:
            with tarfile.open(archive if plain is None else None, "r:*", fileobj=plain) as tar:
                tar.extractall(staging, filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise Refused(f"{archive} is not a readable backup ({exc}).") from None
        try:
            manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise Refused(
                f"{archive} has no readable {MANIFEST}: it is not one of our backups."
            ) from None
        if manifest.get("format") != FORMAT:
            raise Refused(f"{archive} is not a backup made by scripts/backup.py.")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise Refused(
                f"{archive} is in backup format {manifest.get('format_version')}; this code "
                f"reads format {FORMAT_VERSION}. Restore it with the version that made it "
                f"({_code(manifest)})."
            )
        damaged = [
            entry["file"]
            for entry in manifest["stores"].values()
            if entry["kind"] != "none"
            and (
                not (staging / entry["file"]).is_file()
                or sha256_of(staging / entry["file"]) != entry["sha256"]
            )
        ]
        content = staging / CONTENT
        for name, digest in manifest["content"]["files"].items():
            path = content / name
            if not path.is_file() or sha256_of(path) != digest:
                damaged.append(f"{CONTENT}/{name}")
        if damaged:
            raise Refused(
                f"{archive} is damaged: {', '.join(damaged)} do(es) not match the manifest's "
                "checksums. Use another backup."
            )
        yield manifest, staging


def check_compatible(manifest: dict, stores: list[Store]) -> None:
    revision = manifest.get("alembic_revision")
    if not alembic_known(revision):
        raise Refused(
            f"the backup's database is at schema revision {revision}, which this code does not "
            f"know: it was made by a newer version ({_code(manifest)}). Install that version, "
            "then restore."
        )
    for store in stores:
        entry = manifest["stores"].get(store.key, {"kind": "none"})
        if entry["kind"] == "none":
            continue
        if store.kind != entry["kind"]:
            raise Refused(
                f"the backup holds {store.label} as {entry['kind']}, but the settings here "
                f"keep it in {store.kind} ({store.where}). Restore onto the same kind of "
                "database (check DATABASE_URL, RASA_ENDPOINTS and RASA_TRACKER_URL)."
            )
        if entry["kind"] == "postgresql":
            made_with, here = entry.get("pg_dump_major", 0), pg_tool_major("pg_restore")
            if here < made_with:
                raise Refused(
                    f"{store.label} was dumped by pg_dump {made_with}; pg_restore here is "
                    f"version {here} and cannot read it. Install PostgreSQL {made_with}'s "
                    "client programs (or set PG_BIN)."
                )


def holdings(store: Store) -> dict[str, int] | None:
    """Rows in the store now, housekeeping tables left out; None when it does not exist."""
    from sqlalchemy.exc import OperationalError

    if store.kind == "sqlite" and not store.path.exists():
        return None
    engine = _engine(store.url)
    try:
        with engine.connect() as connection:
            counts = table_counts(connection)
    except OperationalError as exc:
        if store.kind == "postgresql" and "does not exist" in str(exc.orig):
            raise Refused(
                f"the database {store.url.database} for {store.label} does not exist: create "
                "it first (docs/production.md §6), then restore."
            ) from None
        raise Refused(f"{store.label} ({store.where}) cannot be reached: {exc.orig}") from None
    finally:
        engine.dispose()
    return {k: v for k, v in counts.items() if k not in HOUSEKEEPING_TABLES and v}


@dataclass
class Requests:
    """What people asked to have deleted, as the database about to be replaced records it."""

    erased: set[str]  # enquiries erased on request (their ids)
    # Chats cleared by the person: conversation id -> when. None: the database is older than
    # that record (schema revision 0008).
    cleared: dict[str, dt.datetime] | None
    source: str  # "read", or why they could not be read


def requests_recorded(store: Store) -> Requests:
    """The enquiries erased on request (the enquiry's flag, or the audit log) and the chats
    cleared ("Clear this chat": conversation.cleared_at) in the database about to be replaced,
    so they can be erased and cleared again after the restore."""
    from sqlalchemy import DateTime, column, inspect, select, table

    if store.url is None or (store.kind == "sqlite" and not store.path.exists()):
        return Requests(set(), {}, "there was no database before")
    engine = _engine(store.url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            tables = set(inspector.get_table_names())
            erased: set[str] = set()
            cleared: dict[str, dt.datetime] | None = None
            if "enquiry" in tables:
                erased |= set(
                    connection.exec_driver_sql(
                        "SELECT id FROM enquiry WHERE erased_on_request"
                    ).scalars()
                )
            if "audit_entry" in tables:
                erased |= set(
                    connection.exec_driver_sql(
                        "SELECT enquiry_id FROM audit_entry "
                        "WHERE action = 'erased_on_request' AND enquiry_id IS NOT NULL"
                    ).scalars()
                )
            if "conversation" in tables and "cleared_at" in {
                c["name"] for c in inspector.get_columns("conversation")
            }:
                cleared = {}
                conversation = table(
                    "conversation", column("id"), column("cleared_at", DateTime(timezone=True))
                )
                for conversation_id, at in connection.execute(
                    select(conversation.c.id, conversation.c.cleared_at).where(
                        conversation.c.cleared_at.is_not(None)
                    )
                ):
                    cleared[conversation_id] = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
            source = "read" if tables else "the database before was empty"
            return Requests(erased, cleared, source)
    except Exception as exc:  # a damaged database is often why one restores
        return Requests(set(), {}, f"the database before could not be read ({type(exc).__name__})")
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- restore: doing it


def restore_sqlite(store: Store, dump: Path) -> None:
    check = sqlite3.connect(dump)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        raise RuntimeError(f"the backup's copy of {store.label} fails SQLite's check: {result}")
    target = store.path
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o600
    partial = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(dump, partial)
    os.chmod(partial, mode)
    # A journal left by the replaced database would be replayed into the restored one.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(partial, target)


def _empty_schema_sql(store: Store) -> str:
    """DROP statements for everything in the database's current schema (tables, views,
    sequences, types), so the dump is restored into an empty one."""
    from sqlalchemy import text

    engine = _engine(store.url)
    try:
        with engine.connect() as connection:
            return "\n".join(
                connection.execute(
                    text(
                        """
SELECT format('DROP VIEW IF EXISTS %I.%I CASCADE;', schemaname, viewname)
  FROM pg_views WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP MATERIALIZED VIEW IF EXISTS %I.%I CASCADE;', schemaname, matviewname)
  FROM pg_matviews WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP TABLE IF EXISTS %I.%I CASCADE;', schemaname, tablename)
  FROM pg_tables WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP SEQUENCE IF EXISTS %I.%I CASCADE;', schemaname, sequencename)
  FROM pg_sequences WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP TYPE IF EXISTS %I.%I CASCADE;', n.nspname, t.typname)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')
"""
                    )
                ).scalars()
            )
    finally:
        engine.dispose()


def restore_postgres(store: Store, dump: Path) -> None:
    """In one transaction: empty the schema, then the dump (pg_restore's SQL, through psql).
    Any error rolls all of it back and the database is as it was."""
    dsn, env = libpq(store.url)
    prelude = _empty_schema_sql(store)
    with tempfile.TemporaryFile() as errors:
        psql = subprocess.Popen(
            [pg_bin("psql"), "--quiet", "--no-psqlrc", "--single-transaction",
             "--set=ON_ERROR_STOP=1", f"--dbname={dsn}", "--file=-"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, env=env,
        )  # fmt: skip
        pg_restore = subprocess.Popen(
            [pg_bin("pg_restore"), "--no-owner", "--no-acl", "--file=-", str(dump)],
            stdout=subprocess.PIPE, stderr=errors, env=env,
        )  # fmt: skip
        try:
            psql.stdin.write(prelude.encode() + b"\n")
            for chunk in iter(lambda: pg_restore.stdout.read(1 << 16), b""):
                psql.stdin.write(chunk)
        except BrokenPipeError:
            pass  # psql stopped at an error: reported below
        finally:
            try:
                psql.stdin.close()
            except BrokenPipeError:
                pass
        restored, applied = pg_restore.wait(), psql.wait()
        if restored != 0 or applied != 0:
            errors.seek(0)
            raise RuntimeError(
                f"restoring {store.label} failed, and nothing of it was changed: "
                + errors.read().decode(errors="replace").strip()[-2000:]
            )


def restore_content(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.restoring")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(source, partial)
    old = target.with_name(f".{target.name}.replaced")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(partial, target)
    shutil.rmtree(old, ignore_errors=True)


def reapply_erasures(ids: set[str], archive: Path) -> list[str]:
    """Erase again, in the restored database and Rasa's store, every enquiry erased on request
    in the database that was replaced. Returns their references."""
    from bot.db.session import get_sessionmaker
    from bot.enquiries import service
    from bot.enquiries.models import Enquiry
    from bot.staff import audit

    done = []
    with get_sessionmaker()() as db:
        for enquiry_id in sorted(ids):
            enquiry = db.get(Enquiry, enquiry_id)
            if enquiry is None or enquiry.erased_on_request:
                continue  # not in the backup, or erased there already
            service.erase(db, enquiry)
            audit.record(
                db, None, "erased_on_request", enquiry,
                detail=f"re-applied after restoring {archive.name}",
            )  # fmt: skip
            done.append(enquiry.reference)
        db.commit()
    return done


def reapply_clears(cleared: dict[str, dt.datetime]) -> int:
    """Clear again, in the restored database, every chat the person cleared in the database
    that was replaced and the backup still holds, as of when they cleared it; then delete
    Rasa's copy. Returns how many were cleared again. TrackerStoreError when Rasa's copy could
    not be deleted: the app's part is committed by then, and the retention sweep deletes Rasa's
    copy when it can reach the store (it retries every chat cleared within the transcripts
    period)."""
    from bot.chat import tracker_store
    from bot.chat.ending import clear
    from bot.db.models import Conversation
    from bot.db.session import get_sessionmaker
    from bot.settings import get_settings

    settings = get_settings()
    done = []
    with get_sessionmaker()() as db:
        for conversation_id, at in sorted(cleared.items()):
            conversation = db.get(Conversation, conversation_id)
            if conversation is None or conversation.cleared_at is not None:
                continue  # not in the backup, or cleared there already
            clear(db, conversation, settings, at)
            done.append(conversation_id)
        db.commit()
    tracker_store.delete_events(done, settings=settings)
    return len(done)


def restore(args: argparse.Namespace) -> None:
    archive = Path(args.file).expanduser().resolve()
    stores = current_stores()
    content = content_dir()
    with opened(archive) as (manifest, staging):
        say(f"Backup {archive.name}: checksums match its manifest.")
        describe(manifest)
        check_compatible(manifest, stores)

        if not args.even_if_running:
            host = os.environ.get("APP_HOST", "127.0.0.1")
            host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
            app_port = int(os.environ.get("APP_PORT", "8000"))
            rasa_port = int(os.environ.get("RASA_PORT", "5005"))
            for what, where, port in (
                ("the app", host, app_port),
                ("Rasa", "127.0.0.1", rasa_port),
            ):
                if port_answers(where, port):
                    raise Refused(
                        f"something answers on {where}:{port} ({what}?). Stop the assistant "
                        "first (systemctl stop, or Ctrl-C on make run / make serve): what it "
                        "wrote during the restore would be lost. If that port is something "
                        "else, add --even-if-running."
                    )

        would_overwrite = []
        for store in stores:
            entry = manifest["stores"].get(store.key, {"kind": "none"})
            if entry["kind"] == "none":
                continue
            held = holdings(store)
            if held:
                would_overwrite.append(f"{store.label} ({store.where}) holds {plain_counts(held)}")
        content_differs = (
            not args.no_content
            and content_files(content)
            and content_fingerprint(content) != manifest["content"]["fingerprint"]
        )
        if content_differs:
            would_overwrite.append(f"the content pack at {content} differs from the backup's")
        if would_overwrite and not args.force:
            raise Refused(
                "nothing was restored, because it would overwrite:\n  - "
                + "\n  - ".join(would_overwrite)
                + "\nRestore with --force (make restore FILE=... FORCE=1) to replace them"
                + (
                    ", or --no-content to keep the content pack as it is."
                    if content_differs
                    else "."
                )
            )

        app_store = stores[0]
        requested = requests_recorded(app_store)
        erased_before, erasure_source = requested.erased, requested.source

        restored: list[str] = []
        for store in stores:
            entry = manifest["stores"].get(store.key, {"kind": "none"})
            if entry["kind"] == "none":
                say(f"{store.label}: the backup holds none; left as it is.")
                continue
            dump = staging / entry["file"]
            if store.kind == "sqlite":
                restore_sqlite(store, dump)
            else:
                restore_postgres(store, dump)
            engine = _engine(store.url)
            try:
                with engine.connect() as connection:
                    counts = table_counts(connection)
            finally:
                engine.dispose()
            if counts != entry["tables"]:
                raise RuntimeError(
                    f"{store.label} was restored but its rows do not match the manifest "
                    f"(restored: {plain_counts(counts)}; backed up: "
                    f"{plain_counts(entry['tables'])}). Do not start the assistant: try the "
                    "restore again or use another backup."
                )
            restored.append(store.label)
            say(f"Restored {store.label} ({store.where}): {plain_counts(counts)}.")

        if args.no_content:
            say(f"The content pack at {content} was left as it is (--no-content).")
        elif not content_differs and content_files(content):
            say(f"The content pack at {content} is the same as the backup's: left as it is.")
        else:
            restore_content(staging / CONTENT, content)
            say(
                f"Restored the content pack to {content} ({len(manifest['content']['files'])} files)."
            )

    # From here the restored stores are in place: the app's own code finishes the job.
    from bot.db.migrate import upgrade

    revision, head = manifest.get("alembic_revision"), alembic_head()
    if manifest["stores"]["app_database"]["kind"] != "none":
        upgrade()
        if revision != head:
            say(f"Migrated the app's database from schema revision {revision} to {head}.")
        else:
            say(f"The app's database is at this code's schema revision ({head}).")

    problems = 0
    if erasure_source == "read":
        try:
            references = reapply_erasures(erased_before, archive)
        except Exception as exc:
            problems += 1
            say(
                f"ERASURES NOT RE-APPLIED ({exc}). These enquiries were erased on request in "
                "the database you replaced and must be erased again before the assistant "
                "starts (staff pages, /navigator/enquiries/<id>, Erase personal data): "
                + ", ".join(sorted(erased_before))
            )
        else:
            if references:
                say(
                    f"Re-applied {len(references)} erasure(s) on request made after the backup "
                    f"(enquiries {', '.join(references)}); the audit log records each."
                )
            else:
                say("No erasure on request was made after the backup: none to re-apply.")
    else:
        say(
            f"Erasures made after the backup could not be found: {erasure_source}. Repeat "
            f"by hand every erasure on request made since {manifest['created_at']} (your "
            "records of them, or a newer backup's audit log: action erased_on_request)."
        )

    from bot.chat.tracker_store import TrackerStoreError

    if erasure_source != "read" or requested.cleared is None:
        why = (
            erasure_source
            if erasure_source != "read"
            else "it is older than schema revision 0008, which first records them"
        )
        say(
            'Chats cleared by the person after the backup ("Clear this chat") could not be '
            f"found: {why}. They are back until the retention sweep deletes them with the "
            "transcripts period."
        )
    else:
        try:
            cleared = reapply_clears(requested.cleared)
        except TrackerStoreError as exc:
            problems += 1
            say(
                f"CLEARED CHATS STILL IN RASA'S STORE ({exc}). The chats cleared by the person "
                "after the backup are cleared again in the app's database; the retention "
                "sweep deletes Rasa's copy once it can reach the store."
            )
        except Exception as exc:
            problems += 1
            say(
                f"CLEARED CHATS NOT CLEARED AGAIN ({exc}). The person cleared these "
                "conversations after the backup; they stay until the retention sweep deletes "
                "them with the transcripts period: " + ", ".join(sorted(requested.cleared))
            )
        else:
            if cleared:
                say(
                    f"Cleared again {cleared} chat(s) the person cleared after the backup "
                    "(\"Clear this chat\"), in the app's database and Rasa's store."
                )
            else:
                say("No chat was cleared after the backup: none to clear again.")

    from bot.enquiries.retention import run_once

    try:
        report = run_once()
    except TrackerStoreError as exc:
        problems += 1
        say(
            f"RETENTION NOT APPLIED ({exc}). Run `.venv/bin/python -m bot.enquiries.retention` "
            "once Rasa's tracker store can be reached, before starting the assistant."
        )
    else:
        say(f"Ran the retention sweep, so nothing is kept past its period: {report}.")
    if problems:
        raise SystemExit(2)
    say(f"Done: restored {', '.join(restored) or 'no database'} from {archive.name}.")


def show(args: argparse.Namespace) -> None:
    archive = Path(args.file).expanduser().resolve()
    with opened(archive) as (manifest, _):
        say(f"Backup {archive.name}: checksums match its manifest.")
        describe(manifest)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.backup", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("create", help="write a dated backup archive")
    made.add_argument("--to", help="folder for the archive (default BACKUP_DIR, ~/kinship-backups)")
    back = commands.add_parser("restore", help="restore a backup archive")
    back.add_argument("file")
    back.add_argument(
        "--force", action="store_true", help="replace databases that hold data, and the content"
    )
    back.add_argument("--no-content", action="store_true", help="keep the content pack as it is")
    back.add_argument(
        "--even-if-running",
        action="store_true",
        help="restore although something answers on the app's or Rasa's port",
    )
    peek = commands.add_parser("show", help="check an archive and say what it holds")
    peek.add_argument("file")
    args = parser.parse_args(argv)

    load_env_file()
    name = "backup" if args.command == "create" else args.command
    from bot.chat.tracker_store import TrackerStoreError

    try:
        {"create": create, "restore": restore, "show": show}[args.command](args)
    except Refused as exc:
        print(f"make {name}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    except (RuntimeError, TrackerStoreError) as exc:
        print(f"make {name} FAILED: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
