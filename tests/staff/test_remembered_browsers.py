"""Remembered browsers (issue #16, OWASP's device cookies): guessing at an account from many
addresses makes every try at it wait, but not the tries from a browser that signed in to that
account before; never past the password check or the waits by address. Its own wrong passwords
count against it, and five in a row end it; whatever ends every session of the account ends its
browsers too; retention deletes expired ones (bot/staff/security.py). Through the real app's
sign-in form, and the rules themselves on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import utcnow
from bot.db.migrate import upgrade
from bot.db.session import get_sessionmaker
from bot.enquiries.retention import apply_retention
from bot.main import app
from bot.settings import PROJECT_ROOT, get_settings
from bot.staff import accounts
from bot.staff.deps import SIGN_IN_PATH
from bot.staff.models import AuditEntry, StaffDevice, StaffUser
from bot.staff.router import (
    DEVICE_FAILURES,
    DEVICE_FORGOTTEN,
    PAST_WAIT,
    REMEMBERED,
    SIGN_IN_REFUSED,
    THROTTLED,
)
from bot.staff.security import (
    ACCOUNT_MAX_BACKOFF,
    ACCOUNT_MAX_FAILURES,
    DEVICE_COOKIE,
    DEVICE_MAX_FAILURES,
    PAIR_MAX_BACKOFF,
    PAIR_MAX_FAILURES,
    AddressThrottle,
    PairThrottle,
    SignInRefused,
    check_sign_in,
    create_user,
    remember_device,
)
from tests.staff.conftest import PASSWORD, csrf_from, make_user, sign_in

NAVIGATORS_OFFICE = ("198.51.100.9", 50000)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def factory(request) -> sessionmaker:
    if request.param == "sqlite":
        return get_sessionmaker()
    return request.getfixturevalue("postgres_factory")


def client_at(address: tuple[str, int]) -> TestClient:
    return TestClient(app, client=address)


def refused(response) -> bool:
    return response.status_code == 401 and SIGN_IN_REFUSED in response.text


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def audit_of(email: str) -> list[tuple[str, str]]:
    with get_sessionmaker()() as db:
        query = select(AuditEntry.action, AuditEntry.detail).where(AuditEntry.actor == email)
        return [tuple(row) for row in db.execute(query.order_by(AuditEntry.id)).all()]


def account(db: Session, email: str) -> StaffUser:
    return db.scalar(select(StaffUser).where(StaffUser.email == email))


def devices_of(db: Session, user_id: int) -> int:
    query = select(func.count()).select_from(StaffDevice).where(StaffDevice.user_id == user_id)
    return db.scalar(query)


def keep_waiting(factory: sessionmaker, email: str) -> None:
    """The account as guessing from many addresses leaves it: every try at it waits."""
    with factory() as db:
        user = account(db, email)
        user.failed_sign_ins = ACCOUNT_MAX_FAILURES
        user.last_failed_sign_in_at = utcnow()
        user.locked_until = utcnow() + ACCOUNT_MAX_BACKOFF
        db.commit()


def device_cookie(response) -> str:
    return next(
        c for c in response.headers.get_list("set-cookie") if c.startswith(f"{DEVICE_COOKIE}=")
    )


def cookie_flags(set_cookie: str) -> dict[str, str]:
    """A Set-Cookie header's attributes, by lower-case name."""
    parts = [part.strip().partition("=") for part in set_cookie.split(";")[1:]]
    return {name.lower(): value.lower() for name, _, value in parts}


# --------------------------------------------------------------------------- the sign-in form


def test_the_navigators_own_browser_signs_in_at_once_while_guessing_keeps_others_waiting(
    throttles,
):
    navigator = make_user("navigator")
    office = client_at(NAVIGATORS_OFFICE)
    first = sign_in(office, navigator)
    assert first.status_code == 303
    token = first.cookies[DEVICE_COOKIE]

    # Guessing from ten addresses, five each: the account waits, for everyone without a cookie.
    for i in range(ACCOUNT_MAX_FAILURES // PAIR_MAX_FAILURES):
        guesser = client_at((f"192.0.2.{i + 10}", 40000))
        for _ in range(PAIR_MAX_FAILURES):
            assert refused(sign_in(guesser, navigator, "a guess"))
    with get_sessionmaker()() as db:
        assert account(db, navigator).failed_sign_ins == ACCOUNT_MAX_FAILURES
    new_browser = client_at(NAVIGATORS_OFFICE)
    assert refused(sign_in(new_browser, navigator))
    assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["account"])

    # The browser the Navigator signed in on before gets in at once, with the real password.
    again = sign_in(office, navigator)
    assert again.status_code == 303
    assert audit_of(navigator)[-1] == ("signed_in", f"{REMEMBERED}; {PAST_WAIT}")
    # ... and never without it.
    assert refused(sign_in(office, navigator, "a guess"))
    # The wait goes on for everyone else.
    assert refused(sign_in(client_at(NAVIGATORS_OFFICE), navigator))

    # A new token each time; only its hash is kept, and the log holds neither.
    new_token = again.cookies[DEVICE_COOKIE]
    assert new_token != token
    with get_sessionmaker()() as db:
        hashes = set(db.scalars(select(StaffDevice.token_hash)))
        details = " ".join(db.scalars(select(AuditEntry.detail)))
    assert digest(new_token) in hashes and digest(token) not in hashes
    assert new_token not in hashes
    for secret in (token, new_token, digest(token), digest(new_token)):
        assert secret not in details


