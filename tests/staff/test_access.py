"""Sign-in, sessions, CSRF and roles: nothing is reachable without the right sign-in."""

from __future__ import annotations

from fastapi.routing import APIRoute

from bot.db.session import get_sessionmaker
from bot.main import app
from bot.settings import get_settings
from bot.staff.models import StaffUser
from bot.staff.router import api as staff_api
from bot.staff.router import router as staff_router
from bot.staff.security import COOKIE_NAME
from tests.staff.conftest import PASSWORD, add_enquiry, csrf_from, make_user, sign_in

OPEN = {"/navigator/sign-in", "/navigator/reset-password", "/navigator/static/staff.css"}


def staff_routes(enquiry_id: str):
    for route in [*staff_router.routes, *staff_api.routes]:
        if not isinstance(route, APIRoute):
            continue
        if route.path.startswith(("/navigator", "/api/staff")) and route.path not in OPEN:
            for method in route.methods:
                path = route.path.replace("{enquiry_id}", enquiry_id)
                yield method, path.replace("{user_id}", "1")


def test_every_staff_page_and_api_needs_sign_in(client):
    routes = list(staff_routes(add_enquiry()))
    assert len(routes) >= 18
    for method, path in routes:
        response = client.request(method, path, follow_redirects=False)
        if path.startswith("/api/staff"):
            assert response.status_code == 401, (method, path)
        else:
            assert response.status_code == 303, (method, path)
            assert response.headers["location"] == "/navigator/sign-in"


def test_a_made_up_session_cookie_is_refused(client):
    client.cookies.set(COOKIE_NAME, "made-up")
    assert client.get("/api/staff/enquiries").status_code == 401


def test_sign_in_sets_a_safe_cookie_and_rotates_the_session(client):
    email = make_user("navigator")
    client.cookies.set(COOKIE_NAME, "fixed-by-an-attacker")
    response = sign_in(client, email)
    assert response.status_code == 303
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE_NAME))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # only in production
    first = response.cookies[COOKIE_NAME]
    assert first != "fixed-by-an-attacker"
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, first)
    assert client.get("/api/staff/enquiries").status_code == 200
    second = sign_in(client, email).cookies[COOKIE_NAME]
    assert second != first
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, first)
    assert client.get("/api/staff/enquiries").status_code == 401  # the old session is gone
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, second)
    assert client.get("/api/staff/enquiries").status_code == 200


def test_cookie_is_secure_in_production(client):
    production = get_settings().model_copy(update={"environment": "production"})
    app.dependency_overrides[get_settings] = lambda: production
    try:
        response = sign_in(client, make_user("navigator"))
    finally:
        app.dependency_overrides.clear()
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE_NAME))
    assert "Secure" in cookie


def test_wrong_passwords_slow_that_address_down_but_never_lock_the_account(client, throttles):
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from bot.staff.models import AuditEntry
    from bot.staff.router import SIGN_IN_REFUSED
    from bot.staff.security import PAIR_MAX_BACKOFF, PAIR_MAX_FAILURES, backoff

    email = make_user("navigator")
    refused = []
    for _ in range(PAIR_MAX_FAILURES):
        response = sign_in(client, email, "wrong password!!")
        refused.append((response.status_code, SIGN_IN_REFUSED in response.text))
    assert refused == [(401, True)] * PAIR_MAX_FAILURES
    # Within the wait, even the right password gets the same answer from this address...
    response = sign_in(client, email)
    assert response.status_code == 401 and SIGN_IN_REFUSED in response.text
    with get_sessionmaker()() as db:
        user = db.query(StaffUser).filter_by(email=email).one()
        assert user.locked_until is None  # the account itself is not waiting
        actions = db.scalars(select(AuditEntry.action).where(AuditEntry.user_id == user.id)).all()
        assert actions.count("sign_in_failed") == PAIR_MAX_FAILURES
        assert actions.count("sign_in_throttled") == 1
    # ...from anywhere else it works at once...
    assert sign_in(TestClient(app, client=("198.51.100.20", 1)), email).status_code == 303
    # ...and once the wait has passed (seconds, never a quarter of an hour), from here too.
    throttles.clock.advance(5.1)
    assert sign_in(client, email).status_code == 303
    limit = PAIR_MAX_BACKOFF.total_seconds()
    waits = [backoff(n, PAIR_MAX_FAILURES, PAIR_MAX_BACKOFF).total_seconds() for n in (4, 5, 6, 20)]
    assert waits == [0, 5, 10, limit]


def test_unknown_account_gets_the_same_answer(client):
    from bot.staff.router import SIGN_IN_REFUSED

    response = sign_in(client, "nobody@council.example.org", PASSWORD)
    assert response.status_code == 401 and SIGN_IN_REFUSED in response.text


def test_sign_in_form_needs_its_csrf_token(client):
    email = make_user("navigator")
    client.get("/navigator/sign-in")
    response = client.post(
        "/navigator/sign-in", data={"email": email, "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403


def test_posts_without_the_csrf_token_are_refused(navigator):
    enquiry_id = add_enquiry()
    base = f"/navigator/enquiries/{enquiry_id}"
    posts = {
        f"{base}/assign": {},
        f"{base}/notes": {"text": "called, no answer"},
        f"{base}/status": {"status": "in_progress"},
        "/navigator/sign-out": {},
        "/navigator/sign-out-everywhere": {},
    }
    for path, data in posts.items():
        for token in (None, "wrong-token"):
            body = data if token is None else {**data, "csrf_token": token}
            response = navigator.post(path, data=body, follow_redirects=False)
            assert response.status_code == 403, (path, token)
    page = navigator.get(base)
    assert "Nobody yet" in page.text  # nothing changed
    response = navigator.post(
        f"{base}/assign", data={"csrf_token": csrf_from(page.text)}, follow_redirects=False
    )
    assert response.status_code == 303


def test_navigator_cannot_reach_manager_pages(navigator):
    enquiry_id = add_enquiry()
    token = csrf_from(navigator.get("/navigator/enquiries").text)
    assert navigator.get("/navigator/export.csv").status_code == 403
    assert navigator.get("/navigator/audit").status_code == 403
    assert navigator.get("/navigator/staff").status_code == 403
    response = navigator.post(
        f"/navigator/enquiries/{enquiry_id}/erase", data={"csrf_token": token, "confirm": "yes"}
    )
    assert response.status_code == 403


def test_sign_out_ends_the_session(navigator):
    token = csrf_from(navigator.get("/navigator/enquiries").text)
    response = navigator.post(
        "/navigator/sign-out", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    assert navigator.get("/navigator/enquiries", follow_redirects=False).status_code == 303
