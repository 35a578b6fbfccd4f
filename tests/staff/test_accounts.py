"""Staff account administration (bot/staff/accounts.py, /navigator/staff): a manager deactivates
and reactivates accounts, issues one-time password reset codes and ends an account's sessions;
everyone can sign themselves out everywhere. Manager-only, CSRF-protected, audited without
secrets; a manager cannot deactivate themselves or the last active manager. Through the real
app, signed in as real users."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.main import app
from bot.staff import accounts, manage_user
from bot.staff.models import AuditEntry, StaffResetCode, StaffUser
from bot.staff.router import PASSWORD_CHANGED, RESET_REFUSED, SIGN_IN_REFUSED
from bot.staff.security import ADDRESS_MAX_FAILURES, MIN_PASSWORD_LENGTH, RESET_CODE_LIFETIME
from tests.staff.conftest import PASSWORD, csrf_from, make_user, sign_in

NEW_PASSWORD = "a brand new passphrase for work"
CODE = re.compile(r'<p class="reset-code">([A-Z0-9-]+)</p>')


def signed_in(email: str, address: tuple[str, int] = ("testclient", 50000)) -> TestClient:
    client = TestClient(app, client=address)
    assert sign_in(client, email).status_code == 303
    client.email = email
    return client


def is_signed_in(client: TestClient) -> bool:
    response = client.get("/navigator/enquiries", follow_redirects=False)
    assert response.status_code in (200, 303)
    return response.status_code == 200


def user_id(email: str) -> int:
    with get_sessionmaker()() as db:
        return db.scalar(select(StaffUser.id).where(StaffUser.email == email))


def row(email: str) -> StaffUser:
    with get_sessionmaker()() as db:
        return db.scalar(select(StaffUser).where(StaffUser.email == email))


def audit_entries() -> list[AuditEntry]:
    with get_sessionmaker()() as db:
        return list(db.scalars(select(AuditEntry).order_by(AuditEntry.id)).all())


def act(client: TestClient, email: str, action: str, **data):
    token = csrf_from(client.get("/navigator/staff").text)
    return client.post(
        f"/navigator/staff/{user_id(email)}/{action}",
        data={"csrf_token": token, **data},
        follow_redirects=False,
    )


def issue_code(manager: TestClient, email: str) -> str:
    response = act(manager, email, "reset-password")
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    match = CODE.search(response.text)
    assert match, "no code on the page"
    return match.group(1)


def use_code(client: TestClient, email: str, code: str, password=NEW_PASSWORD, again=None):
    page = client.get("/navigator/reset-password")
    assert page.status_code == 200
    return client.post(
        "/navigator/reset-password",
        data={
            "email": email,
            "code": code,
            "password": password,
            "password_again": password if again is None else again,
            "csrf_token": csrf_from(page.text),
        },
        follow_redirects=False,
    )


def refused_sign_in(response) -> bool:
    return response.status_code == 401 and SIGN_IN_REFUSED in response.text


# --------------------------------------------------------------------------- the page


def test_managers_see_every_account_and_what_they_can_do(manager):
    navigator = make_user("navigator")
    page = manager.get("/navigator/staff")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert navigator in page.text and f"{manager.email} (you)" in page.text
    assert f'action="/navigator/staff/{user_id(navigator)}/deactivate"' in page.text
    assert f'action="/navigator/staff/{user_id(manager.email)}/deactivate"' not in page.text
    assert 'href="/navigator/staff"' in page.text  # in the navigation


def test_navigators_are_refused_every_account_action(navigator):
    other = make_user("navigator")
    signed_in_other = signed_in(other, ("198.51.100.30", 1))
    token = csrf_from(navigator.get("/navigator/enquiries").text)
    assert navigator.get("/navigator/staff").status_code == 403
    for action in ("deactivate", "reactivate", "reset-password", "end-sessions"):
        response = navigator.post(
            f"/navigator/staff/{user_id(other)}/{action}",
            data={"csrf_token": token, "confirm": "yes"},
            follow_redirects=False,
        )
        assert response.status_code == 403, action
    assert row(other).active and is_signed_in(signed_in_other)
    assert 'href="/navigator/staff"' not in navigator.get("/navigator/enquiries").text


def test_every_account_action_needs_the_csrf_token(manager):
    other = make_user("navigator")
    signed_in_other = signed_in(other, ("198.51.100.31", 1))
    for action in ("deactivate", "reactivate", "reset-password", "end-sessions"):
        for token in (None, "wrong-token"):
            data = {"confirm": "yes"} if token is None else {"confirm": "yes", "csrf_token": token}
            response = manager.post(
                f"/navigator/staff/{user_id(other)}/{action}", data=data, follow_redirects=False
            )
            assert response.status_code == 403, (action, token)
    assert row(other).active and is_signed_in(signed_in_other)
    with get_sessionmaker()() as db:
        assert (
            db.scalar(select(StaffResetCode).where(StaffResetCode.user_id == row(other).id)) is None
        )


def test_an_account_that_does_not_exist_is_not_found(manager):
    token = csrf_from(manager.get("/navigator/staff").text)
    response = manager.post(
        "/navigator/staff/999999/end-sessions", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 404


# --------------------------------------------------------------------------- deactivation


def test_deactivation_ends_the_sessions_at_once_and_sign_in_gets_the_usual_refusal(manager):
    navigator = make_user("navigator")
    phone, desk = (
        signed_in(navigator, ("198.51.100.40", 1)),
        signed_in(navigator, ("198.51.100.41", 1)),
    )
    # Without the box ticked, nothing happens.
    assert act(manager, navigator, "deactivate").status_code == 400
    assert row(navigator).active and is_signed_in(phone)

    response = act(manager, navigator, "deactivate", confirm="yes")
    assert response.status_code == 303
    assert not row(navigator).active
    assert not is_signed_in(phone) and not is_signed_in(desk)
    assert navigator in manager.get(response.headers["location"]).text
    # The right password gets the same answer as a wrong one or an unknown account.
    assert refused_sign_in(sign_in(TestClient(app, client=("198.51.100.42", 1)), navigator))
    entry = [e for e in audit_entries() if e.action == "deactivated_staff_account"][-1]
    assert (entry.actor, entry.user_id) == (manager.email, user_id(manager.email))
    assert entry.detail == f"{navigator} (account {user_id(navigator)}); 2 session(s) ended"

    # Reactivated: they sign in with their own password again.
    assert act(manager, navigator, "reactivate").status_code == 303
    assert row(navigator).active
    assert sign_in(TestClient(app, client=("198.51.100.43", 1)), navigator).status_code == 303
    entry = audit_entries()[-2]
    assert (entry.actor, entry.action) == (manager.email, "reactivated_staff_account")
    assert navigator in entry.detail


def test_a_manager_cannot_deactivate_themselves(manager):
    response = act(manager, manager.email, "deactivate", confirm="yes")
    assert response.status_code == 409
    assert "cannot deactivate your own account" in response.text
    assert row(manager.email).active and is_signed_in(manager)


def test_another_manager_can_be_deactivated_but_never_the_last_active_one(manager):
    other_manager = make_user("manager")
    assert act(manager, other_manager, "deactivate", confirm="yes").status_code == 303
    assert not row(other_manager).active
    # Every other manager deactivated (as if by the command line): this one is the last.
    with get_sessionmaker()() as db:
        db.execute(
            update(StaffUser)
            .where(StaffUser.role == "manager", StaffUser.email != manager.email)
            .values(active=False)
        )
        db.commit()
        me = db.scalar(select(StaffUser).where(StaffUser.email == manager.email))
        with pytest.raises(accounts.AccountRefused, match="last active manager"):
            accounts.deactivate(db, me)  # the command line has no manager of its own
        db.rollback()
    assert row(manager.email).active
    assert manage_user.main(["deactivate", "--email", manager.email]) == 1
    assert row(manager.email).active


# --------------------------------------------------------------------------- reset codes


def test_a_reset_code_lets_the_person_choose_a_new_password_once(manager):
    navigator = make_user("navigator")
    phone = signed_in(navigator, ("198.51.100.50", 1))
    code = issue_code(manager, navigator)
    assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", code)
    # Issuing it ends every session, and the old password stops working.
    assert not is_signed_in(phone)
    person = TestClient(app, client=("198.51.100.51", 1))
    assert refused_sign_in(sign_in(person, navigator, PASSWORD))
    # Only a hash of the code is kept, and it expires.
    with get_sessionmaker()() as db:
        reset = db.scalar(
            select(StaffResetCode).where(StaffResetCode.user_id == user_id(navigator))
        )
        normal = code.replace("-", "")
        assert reset.code_hash == hashlib.sha256(normal.encode()).hexdigest()
        assert normal not in reset.code_hash
        lifetime = reset.expires_at - reset.created_at
        assert lifetime == RESET_CODE_LIFETIME

    # The new password must keep the rules: the code still works after a refusal.
    short = use_code(person, navigator, code, "too short")
    assert short.status_code == 400 and str(MIN_PASSWORD_LENGTH) in short.text
    different = use_code(person, navigator, code, NEW_PASSWORD, again=NEW_PASSWORD + "!")
    assert different.status_code == 400 and "not the same" in different.text
    # Another person's e-mail address with this code: refused.
    assert use_code(person, manager.email, code).status_code == 401

    # Typed as people type it: lower case, without the dashes.
    done = use_code(person, navigator, code.lower().replace("-", " "))
    assert done.status_code == 303
    assert done.headers["location"] == "/navigator/sign-in?reset=done"
    assert PASSWORD_CHANGED in person.get(done.headers["location"]).text
    assert refused_sign_in(sign_in(person, navigator, PASSWORD))
    assert sign_in(person, navigator, NEW_PASSWORD).status_code == 303

    # Used once: not again.
    again = use_code(TestClient(app, client=("198.51.100.52", 1)), navigator, code, "x" * 20)
    assert again.status_code == 401 and RESET_REFUSED in again.text
    assert (
        sign_in(TestClient(app, client=("198.51.100.53", 1)), navigator, NEW_PASSWORD).status_code
        == 303
    )

    # Audited: who issued a code for whom, its use and the refusals; never the code itself.
    entries = audit_entries()
    issued = [e for e in entries if e.action == "issued_password_reset"][-1]
    assert issued.actor == manager.email and navigator in issued.detail
    used = [e for e in entries if e.action == "password_reset_used"][-1]
    assert used.actor == navigator
    assert [e for e in entries if e.action == "password_reset_refused"]
    for entry in entries:
        assert normal not in entry.detail.upper().replace("-", "").replace(" ", "")
        assert NEW_PASSWORD not in entry.detail


def test_a_reset_code_expires_and_a_newer_one_replaces_it(manager):
    navigator = make_user("navigator")
    first = issue_code(manager, navigator)
    second = issue_code(manager, navigator)
    person = TestClient(app, client=("198.51.100.60", 1))
    assert use_code(person, navigator, first).status_code == 401
    with get_sessionmaker()() as db:
        db.execute(
            update(StaffResetCode)
            .where(StaffResetCode.user_id == user_id(navigator))
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
        db.commit()
    assert use_code(person, navigator, second).status_code == 401


def test_deactivation_stops_reset_codes_and_no_code_is_issued_for_a_deactivated_account(manager):
    navigator = make_user("navigator")
    code = issue_code(manager, navigator)
    assert act(manager, navigator, "deactivate", confirm="yes").status_code == 303
    assert (
        use_code(TestClient(app, client=("198.51.100.61", 1)), navigator, code).status_code == 401
    )
    response = act(manager, navigator, "reset-password")
    assert response.status_code == 409 and "reactivate" in response.text


def test_a_manager_cannot_reset_their_own_password_here(manager):
    response = act(manager, manager.email, "reset-password")
    assert response.status_code == 409
    assert (
        is_signed_in(manager)
        and sign_in(TestClient(app, client=("198.51.100.62", 1)), manager.email).status_code == 303
    )


def test_guessing_reset_codes_is_throttled_like_guessing_passwords(manager):
    navigator = make_user("navigator")
    code = issue_code(manager, navigator)
    guesser = TestClient(app, client=("203.0.113.99", 1))
    for n in range(ADDRESS_MAX_FAILURES):
        assert use_code(guesser, navigator, f"AAAA-BBBB-CCCC-{n:04d}").status_code == 401
    # Within the address's wait even the right code gets the same answer, and is not used up.
    response = use_code(guesser, navigator, code)
    assert response.status_code == 401 and RESET_REFUSED in response.text
    assert audit_entries()[-1].action == "password_reset_throttled"
    assert (
        use_code(TestClient(app, client=("198.51.100.63", 1)), navigator, code).status_code == 303
    )


# --------------------------------------------------------------------------- sessions


def test_a_manager_ends_every_session_of_an_account(manager):
    navigator = make_user("navigator")
    phone, desk = (
        signed_in(navigator, ("198.51.100.70", 1)),
        signed_in(navigator, ("198.51.100.71", 1)),
    )
    response = act(manager, navigator, "end-sessions")
    assert response.status_code == 303
    assert not is_signed_in(phone) and not is_signed_in(desk)
    assert is_signed_in(manager)
    # The account itself still works: they sign in again.
    assert sign_in(phone, navigator).status_code == 303
    entry = [e for e in audit_entries() if e.action == "ended_staff_sessions"][-1]
    assert entry.actor == manager.email
    assert entry.detail == f"{navigator} (account {user_id(navigator)}); 2 session(s) ended"


def test_anyone_can_sign_themselves_out_everywhere(navigator):
    other_device = signed_in(navigator.email, ("198.51.100.80", 1))
    someone_else = signed_in(make_user("navigator"), ("198.51.100.81", 1))
    page = navigator.get("/navigator/account")
    assert page.status_code == 200 and "2 sessions" in page.text
    response = navigator.post(
        "/navigator/sign-out-everywhere",
        data={"csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/navigator/sign-in"
    assert not is_signed_in(navigator) and not is_signed_in(other_device)
    assert is_signed_in(someone_else)
    entry = [e for e in audit_entries() if e.action == "signed_out_everywhere"][-1]
    assert (entry.actor, entry.detail) == (navigator.email, "2 session(s) ended")


# --------------------------------------------------------------------------- command line


def test_the_command_line_resets_deactivates_and_reactivates(capsys):
    navigator = make_user("navigator")
    desk = signed_in(navigator, ("198.51.100.90", 1))
    assert manage_user.main(["reset", "--email", navigator.upper()]) == 0
    out = capsys.readouterr().out
    code = re.search(r"^\s+([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})$", out, re.M).group(1)
    assert not is_signed_in(desk)
    person = TestClient(app, client=("198.51.100.91", 1))
    assert use_code(person, navigator, code).status_code == 303
    assert sign_in(person, navigator, NEW_PASSWORD).status_code == 303

    assert manage_user.main(["end-sessions", "--email", navigator]) == 0
    assert not is_signed_in(person)
    assert manage_user.main(["deactivate", "--email", navigator]) == 0
    assert refused_sign_in(sign_in(person, navigator, NEW_PASSWORD))
    assert manage_user.main(["deactivate", "--email", navigator]) == 1  # already
    assert manage_user.main(["reactivate", "--email", navigator]) == 0
    assert sign_in(person, navigator, NEW_PASSWORD).status_code == 303
    assert manage_user.main(["reset", "--email", "nobody@council.example.org"]) == 1

    actions = [(e.actor, e.action) for e in audit_entries() if navigator in e.detail]
    assert actions == [
        ("command line", "issued_password_reset"),
        ("command line", "ended_staff_sessions"),
        ("command line", "deactivated_staff_account"),
        ("command line", "reactivated_staff_account"),
    ]
    assert not [e for e in audit_entries() if code in e.detail]


# --------------------------------------------------------------------------- the pages


INLINE = re.compile(r"<script|<style\b|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.I)


def test_the_new_pages_keep_to_the_content_security_policy(manager):
    navigator = make_user("navigator")
    pages = [
        manager.get("/navigator/staff"),
        manager.get("/navigator/account"),
        TestClient(app).get("/navigator/reset-password"),
        TestClient(app).get("/navigator/sign-in?reset=done"),
        act(manager, navigator, "reset-password"),
    ]
    for page in pages:
        assert page.status_code == 200, page.url
        assert page.headers["cache-control"] == "no-store", page.url
        assert not INLINE.search(page.text), page.url


def test_migration_0007_goes_down_and_up_again_on_sqlite(tmp_path):
    """(On PostgreSQL: tests/staff/test_accounts_postgres.py.)"""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from bot.db.migrate import upgrade
    from bot.settings import PROJECT_ROOT

    url = f"sqlite:///{tmp_path / 'migrations.db'}"

    def schema() -> tuple[bool, bool]:
        engine = create_engine(url)
        inspector = inspect(engine)
        found = (
            "staff_reset_code" in inspector.get_table_names(),
            "last_failed_sign_in_at" in {c["name"] for c in inspector.get_columns("staff_user")},
        )
        engine.dispose()
        return found

    upgrade(url)
    assert schema() == (True, True)
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    command.downgrade(config, "0006")
    assert schema() == (False, False)
    upgrade(url)
    assert schema() == (True, True)