def test_the_device_cookie_is_sent_only_with_sign_in_tries_from_this_site(client):
    response = sign_in(client, make_user("navigator"))
    flags = cookie_flags(device_cookie(response))
    assert "httponly" in flags and flags["samesite"] == "strict"
    assert flags["path"] == SIGN_IN_PATH
    assert flags["max-age"] == str(int(get_settings().staff_device_cookie_days * 86400))
    assert "secure" not in flags  # only in production

    production = get_settings().model_copy(update={"environment": "production"})
    app.dependency_overrides[get_settings] = lambda: production
    try:
        response = sign_in(client_at(NAVIGATORS_OFFICE), make_user("navigator"))
    finally:
        app.dependency_overrides.clear()
    assert "secure" in cookie_flags(device_cookie(response))


def test_without_a_cookie_nothing_changes_and_a_failure_counts_at_the_account(throttles):
    navigator = make_user("navigator")
    assert refused(sign_in(client_at(NAVIGATORS_OFFICE), navigator, "a guess"))
    assert audit_of(navigator)[-1] == ("sign_in_failed", "")
    with get_sessionmaker()() as db:
        assert account(db, navigator).failed_sign_ins == 1


def browser_with(token: str) -> TestClient:
    browser = client_at(NAVIGATORS_OFFICE)
    browser.cookies.set(DEVICE_COOKIE, token)
    return browser


def test_a_forged_expired_or_other_accounts_cookie_gives_no_way_through(throttles):
    navigator, colleague = make_user("navigator"), make_user("navigator")
    own = sign_in(client_at(NAVIGATORS_OFFICE), navigator).cookies[DEVICE_COOKIE]
    colleagues = sign_in(client_at(NAVIGATORS_OFFICE), colleague).cookies[DEVICE_COOKIE]
    with get_sessionmaker()() as db:
        db.execute(
            update(StaffDevice)
            .where(StaffDevice.token_hash == digest(own))
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
        db.commit()
    keep_waiting(get_sessionmaker(), navigator)
    for token in (secrets.token_urlsafe(32), own, colleagues, digest(own), "x" * 500):
        assert refused(sign_in(browser_with(token), navigator)), token
        assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["account"])


def test_five_wrong_passwords_in_a_row_end_a_browsers_way_through(throttles):
    navigator = make_user("navigator")
    token = sign_in(client_at(NAVIGATORS_OFFICE), navigator).cookies[DEVICE_COOKIE]
    keep_waiting(get_sessionmaker(), navigator)
    office = browser_with(token)
    for n in range(1, DEVICE_MAX_FAILURES):
        throttles.clock.advance(PAIR_MAX_BACKOFF.total_seconds() + 1)
        assert refused(sign_in(office, navigator, "a wrong password"))
        assert audit_of(navigator)[-1][1].endswith(
            f"{REMEMBERED}; {DEVICE_FAILURES.format(n, DEVICE_MAX_FAILURES)}"
        )
    throttles.clock.advance(PAIR_MAX_BACKOFF.total_seconds() + 1)
    assert refused(sign_in(office, navigator, "a wrong password"))
    assert audit_of(navigator)[-1][1].endswith(
        f"{REMEMBERED}; {DEVICE_FORGOTTEN.format(DEVICE_MAX_FAILURES)}"
    )
    with get_sessionmaker()() as db:
        # Counted against the browser, not the account.
        assert account(db, navigator).failed_sign_ins == ACCOUNT_MAX_FAILURES
        assert db.get(StaffDevice, digest(token)) is None
    # From now on that browser waits like any other, the right password too.
    throttles.clock.advance(PAIR_MAX_BACKOFF.total_seconds() + 1)
    assert refused(sign_in(office, navigator))
    assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["account"])


