"""Rate limits shared by the app workers in Redis (RATE_LIMIT_STORE=redis), and what happens
when Redis cannot be reached. The tests marked `redis` use the real Redis server that
`make test` starts (TEST_REDIS_PORT, scripts/redis.sh); each works under a prefix of its own and
deletes its keys afterwards. The memory store's own tests are in test_ratelimit.py."""

from __future__ import annotations

import logging
import time
import uuid
from types import SimpleNamespace

import pytest
import redis
from fastapi.testclient import TestClient

from bot.core import ratelimit
from bot.core.errors import AppError
from bot.core.ratelimit import ChatLimits, RateLimiter, SharedCounts
from bot.settings import Settings
from scripts.live_system import free_port

LOW_LIMITS = SimpleNamespace(
    rate_limit_per_session=3,
    rate_limit_per_address=5,
    rate_limit_sessions_per_address=4,
    fallback_enquiries_per_address_per_hour=0,
    fallback_enquiries_per_hour=0,
)


@pytest.fixture
def worker(redis_port, redis_client):
    """Makes the shared counts of one more app worker: its own connection, one Redis."""
    prefix = f"kinship-test:{uuid.uuid4().hex[:8]}:rl:"
    made = []

    def make() -> SharedCounts:
        shared = SharedCounts(redis.Redis(port=redis_port), prefix=prefix)
        made.append(shared)
        return shared

    make.prefix = prefix
    yield make
    for shared in made:
        shared.client.close()
    for key in redis_client.scan_iter(f"{prefix}*"):
        redis_client.delete(key)


def unreachable() -> SharedCounts:
    """Shared counts at a Redis that is not there (nothing listens on the port)."""
    settings = Settings(rate_limit_store="redis", redis_host="127.0.0.1", redis_port=free_port())
    return SharedCounts.from_settings(settings)


def refused(limiter: RateLimiter, key: str, now: float | None = None) -> AppError:
    with pytest.raises(AppError) as error:
        limiter.check(key, now=now)
    assert error.value.status_code == 429
    return error.value


@pytest.mark.redis
def test_two_workers_share_one_limit(worker):
    first = RateLimiter(3, 60, name="address", shared=worker())
    second = RateLimiter(3, 60, name="address", shared=worker())
    first.check("192.0.2.7")
    second.check("192.0.2.7")
    first.check("192.0.2.7")
    # Three in all: each worker alone would have allowed three.
    error = refused(second, "192.0.2.7")
    assert 59 <= int(error.headers["Retry-After"]) <= 60
    refused(first, "192.0.2.7")
    first.check("192.0.2.8")  # other keys are not affected


@pytest.mark.redis
def test_the_shared_window_slides_as_the_memory_one(worker):
    first = RateLimiter(3, 60, name="address", shared=worker())
    second = RateLimiter(3, 60, name="address", shared=worker())
    for limiter, t in ((first, 0), (second, 1), (first, 2)):
        limiter.check("a", now=t)
    assert refused(second, "a", now=3).headers["Retry-After"] == "58"  # as test_sliding_window
    second.check("b", now=3)
    # The first request has left the window (and the refused one was not counted).
    second.check("a", now=60.5)
    refused(first, "a", now=60.6)


@pytest.mark.redis
def test_each_limit_counts_on_its_own(worker):
    shared = worker()
    new_chats = RateLimiter(1, 60, name="new-chats", shared=shared)
    messages = RateLimiter(1, 60, name="address", shared=shared)
    new_chats.check("192.0.2.7")
    messages.check("192.0.2.7")  # the same address, another limit
    refused(new_chats, "192.0.2.7")


@pytest.mark.redis
def test_the_window_expires_in_redis_and_so_do_the_keys(worker, redis_client):
    limiter = RateLimiter(2, 1.0, name="address", shared=worker())
    limiter.check("2001:db8:1:2::/64")
    limiter.check("2001:db8:1:2::/64")
    # Whole seconds, rounded up (2 when the requests fell in the same millisecond).
    assert refused(limiter, "2001:db8:1:2::/64").headers["Retry-After"] in ("1", "2")
    keys = list(redis_client.scan_iter(f"{worker.prefix}*"))
    assert len(keys) == 1
    # Only a digest of the address key is stored, kept no longer than the window.
    assert b"2001" not in keys[0] and keys[0].startswith(f"{worker.prefix}address:".encode())
    assert all(b"2001" not in member for member in redis_client.zrange(keys[0], 0, -1))
    assert 0 < redis_client.pttl(keys[0]) <= 1000
    time.sleep(1.1)
    assert not redis_client.exists(keys[0])
    limiter.check("2001:db8:1:2::/64")


