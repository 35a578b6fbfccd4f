"""Staff accounts on PostgreSQL: migration 0007 both ways, the account-wide sign-in count (one
statement, aware datetimes), reset codes, and two managers deactivating each other at once
(row locks: never no manager left)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, update

from bot.db.base import utcnow
from bot.enquiries.service import as_utc
from bot.settings import PROJECT_ROOT
from bot.staff import accounts
from bot.staff.models import StaffUser
from bot.staff.security import (
    ACCOUNT_FORGET,
    ACCOUNT_MAX_BACKOFF,
    ACCOUNT_MAX_FAILURES,
    PAIR_MAX_FAILURES,
    AddressThrottle,
    PairThrottle,
    ResetRefused,
    SignInRefused,
    authenticate,
    create_user,
    find_user,
    use_reset_code,
)

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough password"


def url_of(factory) -> str:
    return factory.kw["bind"].url.render_as_string(hide_password=False)


def schema(factory) -> tuple[bool, bool]:
    engine = factory.kw["bind"]
    engine.dispose()  # fresh connections see the schema as it is now
    inspector = inspect(engine)
    columns = {c["name"] for c in inspector.get_columns("staff_user")}
    return "staff_reset_code" in inspector.get_table_names(), ("last_failed_sign_in_at" in columns)


def test_migration_0007_goes_down_and_up_again(postgres_factory):
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url_of(postgres_factory)
    assert schema(postgres_factory) == (True, True)
    command.downgrade(config, "0006")
    assert schema(postgres_factory) == (False, False)
    command.upgrade(config, "head")
    assert schema(postgres_factory) == (True, True)


def refusal(db, email: str, address: str, password: str = "a wrong guess", **throttles):
    with pytest.raises(SignInRefused) as refused:
        authenticate(db, email, password, address=address, **throttles)
    db.commit()
    return refused.value


def test_the_account_counts_guessing_from_many_addresses_only(postgres_factory):
    throttles = {"addresses": AddressThrottle(), "pairs": PairThrottle()}
    with postgres_factory() as db:
        user = create_user(db, "pg.guessed@council.example.org", PASSWORD, "navigator")
        db.commit()
        # One address: only its first few count at the account.
        for _ in range(PAIR_MAX_FAILURES + 3):
            refusal(db, user.email, "203.0.113.1", **throttles)
        assert user.failed_sign_ins == PAIR_MAX_FAILURES and user.locked_until is None
        # Many addresses: the account waits, briefly.
        for n in range(ACCOUNT_MAX_FAILURES - PAIR_MAX_FAILURES - 1):
            refusal(db, user.email, f"10.0.{n // 200}.{n % 200}", **throttles)
        assert user.locked_until is None
        refused = refusal(db, user.email, "192.0.2.1", **throttles)
        assert refused.waits["account"] == dt.timedelta(seconds=5)
        assert user.failed_sign_ins == ACCOUNT_MAX_FAILURES
        assert dt.timedelta(0) < as_utc(user.locked_until) - utcnow() <= ACCOUNT_MAX_BACKOFF
        assert refusal(db, user.email, "192.0.2.2", PASSWORD, **throttles).throttled == "account"
        # Forgotten after a quiet while.
        user.locked_until = None
        user.last_failed_sign_in_at = utcnow() - ACCOUNT_FORGET - dt.timedelta(seconds=1)
        db.commit()
        refusal(db, user.email, "192.0.2.3", **throttles)
        assert user.failed_sign_ins == 1
        assert authenticate(db, user.email, PASSWORD, address="192.0.2.4", **throttles) == user


def test_a_reset_code_works_once_on_postgres(postgres_factory):
    with postgres_factory() as db:
        user = create_user(db, "pg.reset@council.example.org", PASSWORD, "navigator")
        db.commit()
        code = accounts.reset_password(db, user)
        db.commit()
        with pytest.raises(SignInRefused):
            authenticate(db, user.email, PASSWORD)
        db.rollback()
        assert use_reset_code(db, user.email, code, "another long password") == user
        db.commit()
        with pytest.raises(ResetRefused):
            use_reset_code(db, user.email, code, "yet another long password")
        db.rollback()
        assert authenticate(db, user.email, "another long password") == user


def test_two_managers_deactivating_each_other_at_once_leave_one(postgres_factory):
    with postgres_factory() as db:
        db.execute(update(StaffUser).where(StaffUser.role == "manager").values(active=False))
        first = create_user(db, "pg.manager1@council.example.org", PASSWORD, "manager").email
        second = create_user(db, "pg.manager2@council.example.org", PASSWORD, "manager").email
        db.commit()
    ready = threading.Barrier(2)
    results: dict[str, str] = {}

    def deactivate(actor_email: str, target_email: str) -> None:
        with postgres_factory() as db:
            actor, target = find_user(db, actor_email), find_user(db, target_email)
            ready.wait()
            try:
                accounts.deactivate(db, target, by=actor)
                time.sleep(0.5)  # holding the managers' rows: the other has to wait
                db.commit()
                results[actor_email] = "done"
            except accounts.AccountRefused as refused:
                db.rollback()
                results[actor_email] = str(refused)

    threads = [
        threading.Thread(target=deactivate, args=(first, second)),
        threading.Thread(target=deactivate, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results.values())[0] == "Your own account is no longer active.", results
    assert list(results.values()).count("done") == 1, results
    with postgres_factory() as db:
        assert [find_user(db, e).active for e in (first, second)].count(True) == 1
