"""`make backup` / `make restore` (scripts/backup.py) for real, run as a council would: known rows
in the app's database and Rasa's tracker store, a backup, a refused restore, a wipe, a restore,
and every row compared; then an erasure made after the backup, re-applied by a forced restore,
and a chat cleared after the backup, cleared again; an encrypted backup (BACKUP_KEY) restored
only with its key.

SQLite always; PostgreSQL on TEST_POSTGRES_URL when set (`make test` starts that server), else
on a throwaway cluster this module starts itself (Debian's `postgresql` package)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from scripts.live_system import ROOT, free_port
from tests.chat.tracker_store_helpers import add_conversation

DAY = 86400.0
CARER_A, PHONE_A = "Alex Example", "07700 900123"
CARER_B, PHONE_B = "Sam Sample", "07700 900789"


# --------------------------------------------------------------------------- PostgreSQL


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


@pytest.fixture(scope="module")
def postgres_server():
    """A PostgreSQL server URL: the test set-up's, or a throwaway cluster of this module's."""
    base = os.environ.get("TEST_POSTGRES_URL")
    if base:
        yield base
        return
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not bins:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    bin_dir = bins[-1]
    folder = Path(tempfile.mkdtemp(prefix="kinship-backup-pg-"))
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres([f"{bin_dir}/initdb", "-D", str(folder / "data"), "-U", "postgres",
                      "--auth=trust"]),
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        _as_postgres([f"{bin_dir}/pg_ctl", "-D", str(folder / "data"), "-l",
                      str(folder / "server.log"), "-w", "-o",
                      f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off",
                      "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([f"{bin_dir}/pg_ctl", "-D", str(folder / "data"), "-m", "immediate",
                          "stop"]),
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


class Postgres:
    def __init__(self, base: str):
        self.base = make_url(base)
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.names: list[str] = []

    def create(self, prefix: str) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.names.append(name)
        return name

    def url(self, name: str, driver: str = "postgresql+psycopg") -> str:
        return self.base.set(drivername=driver, database=name).render_as_string(hide_password=False)

    def wipe(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop_all(self) -> None:
        with self.admin.connect() as connection:
            for name in self.names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


# --------------------------------------------------------------------------- the system


class System:
    """The settings a council's server would have, pointing at this test's stores."""

    def __init__(self, tmp: Path, kind: str, postgres: Postgres | None):
        self.tmp, self.kind, self.postgres = tmp, kind, postgres
        self.content = tmp / "offer_content"
        shutil.copytree(ROOT / "offer_content", self.content)
        self.backups = tmp / "backups"
        self.env = {
            **os.environ,
            "ENV_FILE": os.devnull,
            "ENVIRONMENT": "test",
            "BACKUP_KEY": "",  # unencrypted, unless a test says otherwise
            "CONTENT_DIR": str(self.content),
            "APP_PORT": str(free_port()),  # nothing listens: the "is it running" check passes
            "RASA_PORT": str(free_port()),
        }
        if kind == "sqlite":
            self.app_file, self.tracker_file = tmp / "var" / "app.db", tmp / "var" / "rasa.db"
            self.app_url = f"sqlite:///{self.app_file}"
            self.tracker_url = f"sqlite:///{self.tracker_file}"
            self.env |= {
                "DATABASE_URL": self.app_url,
                "RASA_ENDPOINTS": "endpoints.yml",
                "RASA_TRACKER_DB": str(self.tracker_file),
                "RASA_TRACKER_URL": "",
            }
        else:
            self.app_db, self.tracker_db = postgres.create("kinship_app"), postgres.create("rasa")
            self.app_url = postgres.url(self.app_db)
            self.tracker_url = postgres.url(self.tracker_db)
            self.env |= {
                "DATABASE_URL": self.app_url,
                "RASA_ENDPOINTS": "endpoints.production.yml",
                "RASA_TRACKER_URL": postgres.url(self.tracker_db, driver="postgresql"),
                "RASA_TRACKER_DB": self.tracker_db,
            }

    def wipe(self) -> None:
        if self.kind == "sqlite":
            for path in self.app_file.parent.iterdir():
                path.unlink()
        else:
            self.postgres.wipe(self.app_db)
            self.postgres.wipe(self.tracker_db)

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        # No terminal: a restore of an encrypted backup never waits for a passphrase to be typed.
        return subprocess.run(
            [sys.executable, "-m", "scripts.backup", *args],
            cwd=ROOT, env=self.env | env, capture_output=True, text=True, timeout=300,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip

    def python(self, code: str) -> str:
        """Code run with the app's own modules and these settings (its own process, as the
        app's settings and engines are made once per process)."""
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=self.env, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout


def rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, as comparable text, sorted."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = {}
            for name in inspect(connection).get_table_names():
                result = connection.execute(text(f'SELECT * FROM "{name}"'))
                columns = list(result.keys())
                found[name] = sorted(
                    tuple(
                        (column, json.dumps(value, sort_keys=True, default=str))
                        for column, value in zip(columns, row, strict=True)
                    )
                    for row in result
                )
            return found
    finally:
        engine.dispose()


def populate(system: System) -> dict:
    """Known rows, made with the app's own models and migrations; returns their ids."""
    from bot.db.migrate import upgrade
    from bot.db.models import Conversation, Message
    from bot.db.session import make_engine
    from bot.enquiries.service import EnquiryDraft, add_note, create_enquiry
    from bot.staff import audit
    from bot.staff.models import StaffUser

    upgrade(system.app_url)
    engine = make_engine(system.app_url)
    now = dt.datetime.now(dt.UTC)
    try:
        with sessionmaker(bind=engine, expire_on_commit=False)() as db:
            manager = StaffUser(email="manager@council.example", password_hash="x", role="manager")
            db.add(manager)
            a, b = Conversation(arrangement="sgo", needs=["money"]), Conversation()
            db.add_all([a, b])
            db.flush()
            db.add_all(
                [
                    Message(conversation_id=a.id, sender="user", text="I look after my grandson"),
                    Message(conversation_id=a.id, sender="bot", text="Here is what we offer."),
                    # Past the transcripts period (90 days): retention deletes it after a restore.
                    Message(
                        conversation_id=a.id,
                        sender="user",
                        text="an old message",
                        created_at=now - dt.timedelta(days=120),
                    ),
                    Message(conversation_id=b.id, sender="user", text=f"I am {CARER_B}"),
                ]
            )
            db.flush()
            first = create_enquiry(
                db, EnquiryDraft("phone", PHONE_A, name=CARER_A, conversation_id=a.id)
            )
            second = create_enquiry(
                db, EnquiryDraft("phone", PHONE_B, name=CARER_B, conversation_id=b.id)
            )
            add_note(db, first, manager.id, "Called back, left a message.")
            audit.record(db, manager, "viewed", first)
            db.commit()
            ids = {"a": a.id, "b": b.id, "first": first.id, "second": second.id}
            ids["second_reference"] = second.reference
    finally:
        engine.dispose()
    tracker = create_engine(system.tracker_url, poolclass=NullPool)
    try:
        add_conversation(tracker, ids["a"], name=CARER_A, phone=PHONE_A)
        add_conversation(tracker, ids["b"], name=CARER_B, phone=PHONE_B)
        # Past the transcripts period: retention deletes these after a restore.
        add_conversation(tracker, "an-old-conversation", at=now.timestamp() - 120 * DAY)
    finally:
        tracker.dispose()
    return ids


def only_archive(folder: Path) -> Path:
    archives = sorted(folder.glob("kinship-backup-*.tar.gz"))
    assert len(archives) == 1, archives
    return archives[0]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def system(request, tmp_path):
    postgres = None
    if request.param == "postgresql":
        postgres = Postgres(request.getfixturevalue("postgres_server"))
    try:
        yield System(tmp_path, request.param, postgres)
    finally:
        if postgres:
            postgres.drop_all()