@pytest.mark.redis
def test_two_app_workers_share_the_limits_on_the_api(worker):
    from bot.main import create_app

    apps = [create_app(), create_app()]
    for app in apps:
        app.state.limits = ChatLimits(LOW_LIMITS, shared=worker())
    first, second = (TestClient(app, client=("2001:db8:5:6::1", 5000)) for app in apps)
    codes = [c.post("/api/chat/sessions").status_code for c in (first, second) * 2]
    assert codes == [201, 201, 201, 201]
    assert second.post("/api/chat/sessions").status_code == 429  # 4 per /64, both workers
    assert first.post("/api/chat/sessions").status_code == 429


def test_unreachable_redis_falls_back_to_memory_with_one_warning(caplog):
    limiter = RateLimiter(2, 60, name="address", shared=unreachable())
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        limiter.check("192.0.2.7")
        limiter.check("192.0.2.7")
        refused(limiter, "192.0.2.7")  # counted in this worker's memory: still a limit
        limiter.check("192.0.2.8")
        limiter.check("192.0.2.8")
        for _ in range(3):
            refused(limiter, "192.0.2.8")
    warnings = [r for r in caplog.records if "cannot be used" in r.getMessage()]
    assert len(warnings) == 1  # once a minute, not once a request
    assert "127.0.0.1" in warnings[0].getMessage()
    assert "memory" in warnings[0].getMessage()


def test_a_worker_does_not_wait_for_an_unreachable_redis_on_every_request():
    shared = unreachable()
    limiter = RateLimiter(1000, 60, name="address", shared=shared)
    limiter.check("192.0.2.7")
    assert not shared.usable()  # memory for REDIS_RETRY_SECONDS, then Redis is tried again
    calls = []
    shared.hit = lambda *args, **kwargs: calls.append(args)
    for _ in range(10):
        limiter.check("192.0.2.7")
    assert calls == []


@pytest.mark.redis
def test_counts_are_shared_again_when_redis_answers(worker, caplog, monkeypatch):
    shared = worker()
    limiter = RateLimiter(3, 60, name="address", shared=shared)
    monkeypatch.setattr(ratelimit, "REDIS_RETRY_SECONDS", 0.0)
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        shared.failed(redis.ConnectionError("gone for a moment"))
        limiter.check("192.0.2.7")
    assert any("answers again" in r.getMessage() for r in caplog.records)
    other = RateLimiter(3, 60, name="address", shared=worker())
    other.check("192.0.2.7")
    other.check("192.0.2.7")
    refused(other, "192.0.2.7")  # the first request was counted in Redis


def test_memory_is_the_default_and_redis_is_built_from_the_redis_settings(tmp_path):
    assert Settings().rate_limit_store == "memory"
    assert SharedCounts.from_settings(Settings()) is None
    shared = SharedCounts.from_settings(
        Settings(rate_limit_store="redis", redis_host="10.0.0.9", redis_port=6380)
    )
    kwargs = shared.client.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["password"]) == ("10.0.0.9", 6380, None)
    assert shared.client.connection_pool.connection_class is redis.Connection
    ca = tmp_path / "ca.pem"
    tls = SharedCounts.from_settings(
        Settings(rate_limit_store="redis", redis_password="s3cr3t-pw", redis_ca_file=str(ca))
    )
    kwargs = tls.client.connection_pool.connection_kwargs
    assert tls.client.connection_pool.connection_class is redis.SSLConnection
    assert kwargs["ssl_ca_certs"] == str(ca) and kwargs["password"] == "s3cr3t-pw"


@pytest.fixture
def limits_swapped(client):
    saved = client.app.state.limits
    yield client
    client.app.state.limits = saved


def test_health_says_where_the_limits_count(limits_swapped):
    client = limits_swapped
    assert client.get("/health").json()["rate_limits"] == "memory"
    client.app.state.limits = ChatLimits(LOW_LIMITS, shared=unreachable())
    assert client.get("/health").json()["rate_limits"] == "redis-down"


@pytest.mark.redis
def test_health_says_redis_when_it_answers(limits_swapped, worker):
    limits_swapped.app.state.limits = ChatLimits(LOW_LIMITS, shared=worker())
    assert limits_swapped.get("/health").json()["rate_limits"] == "redis"
