"""Rate limits per conversation and per address on the chat API (429 with Retry-After)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.core.errors import AppError
from bot.core.ratelimit import ChatLimits, RateLimiter


def test_sliding_window():
    limiter = RateLimiter(limit=3, window_seconds=60)
    for t in (0, 1, 2):
        limiter.check("a", now=t)
    with pytest.raises(AppError) as refused:
        limiter.check("a", now=3)
    assert refused.value.status_code == 429
    assert refused.value.headers["Retry-After"] == "58"
    limiter.check("b", now=3)  # other keys are not affected
    limiter.check("a", now=60.5)  # the first hit has left the window


def test_zero_means_no_limit():
    limiter = RateLimiter(limit=0)
    for _ in range(1000):
        limiter.check("a")


def test_idle_keys_are_forgotten_when_full():
    limiter = RateLimiter(limit=5, window_seconds=10, max_keys=10)
    for i in range(50):
        limiter.check(f"k{i}", now=i * 20)
    assert len(limiter._hits) <= 10


@pytest.fixture
def low_limits(client):
    saved = client.app.state.limits
    client.app.state.limits = ChatLimits(
        SimpleNamespace(
            rate_limit_per_session=3,
            rate_limit_per_address=5,
            rate_limit_sessions_per_address=4,
        )
    )
    yield client
    client.app.state.limits = saved


def test_per_session_limit_on_the_api(low_limits):
    client = low_limits
    session = client.post("/api/chat/sessions").json()["session_id"]
    codes = [
        client.post(
            f"/api/chat/sessions/{session}/messages", json={"text": "i want to die"}
        ).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    refused = client.post(f"/api/chat/sessions/{session}/messages", json={"text": "hi"})
    assert refused.headers["Retry-After"]
    assert "wait a moment" in refused.json()["detail"]


def test_per_address_limits_on_the_api(low_limits):
    client = low_limits
    codes = [client.post("/api/chat/sessions").status_code for _ in range(5)]
    assert codes == [201, 201, 201, 201, 429]
