"""Who may leave a message through POST /api/chat/fallback-enquiry (issue 16): anyone while the
assistant cannot be reached; while it is up only with the short-lived token from the widget's
config; per-address (IPv6 by /64) and total limits per hour."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.core import clock, fallback_token
from bot.core.ratelimit import ChatLimits
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.settings import get_settings

URL = "/api/chat/fallback-enquiry"
MESSAGE = {"contact": "07700 900123", "message": "Please call me", "consent": True}


def stored() -> int:
    with get_sessionmaker()() as db:
        return db.scalar(select(func.count()).select_from(Enquiry))


@pytest.fixture
def rasa_up(client, monkeypatch):
    async def up() -> bool:
        return True

    monkeypatch.setattr(client.app.state.rasa, "is_up", up)
    return client


@pytest.fixture
def rasa_down(client, monkeypatch):
    """Down without asking (the extra TestClients below run their own event loops, which the
    app's aiohttp session, made in the fixture's loop, cannot use)."""

    async def down() -> bool:
        return False

    monkeypatch.setattr(client.app.state.rasa, "is_up", down)
    return client


def low_limits(client, per_address: int, total: int):
    saved = client.app.state.limits
    client.app.state.limits = ChatLimits(
        SimpleNamespace(
            rate_limit_per_session=0,
            rate_limit_per_address=0,
            rate_limit_sessions_per_address=0,
            fallback_enquiries_per_address_per_hour=per_address,
            fallback_enquiries_per_hour=total,
        )
    )
    return saved


def test_accepted_while_the_assistant_is_down(client):
    # The tests' Rasa URL is a closed port: the assistant is "down".
    before = stored()
    response = client.post(URL, json=MESSAGE)
    assert response.status_code == 201, response.text
    assert stored() == before + 1


def test_refused_while_the_assistant_is_up_without_a_token(rasa_up):
    before = stored()
    response = rasa_up.post(URL, json=MESSAGE)
    assert response.status_code == 409, response.text
    body = response.json()
    assert "The assistant is working" in body["detail"]
    assert "Kinship Navigators" in body["detail"]  # the contact routes, in words
    assert body["contacts"][0]["name"] == "Kinship Navigators"
    assert stored() == before


def test_the_config_token_lets_a_message_through_while_the_assistant_is_up(rasa_up):
    token = rasa_up.get("/api/chat/config").json()["fallback_token"]
    assert token
    before = stored()
    response = rasa_up.post(URL, json={**MESSAGE, "token": token})
    assert response.status_code == 201, response.text
    assert stored() == before + 1


@pytest.mark.parametrize(
    "token",
    ["nonsense", "", "1.abc", "99999999999.0000", 12345, "x" * 500, {"a": 1}],
)
def test_a_forged_token_is_refused_while_the_assistant_is_up(rasa_up, token):
    response = rasa_up.post(URL, json={**MESSAGE, "token": token})
    assert response.status_code == 403, response.text
    assert "expired" in response.json()["detail"]
    assert response.json()["contacts"]


def test_a_token_expires_after_the_set_minutes(rasa_up, monkeypatch):
    minutes = get_settings().fallback_token_minutes
    issued_at = dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC)
    with clock.fixed(issued_at):
        token = rasa_up.get("/api/chat/config").json()["fallback_token"]
    with clock.fixed(issued_at + dt.timedelta(minutes=minutes - 1)):
        assert rasa_up.post(URL, json={**MESSAGE, "token": token}).status_code == 201
    with clock.fixed(issued_at + dt.timedelta(minutes=minutes + 1)):
        refused = rasa_up.post(URL, json={**MESSAGE, "token": token})
    assert refused.status_code == 403
    # With the assistant down, the same expired token does not stand in the way.
    monkeypatch.undo()
    with clock.fixed(issued_at + dt.timedelta(minutes=minutes + 1)):
        assert rasa_up.post(URL, json={**MESSAGE, "token": token}).status_code == 201


def test_a_token_is_only_good_from_the_address_it_was_given_to(rasa_up):
    app = rasa_up.app
    home = TestClient(app, client=("2001:db8:10:20::1", 5000))
    same_64 = TestClient(app, client=("2001:db8:10:20::99", 5000))
    other = TestClient(app, client=("198.51.100.4", 5000))
    token = home.get("/api/chat/config").json()["fallback_token"]
    assert same_64.post(URL, json={**MESSAGE, "token": token}).status_code == 201
    assert other.post(URL, json={**MESSAGE, "token": token}).status_code == 403


def test_tokens_are_signed_with_a_key_from_the_action_token():
    secret = get_settings().action_token
    token = fallback_token.issue(secret, "192.0.2.1", 30)
    assert fallback_token.is_valid(secret, token, "192.0.2.1")
    assert not fallback_token.is_valid(secret + "x", token, "192.0.2.1")
    assert not fallback_token.is_valid("", token, "192.0.2.1")
    assert secret not in token


def test_an_ipv6_64_counts_as_one_address(rasa_down):
    client = rasa_down
    saved = low_limits(client, per_address=2, total=0)
    try:
        app = client.app
        first = TestClient(app, client=("2001:db8:aa:bb::1", 5000))
        second = TestClient(app, client=("2001:db8:aa:bb:ffff::2", 5000))
        next_64 = TestClient(app, client=("2001:db8:aa:bc::1", 5000))
        ipv4_a = TestClient(app, client=("192.0.2.10", 5000))
        ipv4_b = TestClient(app, client=("192.0.2.11", 5000))
        assert first.post(URL, json=MESSAGE).status_code == 201
        assert second.post(URL, json=MESSAGE).status_code == 201
        refused = first.post(URL, json=MESSAGE)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"]
        assert refused.json()["contacts"]
        assert "several messages" in refused.json()["detail"]
        assert next_64.post(URL, json=MESSAGE).status_code == 201
        # IPv4: each address on its own.
        for _ in range(2):
            assert ipv4_a.post(URL, json=MESSAGE).status_code == 201
        assert ipv4_a.post(URL, json=MESSAGE).status_code == 429
        assert ipv4_b.post(URL, json=MESSAGE).status_code == 201
    finally:
        client.app.state.limits = saved


def test_a_total_cap_per_hour_for_everyone(rasa_down):
    client = rasa_down
    saved = low_limits(client, per_address=0, total=3)
    try:
        app = client.app
        senders = [TestClient(app, client=(f"203.0.113.{i}", 5000)) for i in range(1, 6)]
        # Refused attempts (no consent) do not use up everyone's share.
        assert senders[0].post(URL, json={**MESSAGE, "consent": False}).status_code == 422
        codes = [s.post(URL, json=MESSAGE).status_code for s in senders]
        assert codes == [201, 201, 201, 429, 429]
        refused = senders[4].post(URL, json=MESSAGE)
        assert "cannot take more messages" in refused.json()["detail"]
        assert refused.json()["contacts"][0]["name"] == "Kinship Navigators"
    finally:
        client.app.state.limits = saved


def test_refusals_while_the_assistant_is_up_do_not_use_up_the_total(rasa_up):
    saved = low_limits(rasa_up, per_address=0, total=1)
    try:
        for _ in range(5):
            assert rasa_up.post(URL, json=MESSAGE).status_code == 409
        token = rasa_up.get("/api/chat/config").json()["fallback_token"]
        assert rasa_up.post(URL, json={**MESSAGE, "token": token}).status_code == 201
    finally:
        rasa_up.app.state.limits = saved