def test_signing_out_everywhere_forgets_the_accounts_browsers(throttles):
    navigator = make_user("navigator")
    office = client_at(NAVIGATORS_OFFICE)
    token = sign_in(office, navigator).cookies[DEVICE_COOKIE]
    with get_sessionmaker()() as db:
        assert db.get(StaffDevice, digest(token)) is not None
    response = office.post(
        "/navigator/sign-out-everywhere",
        data={"csrf_token": csrf_from(office.get("/navigator/account").text)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    keep_waiting(get_sessionmaker(), navigator)
    assert refused(sign_in(browser_with(token), navigator))
    assert audit_of(navigator)[-1] == ("sign_in_throttled", THROTTLED["account"])


# --------------------------------------------------------------------------- the rules


def refusal(db: Session, email: str, password: str, **kwargs) -> SignInRefused:
    with pytest.raises(SignInRefused) as refused:
        check_sign_in(db, email, password, **kwargs)
    db.commit()
    return refused.value


def test_a_remembered_browser_passes_the_account_wait_only(factory):
    throttles = {"addresses": AddressThrottle(), "pairs": PairThrottle()}
    with factory() as db:
        email = f"remembered-{secrets.token_hex(4)}@council.example.org"
        user = create_user(db, email, PASSWORD, "navigator")
        other = create_user(db, f"other-{email}", PASSWORD, "navigator")
        token = remember_device(db, user, days=90)
        others_token = remember_device(db, other, days=90)
        db.commit()
    keep_waiting(factory, email)
    with factory() as db:
        signed_in = check_sign_in(db, email, PASSWORD, device_token=token, **throttles)
        assert signed_in.user.email == email and signed_in.past_wait
        assert signed_in.device.token_hash == digest(token)
        db.commit()
        for no_way_through in (None, secrets.token_urlsafe(32), others_token):
            refused = refusal(db, email, PASSWORD, device_token=no_way_through, **throttles)
            assert refused.throttled == "account" and not refused.remembered
        # Its own wrong passwords count against it, not the account; five in a row end it.
        for n in range(1, DEVICE_MAX_FAILURES):
            refused = refusal(db, email, "wrong", device_token=token, **throttles)
            assert (refused.remembered, refused.device_failures) == (True, n)
            assert "account" not in refused.waits
        assert account(db, email).failed_sign_ins == ACCOUNT_MAX_FAILURES
        refused = refusal(db, email, "wrong", device_token=token, **throttles)
        assert refused.device_failures == DEVICE_MAX_FAILURES
        assert db.get(StaffDevice, digest(token)) is None
        assert refusal(db, email, PASSWORD, device_token=token).throttled == "account"
        # With the account no longer waiting, the right password works from anywhere.
        account(db, email).locked_until = None
        db.commit()
        assert check_sign_in(db, email, PASSWORD, device_token=token).device is None


def test_a_remembered_browser_is_not_let_past_the_wait_of_its_address(factory):
    throttles = {"addresses": AddressThrottle(), "pairs": PairThrottle()}
    with factory() as db:
        email = f"slowed-{secrets.token_hex(4)}@council.example.org"
        user = create_user(db, email, PASSWORD, "navigator")
        token = remember_device(db, user, days=90)
        db.commit()
        for _ in range(PAIR_MAX_FAILURES - 1):
            refusal(db, email, "wrong", address="203.0.113.9", **throttles)
        refusal(db, email, "wrong", address="203.0.113.9", device_token=token, **throttles)
        refused = refusal(
            db, email, PASSWORD, address="203.0.113.9", device_token=token, **throttles
        )
        assert (refused.throttled, refused.remembered) == ("pair", True)


@pytest.mark.parametrize("how", ["deactivate", "reset", "end sessions", "sign out everywhere"])
def test_whatever_ends_every_session_forgets_the_accounts_browsers(factory, how):
    with factory() as db:
        email = f"ended-{secrets.token_hex(4)}@council.example.org"
        user = create_user(db, email, PASSWORD, "navigator")
        manager = create_user(db, f"manager-{email}", PASSWORD, "manager")
        for _ in range(2):
            remember_device(db, user, days=90)
        remember_device(db, manager, days=90)
        db.commit()
        if how == "deactivate":
            accounts.deactivate(db, user, by=manager)
        elif how == "reset":
            accounts.reset_password(db, user, by=manager)
        elif how == "end sessions":
            accounts.end_sessions(db, user, by=manager)
        else:
            accounts.end_sessions(db, user, by=user)
        db.commit()
        assert devices_of(db, user.id) == 0
        assert devices_of(db, manager.id) == 1


def test_retention_deletes_expired_browsers(factory):
    now = utcnow()
    with factory() as db:
        user = create_user(
            db, f"kept-{secrets.token_hex(4)}@council.example.org", PASSWORD, "navigator"
        )
        expired, kept = remember_device(db, user, days=90), remember_device(db, user, days=90)
        db.execute(
            update(StaffDevice)
            .where(StaffDevice.token_hash == digest(expired))
            .values(expires_at=now - dt.timedelta(minutes=1))
        )
        db.commit()
        apply_retention(db, now)
        db.commit()
        assert db.get(StaffDevice, digest(expired)) is None
        assert db.get(StaffDevice, digest(kept)) is not None


def test_migration_0010_goes_down_and_up_again(factory, tmp_path):
    if factory is get_sessionmaker():
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
        upgrade(url)
    else:
        url = factory.kw["bind"].url.render_as_string(hide_password=False)
        factory.kw["bind"].dispose()

    def tables() -> set[str]:
        engine = create_engine(url)
        found = set(inspect(engine).get_table_names())
        engine.dispose()
        return found

    assert "staff_device" in tables()
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    command.downgrade(config, "0009")
    assert "staff_device" not in tables() and "staff_user" in tables()
    command.upgrade(config, "head")
    assert "staff_device" in tables()
