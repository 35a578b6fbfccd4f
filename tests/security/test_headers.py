"""Security headers on every class of route (bot/core/security_headers.py), through the real app:
a Content-Security-Policy without inline script, nosniff, a referrer policy, frame-ancestors
from FRAME_ANCESTORS, HSTS only in production, and `Cache-Control: no-store` on every response
that can carry personal data. The HTML the app serves keeps to that policy (no inline script,
style or event handler), and production serves no API docs."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bot.main import create_app
from bot.settings import Settings, get_settings
from tests.staff.conftest import add_enquiry

# (method, path, what it is). Each class of route, public and personal.
PUBLIC = [
    ("GET", "/", "demo page"),
    ("GET", "/offer", "offer page"),
    ("GET", "/offer/housing", "offer page"),
    ("GET", "/offer/leaflet", "offer page"),
    ("GET", "/offer/arrangements/sgo", "offer page"),
    ("GET", "/privacy", "offer page"),
    ("GET", "/offer/static/offer.css", "offer page asset"),
    ("GET", "/widget/widget.js", "widget asset"),
    ("GET", "/widget/widget.css", "widget asset"),
    ("GET", "/widget/demo.css", "widget asset"),
    ("GET", "/api/offer/sections", "offer API"),
    ("GET", "/api/offer/sections/housing", "offer API"),
    ("GET", "/api/offer/openreferral.json", "offer export"),
    ("GET", "/navigator/static/staff.css", "staff page asset"),
]
PERSONAL = [
    ("GET", "/api/chat/config", "chat API"),
    ("POST", "/api/chat/sessions", "chat API"),
    ("POST", "/api/chat/sessions/{session}/messages", "chat API"),
    ("POST", "/api/chat/sessions/{session}/feedback", "chat API"),
    ("POST", "/api/chat/fallback-enquiry", "chat API"),
    ("GET", "/navigator/sign-in", "staff page"),
    ("GET", "/navigator/enquiries", "staff page"),
    ("GET", "/navigator/enquiries/{enquiry}", "staff page"),
    ("GET", "/navigator/audit", "staff page"),
    ("GET", "/navigator/insights", "staff page"),
    ("GET", "/navigator/content-review", "staff page"),
    ("GET", "/navigator/content", "staff page"),
    ("GET", "/navigator/content/preview/housing", "staff page"),
    ("GET", "/api/staff/enquiries", "staff API"),
    ("GET", "/api/staff/enquiries/{enquiry}", "staff API"),
    ("GET", "/navigator/export.csv", "export"),
    ("GET", "/navigator/insights.csv", "export"),
    ("GET", "/health", "health"),
    ("GET", "/metrics", "metrics"),
    ("POST", "/internal/rasa/webhook", "Rasa's action endpoint"),
    ("GET", "/no/such/page", "not found"),
]
RASA_DOWN_503 = {"/health", "/api/chat/sessions/{session}/messages"}  # Rasa is "down" here
BODIES = {
    "/messages": {"text": "hello"},
    "/feedback": {"helpful": True},
    "/fallback-enquiry": {"contact": "x"},
}


def call(client, method: str, path: str, **ids):
    path = path.format(**ids)
    body = next((b for end, b in BODIES.items() if path.endswith(end)), None)
    return client.request(method, path, json=body, follow_redirects=False)


@pytest.fixture
def ids(manager):
    session = manager.post("/api/chat/sessions").json()["session_id"]
    return {"session": session, "enquiry": add_enquiry()}


def assert_common_headers(response, label: str) -> None:
    headers = response.headers
    csp = headers.get("content-security-policy", "")
    assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp, label
    assert "style-src 'self';" in csp and "object-src 'none'" in csp, label
    assert "frame-ancestors 'self'" in csp, label
    assert headers.get("x-content-type-options") == "nosniff", label
    assert headers.get("referrer-policy") == "no-referrer", label
    assert "strict-transport-security" not in headers, label  # only in production


@pytest.mark.parametrize(("method", "path", "what"), PERSONAL, ids=[p for _, p, _ in PERSONAL])
def test_every_response_that_may_hold_personal_data_is_not_stored(manager, ids, method, path, what):
    response = call(manager, method, path, **ids)
    label = f"{method} {path} ({what}): {response.status_code}"
    assert response.status_code < 500 or path in RASA_DOWN_503, label
    assert_common_headers(response, label)
    assert response.headers.get("cache-control") == "no-store", label


@pytest.mark.parametrize(("method", "path", "what"), PUBLIC, ids=[p for _, p, _ in PUBLIC])
def test_public_content_has_the_headers_and_may_be_cached(client, method, path, what):
    response = call(client, method, path)
    label = f"{method} {path} ({what}): {response.status_code}"
    assert response.status_code == 200, label
    assert_common_headers(response, label)
    assert "no-store" not in response.headers.get("cache-control", ""), label


def test_signed_in_staff_pages_and_the_refused_oversized_body_have_them_too(manager, ids):
    enquiry = manager.get(f"/navigator/enquiries/{ids['enquiry']}")
    assert enquiry.status_code == 200 and "Alex Example" in enquiry.text
    assert enquiry.headers["cache-control"] == "no-store"
    api = manager.get(f"/api/staff/enquiries/{ids['enquiry']}")
    assert api.status_code == 200 and api.headers["cache-control"] == "no-store"
    too_big = manager.post(
        f"/api/chat/sessions/{ids['session']}/messages",
        content=b"x" * (65 * 1024),
        headers={"content-type": "application/json"},
    )
    assert too_big.status_code == 413
    assert_common_headers(too_big, "413")
    assert too_big.headers["cache-control"] == "no-store"


# The policy allows no inline script, style or handler: every page the app serves keeps to it.
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_the_html_pages_have_no_inline_script_or_style(manager, ids):
    paths = [p for _, p, what in PUBLIC + PERSONAL if "page" in what and "asset" not in what]
    for path in paths:
        response = manager.get(path.format(**ids))
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        for pattern, name in INLINE:
            assert not pattern.search(response.text), f"{path}: {name}"


def test_the_api_docs_outside_production_get_their_own_policy(client):
    for path in ("/docs", "/redoc"):
        response = client.get(path)
        assert response.status_code == 200
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
    assert client.get("/openapi.json").status_code == 200


@pytest.fixture
def production_client():
    """The real app built with production settings. The lifespan (and its start check, tested
    in tests/test_production_start.py) is not run: these routes need neither Rasa nor it."""
    settings = get_settings().model_copy(
        update={
            "environment": "production",
            "frame_ancestors": "https://www.example.gov.uk https://example.gov.uk",
            "public_base_url": "https://kinship.example.gov.uk",
        }
    )
    return TestClient(create_app(settings))


def test_production_adds_hsts_and_the_council_sites_as_frame_ancestors(production_client):
    response = production_client.get("/offer")
    assert response.status_code == 200
    assert response.headers["strict-transport-security"] == "max-age=31536000"
    csp = response.headers["content-security-policy"]
    assert csp.endswith("frame-ancestors 'self' https://www.example.gov.uk https://example.gov.uk")


def test_production_serves_no_api_docs(production_client):
    for path in ("/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"):
        assert production_client.get(path).status_code == 404, path


def test_open_referral_links_come_from_public_base_url_never_the_host_header():
    settings = Settings(environment="test", public_base_url="https://kinship.example.gov.uk/")
    app = create_app(settings)
    app.dependency_overrides[get_settings] = lambda: settings
    response = TestClient(app).get(
        "/api/offer/openreferral.json", headers={"host": "evil.example.com"}
    )
    assert response.status_code == 200
    assert "evil.example.com" not in response.text
    assert "https://kinship.example.gov.uk/offer/housing" in response.text


# An unhandled error (a 500) goes out through Starlette's ServerErrorMiddleware, which sits
# outside every middleware of the app's own: it carries the same headers all the same, and
# plain words with nothing of the error in them.
INTERNALS = "secret-internal-detail in /srv/kinship/bot/thing.py password=hunter2"


def raising_client(settings: Settings | None = None) -> TestClient:
    app = create_app(settings or get_settings())

    def raises() -> None:
        raise RuntimeError(INTERNALS)

    app.add_api_route("/api/chat/test-raises", raises, methods=["GET", "POST"])
    app.add_api_route("/api/offer/test-raises", raises, methods=["GET"])
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("path", ["/api/chat/test-raises", "/api/offer/test-raises"])
def test_an_unhandled_error_has_the_headers_and_says_nothing_of_what_went_wrong(path, caplog):
    with caplog.at_level("ERROR", logger="bot.errors"):
        response = raising_client().get(path)
    label = f"GET {path}: {response.status_code}"
    assert response.status_code == 500, label
    assert_common_headers(response, label)
    # Never kept, not even on a path whose ordinary answers may be cached.
    assert response.headers.get("cache-control") == "no-store", label
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "Something went wrong on our side. Please try again."}
    for internal in ("secret-internal-detail", "/srv/", "hunter2", "RuntimeError", "Traceback"):
        assert internal not in response.text, internal
    # Still logged, as an unexpected error.
    assert any("unexpected error: RuntimeError" in r.getMessage() for r in caplog.records)


def test_an_unhandled_error_in_production_has_hsts_and_the_councils_frame_ancestors():
    settings = get_settings().model_copy(
        update={
            "environment": "production",
            "frame_ancestors": "https://www.example.gov.uk",
            "public_base_url": "https://kinship.example.gov.uk",
        }
    )
    response = raising_client(settings).post("/api/chat/test-raises")
    assert response.status_code == 500
    assert response.headers["strict-transport-security"] == "max-age=31536000"
    csp = response.headers["content-security-policy"]
    assert csp.endswith("frame-ancestors 'self' https://www.example.gov.uk")
    assert response.headers["cache-control"] == "no-store"
    assert "secret-internal-detail" not in response.text
