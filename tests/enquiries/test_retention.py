"""Retention deletes exactly what it should, on SQLite (the unit database) and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.db.session import get_sessionmaker
from tests.enquiries.retention_cases import check_retention


def test_retention_on_sqlite():
    check_retention(get_sessionmaker())


def test_retention_command_runs():
    result = subprocess.run(
        [sys.executable, "-m", "bot.enquiries.retention"],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert "Retention applied" in result.stdout


@pytest.mark.parametrize(("interval", "started"), [(3600.0, [3600.0]), (0.0, [])])
def test_the_app_applies_retention_itself_unless_told_not_to(monkeypatch, interval, started):
    """The app starts the retention job with itself (its first run as it starts), except with
    RETENTION_INTERVAL_SECONDS=0: the in-process tests apply retention themselves (a run the app
    started raced them), and production refuses 0 (tests/test_production_start.py)."""
    from fastapi.testclient import TestClient

    import bot.main as main
    from bot.settings import get_settings

    calls: list[float] = []

    async def recorded(interval_seconds: float) -> None:
        calls.append(interval_seconds)

    settings = get_settings().model_copy(update={"retention_interval_seconds": interval})
    monkeypatch.setattr(main, "get_settings", lambda: settings)
    monkeypatch.setattr(main.retention, "run_forever", recorded)
    with TestClient(main.app) as client:
        assert client.get("/health").status_code in (200, 503)
    assert calls == started


@pytest.mark.postgres
def test_retention_on_postgres(postgres_factory):
    check_retention(postgres_factory)


@pytest.mark.postgres
def test_enquiry_outbox_and_staff_session_on_postgres(postgres_factory, smtp_server):
    """The same code paths on PostgreSQL (aware datetimes, real row locking)."""
    from bot.enquiries.service import EnquiryDraft, create_enquiry, list_enquiries
    from bot.notifications.service import send_pending
    from bot.staff.security import authenticate, create_user, find_session, start_session
    from tests.notifications.test_outbox import settings_for

    with postgres_factory() as db:
        enquiry = create_enquiry(
            db, EnquiryDraft(contact_method="email", contact_value="a@example.org", urgent=True)
        )
        db.commit()
        assert list_enquiries(db, search=enquiry.reference)[0].id == enquiry.id
        assert send_pending(db, settings_for(smtp_server.port), limit=100) >= 1
        user = create_user(
            db, "pg.navigator@council.example.org", "a long enough password", "navigator"
        )
        db.commit()
        assert authenticate(db, user.email, "a long enough password").id == user.id
        token, _ = start_session(db, user, hours=1)
        db.commit()
        assert find_session(db, token).user_id == user.id
    assert any(enquiry.reference in m for m in smtp_server.messages)
