"""Rate limits per conversation and per address on the chat API (429 with Retry-After)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.core.errors import AppError
from bot.core.ratelimit import ChatLimits, RateLimiter, address_key


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


def test_retry_after_is_never_longer_than_the_window():
    """Requests at the same instant wait exactly the window (as in Redis, within one
    millisecond): Retry-After says 60 for a 60-second window, not 61."""
    limiter = RateLimiter(limit=2, window_seconds=60)
    limiter.check("a", now=5)
    limiter.check("a", now=5)
    with pytest.raises(AppError) as refused:
        limiter.check("a", now=5)
    assert refused.value.headers["Retry-After"] == "60"


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
            fallback_enquiries_per_address_per_hour=0,
            fallback_enquiries_per_hour=0,
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


@pytest.mark.parametrize(
    "host,key",
    [
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),  # the same /64: one key
        ("2001:DB8:1:3::1", "2001:db8:1:3::/64"),  # the next /64: another
        ("fe80::1%eth0", "fe80::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),  # IPv4 written as IPv6: the IPv4 address
        ("192.0.2.7", "192.0.2.7"),  # IPv4: each address on its own
        ("192.0.2.8", "192.0.2.8"),
        ("testclient", "testclient"),
        ("unknown", "unknown"),
    ],
)
def test_addresses_are_counted_by_ipv6_64_or_ipv4_address(host, key):
    assert address_key(host) == key


def test_chat_limits_count_an_ipv6_64_as_one_address(low_limits):
    app = low_limits.app
    from fastapi.testclient import TestClient

    first = TestClient(app, client=("2001:db8:5:6::1", 5000))
    second = TestClient(app, client=("2001:db8:5:6::2", 5000))
    elsewhere = TestClient(app, client=("2001:db8:5:7::1", 5000))
    codes = [c.post("/api/chat/sessions").status_code for c in (first, second) * 2]
    assert codes == [201, 201, 201, 201]
    assert second.post("/api/chat/sessions").status_code == 429  # 4 per /64, both counted
    assert elsewhere.post("/api/chat/sessions").status_code == 201


def test_feedback_counts_the_address_by_its_key_too(low_limits):
    from fastapi.testclient import TestClient

    seen = []
    low_limits.app.state.limits.per_address.check = lambda key, now=None: seen.append(key)
    phone = TestClient(low_limits.app, client=("2001:db8:5:6::1", 5000))
    phone.post("/api/chat/sessions/no-such-chat/feedback", json={"helpful": True})
    assert seen == ["2001:db8:5:6::/64"]  # never the raw address