# --------------------------------------------------------------------------- the tests


def test_backup_wipe_restore_and_erasure_reapplied(system):
    from scripts.backup import alembic_head

    ids = populate(system)
    before_app, before_tracker = rows(system.app_url), rows(system.tracker_url)

    # --- backup: one dated archive, readable by its owner only, with a manifest ---
    made = system.run("create", "--to", str(system.backups))
    assert made.returncode == 0, made.stderr
    assert "WARNING: BACKUP_KEY is not set" in made.stderr  # test, not production: allowed
    archive = only_archive(system.backups)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["alembic_revision"] == alembic_head()
    assert manifest["stores"]["app_database"]["kind"] == system.kind
    assert manifest["stores"]["app_database"]["tables"]["enquiry"] == 2
    assert manifest["stores"]["rasa_tracker"]["tables"]["events"] == 21
    assert "content/council.yml" in names and "password" not in json.dumps(manifest).lower()
    assert "2 enquiries" in made.stdout and "21 Rasa conversation events" in made.stdout

    # --- a database that holds data is not overwritten without --force ---
    refused = system.run("restore", str(archive))
    assert refused.returncode == 1
    assert "--force" in refused.stderr and "holds" in refused.stderr, refused.stderr
    assert rows(system.app_url) == before_app and rows(system.tracker_url) == before_tracker

    # --- wipe, restore: every row is back, and retention ran again ---
    system.wipe()
    restored = system.run("restore", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    out = restored.stdout
    assert "Restored the app's database" in out and "Restored Rasa's tracker store" in out
    assert "Ran the retention sweep" in out and "messages deleted: 1" in out
    assert "Erasures made after the backup could not be found" in out

    after_app, after_tracker = rows(system.app_url), rows(system.tracker_url)
    assert set(after_app) == set(before_app)
    for table in before_app:
        if table in ("message", "audit_entry"):
            continue
        assert after_app[table] == before_app[table], table
    # Retention: the message past its period went, and the sweep is in the audit log.
    assert [r for r in before_app["message"] if "an old message" not in str(r)] == after_app[
        "message"
    ]
    added = [r for r in after_app["audit_entry"] if r not in before_app["audit_entry"]]
    assert set(before_app["audit_entry"]) <= set(after_app["audit_entry"])
    assert len(added) == 1 and '"retention"' in str(added[0])
    assert after_tracker["events"] == [
        r for r in before_tracker["events"] if "an-old-conversation" not in str(r)
    ]
    assert CARER_A in str(after_app["enquiry"]) and PHONE_B in str(after_tracker["events"])

    # --- an erasure on request after the backup, and a changed content pack ---
    system.python(
        "from bot.db.session import get_sessionmaker\n"
        "from bot.enquiries import service\n"
        "from bot.enquiries.models import Enquiry\n"
        "from bot.staff import audit\n"
        "with get_sessionmaker()() as db:\n"
        f"    enquiry = db.get(Enquiry, {ids['second']!r})\n"
        "    service.erase(db, enquiry)\n"
        "    audit.record(db, None, 'erased_on_request', enquiry)\n"
        "    db.commit()\n"
    )
    assert CARER_B not in str(rows(system.app_url)["enquiry"])
    readme = system.content / "README.md"
    original = readme.read_text(encoding="utf-8")
    readme.write_text(original + "\nAn edit made after the backup.\n", encoding="utf-8")

    refused = system.run("restore", str(archive))
    assert refused.returncode == 1 and "content pack" in refused.stderr, refused.stderr

    forced = system.run("restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert f"Re-applied 1 erasure(s) on request made after the backup (enquiries {ids['second_reference']})" in forced.stdout  # fmt: skip
    assert "Restored the content pack" in forced.stdout
    assert readme.read_text(encoding="utf-8") == original

    app, tracker = rows(system.app_url), rows(system.tracker_url)
    assert CARER_B not in str(app) and PHONE_B not in str(app)  # erased again, everywhere
    assert CARER_B not in str(tracker) and PHONE_B not in str(tracker)
    assert ids["b"] not in str(tracker["events"])
    assert CARER_A in str(app["enquiry"]) and PHONE_A in str(tracker["events"])
    assert "re-applied after restoring" in str(app["audit_entry"])
    assert "Called back, left a message." in str(app["enquiry_note"])


def test_a_chat_cleared_after_the_backup_is_cleared_again_by_a_restore(system):
    """ "Clear this chat" leaves a record with no personal data (when, beside the chat's random
    id); a restore reads it in the database it replaces and clears the chat again, in the app's
    database and in Rasa's store, as of when the person cleared it."""
    ids = populate(system)
    made = system.run("create", "--to", str(system.backups))
    assert made.returncode == 0, made.stderr
    archive = only_archive(system.backups)

    # --- the person clears chat b after the backup (the widget's "Clear this chat") ---
    system.python(
        "from bot.chat.ending import end_conversation\n"
        "from bot.db.models import Conversation\n"
        "from bot.db.session import get_sessionmaker\n"
        "from bot.settings import get_settings\n"
        "with get_sessionmaker()() as db:\n"
        f"    conversation = db.get(Conversation, {ids['b']!r})\n"
        "    end_conversation(db, conversation.session_key, get_settings())\n"
        "    db.commit()\n"
    )
    said_in_b = f"I am {CARER_B}"
    cleared = rows(system.app_url)
    assert said_in_b not in str(cleared["message"])
    assert ids["b"] not in str(rows(system.tracker_url)["events"])
    [record] = [r for r in cleared["conversation"] if ids["b"] in str(r)]
    cleared_at, last_activity = dict(record)["cleared_at"], dict(record)["last_activity_at"]
    assert cleared_at != "null"

    # --- a restore brings the backup's copy back, then clears it again ---
    forced = system.run("restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "Cleared again 1 chat(s) the person cleared after the backup" in forced.stdout
    app, tracker = rows(system.app_url), rows(system.tracker_url)
    assert said_in_b not in str(app["message"]) and ids["b"] not in str(tracker["events"])
    [record] = [r for r in app["conversation"] if ids["b"] in str(r)]
    # As it was before the restore: the same time cleared, and ended since then.
    assert dict(record)["cleared_at"] == cleared_at
    assert dict(record)["last_activity_at"] == last_activity
    # Everything else is as the backup had it.
    assert "I look after my grandson" in str(app["message"]) and ids["a"] in str(tracker["events"])
    assert CARER_B in str(app["enquiry"])  # the enquiry keeps its own copy (not an erasure)

    # --- a chat cleared before the backup is left as the backup has it ---
    again = system.run("restore", str(archive), "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Cleared again 1 chat(s)" in again.stdout  # the backup still holds it: cleared again
    made = system.run("create", "--to", str(system.backups / "later"))
    assert made.returncode == 0, made.stderr
    latest = only_archive(system.backups / "later")
    again = system.run("restore", str(latest), "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "No chat was cleared after the backup: none to clear again." in again.stdout
    assert said_in_b not in str(rows(system.app_url)["message"])


def _rewritten(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with one member changed by change(name, data) -> data."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""
            data = change(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_a_damaged_or_newer_backup_is_refused(tmp_path):
    system = System(tmp_path, "sqlite", None)
    from bot.db.migrate import upgrade

    upgrade(system.app_url)
    made = system.run("create", "--to", str(system.backups))
    assert made.returncode == 0, made.stderr
    archive = only_archive(system.backups)
    before = system.app_file.read_bytes()

    damaged = _rewritten(
        archive,
        tmp_path / "damaged.tar.gz",
        lambda name, data: data + b"x" if name == "app_database.sqlite" else data,
    )
    result = system.run("restore", str(damaged), "--force")
    assert result.returncode == 1 and "damaged" in result.stderr, result.stderr

    def future(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["alembic_revision"] = "9999"
        return json.dumps(manifest).encode()

    newer = _rewritten(archive, tmp_path / "newer.tar.gz", future)
    result = system.run("restore", str(newer), "--force")
    assert result.returncode == 1 and "newer version" in result.stderr, result.stderr

    assert system.app_file.read_bytes() == before  # nothing was changed

    shown = system.run("show", str(archive))
    assert shown.returncode == 0 and "checksums match" in shown.stdout


def test_an_encrypted_backup_restores_only_with_its_key(system):
    """With BACKUP_KEY the archive is encrypted (scripts/backup_crypto.py): no carer's data is
    readable in it, and a restore without the key, with a wrong one or of a changed file is
    refused in plain words, changing nothing; with the key every enquiry is back. Production
    refuses to back up without a key."""
    from scripts.backup_crypto import MAGIC

    populate(system)
    before_app, before_tracker = rows(system.app_url), rows(system.tracker_url)

    # --- production: no unencrypted backup, and no short key ---
    refused = system.run("create", "--to", str(system.backups), ENVIRONMENT="production")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "BACKUP_KEY is not set" in refused.stderr and "openssl rand" in refused.stderr
    assert "Traceback" not in refused.stderr
    short = system.run(
        "create", "--to", str(system.backups), ENVIRONMENT="production", BACKUP_KEY="too short"
    )
    assert short.returncode == 1 and "shorter than 16 characters" in short.stderr, short.stderr
    assert not system.backups.exists() or not list(system.backups.iterdir())

    # --- production, with a key: one encrypted file, and nothing readable beside it ---
    key = "a long passphrase kept elsewhere"
    made = system.run(
        "create", "--to", str(system.backups), ENVIRONMENT="production", BACKUP_KEY=key
    )
    assert made.returncode == 0, made.stderr
    assert "WARNING" not in made.stderr and "encrypted with BACKUP_KEY" in made.stdout
    [archive] = list(system.backups.iterdir())
    assert archive.name.startswith("kinship-backup-") and archive.name.endswith(".tar.gz.enc")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    sealed = archive.read_bytes()
    assert sealed.startswith(MAGIC)
    for secret in (CARER_A, PHONE_A, CARER_B, "manifest.json"):
        assert secret.encode() not in sealed

    # --- refused, in plain words, changing nothing: no key, a wrong key, a changed byte ---
    system.wipe()
    tampered = system.tmp / "tampered.tar.gz.enc"
    changed = bytearray(sealed)
    changed[len(changed) // 2] ^= 0x01
    tampered.write_bytes(bytes(changed))
    for file, env, says in (
        (archive, {}, "BACKUP_KEY is not set"),
        (archive, {"BACKUP_KEY": key + "?"}, "not the passphrase it was made with"),
        (tampered, {"BACKUP_KEY": key}, "changed or damaged"),
    ):
        result = system.run("restore", str(file), **env)
        assert result.returncode == 1, result.stdout + result.stderr
        assert says in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert rows(system.app_url) == {} and rows(system.tracker_url) == {}

    # --- the right key: checked, described and restored; every enquiry is back ---
    shown = system.run("show", str(archive), BACKUP_KEY=key)
    assert shown.returncode == 0 and "2 enquiries" in shown.stdout, shown.stderr
    restored = system.run("restore", str(archive), BACKUP_KEY=key)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "checksums match" in restored.stdout and "Restored the app's database" in restored.stdout
    app, tracker = rows(system.app_url), rows(system.tracker_url)
    assert app["enquiry"] == before_app["enquiry"]  # every enquiry, as it was backed up
    assert app["enquiry_note"] == before_app["enquiry_note"]
    assert CARER_A in str(app["enquiry"]) and CARER_B in str(app["enquiry"])
    # Rasa's events too, less the old conversation the retention sweep deleted again.
    assert tracker["events"] == [
        r for r in before_tracker["events"] if "an-old-conversation" not in str(r)
    ]
    assert PHONE_B in str(tracker["events"])
