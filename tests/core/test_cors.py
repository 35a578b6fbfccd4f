"""CORS for the chat API only, for the council's sites in ALLOWED_EMBED_ORIGINS (empty: none)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.chat.rasa_client import RasaClient
from bot.main import create_app
from bot.settings import Settings, get_settings

COUNCIL = "https://www.example.gov.uk"
OTHER = "https://evil.example.com"


def client_with(origins: str) -> TestClient:
    """The real app with these origins (its lifespan is not run: Rasa is not needed here)."""
    settings = get_settings().model_copy(update={"allowed_embed_origins": origins})
    app = create_app(settings)
    app.state.rasa = RasaClient(settings)  # "down", as in every unit test
    return TestClient(app)


def preflight(client: TestClient, path: str, origin: str):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_the_council_site_may_call_the_chat_api():
    client = client_with(f"{COUNCIL} https://council.example.org")
    response = preflight(client, "/api/chat/sessions", COUNCIL)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == COUNCIL
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in response.headers
    # The real request gets the header too, errors included (the widget reads their detail).
    for method, path in (
        ("GET", "/api/chat/config"),
        ("POST", "/api/chat/sessions/not-a-session/messages"),
    ):
        response = client.request(method, path, headers={"Origin": COUNCIL}, json={"text": "hi"})
        assert response.headers["access-control-allow-origin"] == COUNCIL, path
        assert "Origin" in response.headers["vary"]


def test_another_site_is_not_allowed():
    client = client_with(COUNCIL)
    response = preflight(client, "/api/chat/sessions", OTHER)
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    response = client.get("/api/chat/config", headers={"Origin": OTHER})
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    "path", ["/api/offer/sections", "/navigator", "/api/staff/enquiries", "/health", "/metrics"]
)
def test_nothing_but_the_chat_api_is_opened(path):
    client = client_with(COUNCIL)
    response = client.get(path, headers={"Origin": COUNCIL}, follow_redirects=False)
    assert "access-control-allow-origin" not in response.headers, path
    assert "access-control-allow-origin" not in preflight(client, path, COUNCIL).headers


def test_same_origin_only_by_default():
    client = client_with("")
    assert (
        "access-control-allow-origin"
        not in preflight(client, "/api/chat/sessions", COUNCIL).headers
    )
    response = client.get("/api/chat/config", headers={"Origin": COUNCIL})
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    "value", ["*", "https://*.example.gov.uk", "www.example.gov.uk", "https://x.example/page"]
)
def test_allowed_embed_origins_must_be_site_addresses(value):
    with pytest.raises(ValueError, match="ALLOWED_EMBED_ORIGINS"):
        Settings(allowed_embed_origins=value)


def test_a_trailing_slash_is_dropped():
    settings = Settings(allowed_embed_origins="https://www.example.gov.uk/")
    assert settings.allowed_embed_origins == COUNCIL
