"""The staff sign-in throttles (by address, by account and address) shared by the app workers in
Redis (RATE_LIMIT_STORE=redis), and what happens when Redis cannot be reached
(bot/staff/security.py: FailureThrottle, SharedFailures). The tests marked `redis` use the real
Redis server that `make test` starts (TEST_REDIS_PORT, scripts/redis.sh); each works under a
prefix of its own and deletes its keys afterwards. The in-memory throttles' own rules are
tested in test_sign_in_throttling.py."""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from bot.core import ratelimit
from bot.db.session import get_sessionmaker
from bot.settings import Settings
from bot.staff import security
from bot.staff.security import (
    ADDRESS_FORGET,
    ADDRESS_MAX_BACKOFF,
    ADDRESS_MAX_FAILURES,
    PAIR_MAX_BACKOFF,
    PAIR_MAX_FAILURES,
    AddressThrottle,
    FailureThrottle,
    PairThrottle,
    SharedFailures,
    SignInRefused,
    check_sign_in,
    create_user,
    pair_key,
)
from scripts.live_system import free_port
from tests.staff.conftest import PASSWORD, Clock

ADDRESS = "192.0.2.77"
EMAIL = "navigator.name@council.example.org"


@pytest.fixture
def worker(redis_port, redis_client):
    """Makes the shared failures of one more app worker: its own connection, one Redis."""
    prefix = f"kinship-test:{uuid.uuid4().hex[:8]}:rl:"
    made = []

    def make() -> SharedFailures:
        shared = SharedFailures(redis.Redis(port=redis_port), prefix=prefix)
        made.append(shared)
        return shared

    make.prefix = prefix
    yield make
    for shared in made:
        shared.client.close()
    for key in redis_client.scan_iter(f"{prefix}*"):
        redis_client.delete(key)


def unreachable() -> SharedFailures:
    """Shared failures at a Redis that is not there (nothing listens on the port)."""
    settings = Settings(rate_limit_store="redis", redis_host="127.0.0.1", redis_port=free_port())
    return SharedFailures.from_settings(settings)


def seconds(wait: dt.timedelta) -> float:
    return wait.total_seconds()


@pytest.mark.redis
def test_two_workers_count_failures_at_an_address_together(worker):
    first, second = AddressThrottle(shared=worker()), AddressThrottle(shared=worker())
    assert first.shared.client is not second.shared.client  # a connection each
    counted = []
    for n in range(ADDRESS_MAX_FAILURES - 1):
        counted.append((first, second)[n % 2].record_failure(ADDRESS))
    assert counted == [(n, dt.timedelta(0)) for n in range(1, ADDRESS_MAX_FAILURES)]
    assert not first.waiting(ADDRESS) and not second.waiting(ADDRESS)
    # The tenth failure in all (each worker alone has seen five) starts the wait, for both.
    assert second.record_failure(ADDRESS) == (ADDRESS_MAX_FAILURES, dt.timedelta(seconds=5))
    assert first.waiting(ADDRESS) and second.waiting(ADDRESS)
    assert not first.waiting("192.0.2.78")  # other addresses are not affected
    # Each further failure doubles the wait, whichever worker counts it.
    assert seconds(first.failed(ADDRESS)) == 10
    assert seconds(second.failed(ADDRESS)) == 20


@pytest.mark.redis
def test_two_workers_count_failures_at_an_account_from_an_address_together(worker):
    first, second = PairThrottle(shared=worker()), PairThrottle(shared=worker())
    pair = pair_key(EMAIL, ADDRESS)
    waits = [seconds((first, second)[n % 2].failed(pair)) for n in range(PAIR_MAX_FAILURES)]
    assert waits == [0] * (PAIR_MAX_FAILURES - 1) + [5]
    assert first.waiting(pair) and second.waiting(pair)
    assert not second.waiting(pair_key("someone.else@council.example.org", ADDRESS))


@pytest.mark.redis
def test_the_shared_waits_back_off_as_the_memory_ones(worker):
    for make in (AddressThrottle, PairThrottle):
        shared, memory = make(shared=worker()), make(shared=None)
        tries = make(shared=None).after + 14
        assert [shared.failed("k", now=0.0) for _ in range(tries)] == [
            memory.failed("k", now=0.0) for _ in range(tries)
        ]
    assert seconds(shared.failed("k", now=0.0)) == PAIR_MAX_BACKOFF.total_seconds()


@pytest.mark.redis
def test_failures_at_the_same_time_in_several_workers_all_count(worker):
    """One script per failure: workers failing at once do not overwrite each other's count."""
    throttles = [AddressThrottle(shared=worker()) for _ in range(4)]

    def fail(throttle: AddressThrottle) -> list[int]:
        return [throttle.record_failure(ADDRESS, now=50.0)[0] for _ in range(25)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = [n for done in pool.map(fail, throttles * 2) for n in done]
    assert sorted(counts) == list(range(1, 201))


@pytest.mark.redis
def test_a_sign_in_clears_the_count_for_every_worker(worker, redis_client):
    first, second = AddressThrottle(shared=worker()), AddressThrottle(shared=worker())
    for _ in range(ADDRESS_MAX_FAILURES):
        first.failed(ADDRESS)
    assert second.waiting(ADDRESS)
    second.succeeded(ADDRESS)
    assert not first.waiting(ADDRESS) and not second.waiting(ADDRESS)
    assert list(redis_client.scan_iter(f"{worker.prefix}*")) == []  # deleted, not zeroed
    assert first.record_failure(ADDRESS) == (1, dt.timedelta(0))  # counting from the start


@pytest.mark.redis
def test_keys_hold_only_a_digest_and_three_numbers(worker, redis_client):
    shared = worker()
    addresses, pairs = AddressThrottle(shared=shared), PairThrottle(shared=shared)
    ipv6 = "2001:db8:1:2::/64"
    addresses.failed(ADDRESS)
    addresses.failed(ipv6)
    pairs.failed(pair_key(EMAIL, ADDRESS))
    keys = sorted(k.decode() for k in redis_client.scan_iter(f"{worker.prefix}*"))
    assert len(keys) == 3
    names = sorted(k.removeprefix(worker.prefix).split(":")[0] for k in keys)
    assert names == ["signin-address", "signin-address", "signin-pair"]
    for key in keys:
        assert re.fullmatch(rf"{re.escape(worker.prefix)}signin-(address|pair):[0-9a-f]{{32}}", key)
        state = redis_client.hgetall(key)
        assert sorted(state) == [b"failures", b"last", b"until"]
        assert all(value.isdigit() for value in state.values())
        stored = key.encode() + b" ".join(state.values())
        for clear_text in ("192.0.2", "2001", "db8", "navigator", "council", "@"):
            assert clear_text.encode() not in stored
        # Kept for a quiet hour (and the longest wait) after the last failure, no longer.
        most = max(ADDRESS_MAX_BACKOFF, PAIR_MAX_BACKOFF)
        assert ADDRESS_FORGET.total_seconds() * 1000 - 5000 < redis_client.pttl(key)
        assert redis_client.pttl(key) <= (ADDRESS_FORGET + most).total_seconds() * 1000


@pytest.mark.redis
def test_keys_expire_after_a_quiet_while(worker, redis_client, monkeypatch):
    monkeypatch.setattr(security, "ADDRESS_FORGET", dt.timedelta(milliseconds=300))
    throttle = FailureThrottle(
        2, dt.timedelta(milliseconds=200), name="signin-address", shared=worker()
    )
    throttle.failed(ADDRESS)
    assert seconds(throttle.failed(ADDRESS)) == 0.2  # BACKOFF, at most `most`
    (key,) = redis_client.scan_iter(f"{worker.prefix}*")
    assert 0 < redis_client.pttl(key) <= 500
    time.sleep(0.7)
    assert not redis_client.exists(key)
    assert not throttle.waiting(ADDRESS)
    assert throttle.record_failure(ADDRESS) == (1, dt.timedelta(0))


@pytest.mark.redis
def test_the_wait_is_honoured_by_every_worker_until_it_ends(worker):
    clock = Clock()  # one clock for both, moved on by the test
    first, second = AddressThrottle(shared=worker()), AddressThrottle(shared=worker())
    first.clock = second.clock = clock
    for _ in range(ADDRESS_MAX_FAILURES):
        first.failed(ADDRESS)
    clock.advance(4.9)
    assert second.waiting(ADDRESS)
    clock.advance(0.2)
    assert not second.waiting(ADDRESS) and not first.waiting(ADDRESS)
    # Not forgotten: the next failure, in the other worker, doubles the wait.
    assert seconds(second.failed(ADDRESS)) == 10
    assert first.waiting(ADDRESS)
    # After a quiet hour the count starts again.
    clock.advance(ADDRESS_FORGET.total_seconds() + 1)
    assert second.record_failure(ADDRESS) == (1, dt.timedelta(0))


@pytest.mark.redis
def test_on_redis_s_own_clock_the_wait_holds_in_every_worker(worker, redis_client):
    first, second = PairThrottle(shared=worker()), PairThrottle(shared=worker())
    pair = pair_key(EMAIL, ADDRESS)
    for _ in range(PAIR_MAX_FAILURES):
        first.failed(pair)
    assert second.waiting(pair) and first.waiting(pair)
    (key,) = redis_client.scan_iter(f"{worker.prefix}*")
    state = {k.decode(): int(v) for k, v in redis_client.hgetall(key).items()}
    redis_now, micros = redis_client.time()
    assert state["until"] - state["last"] == 5000
    assert 0 <= (redis_now * 1000 + micros // 1000) - state["last"] < 5000


@pytest.mark.redis
def test_sign_ins_through_two_workers_share_the_pair_wait(worker):
    """check_sign_in as two app workers would run it: the stranger's wrong passwords, spread
    over both, start the wait at the fifth; then even the right password is refused by
    either worker, while the Navigator's own address is not slowed."""
    workers = [
        {"addresses": AddressThrottle(shared=shared), "pairs": PairThrottle(shared=shared)}
        for shared in (worker(), worker())
    ]
    email = f"shared-{secrets.token_hex(4)}@council.example.org"
    with get_sessionmaker()() as db:
        create_user(db, email, PASSWORD, "navigator")
        db.commit()
        for n in range(PAIR_MAX_FAILURES):
            with pytest.raises(SignInRefused) as refused:
                check_sign_in(db, email, "a guess", address=ADDRESS, **workers[n % 2])
            db.commit()
            assert refused.value.throttled == ""
        assert refused.value.waits == {"pair": dt.timedelta(seconds=5)}
        for throttles in workers:
            with pytest.raises(SignInRefused) as refused:
                check_sign_in(db, email, PASSWORD, address=ADDRESS, **throttles)
            db.commit()
            assert refused.value.throttled == "pair"
        signed_in = check_sign_in(db, email, PASSWORD, address="198.51.100.9", **workers[1])
        assert signed_in.user.email == email


def test_an_unreachable_redis_falls_back_to_memory_with_one_warning(caplog):
    shared = unreachable()
    throttle = AddressThrottle(shared=shared)
    throttle.clock = clock = Clock()
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        waits = [seconds(throttle.failed(ADDRESS)) for _ in range(ADDRESS_MAX_FAILURES + 1)]
        assert waits == [0] * (ADDRESS_MAX_FAILURES - 1) + [5, 10]
        assert throttle.waiting(ADDRESS)  # counted in this worker's memory: still throttled
        clock.advance(10.1)
        assert not throttle.waiting(ADDRESS)
        throttle.failed(ADDRESS)
        throttle.succeeded(ADDRESS)
        assert throttle.record_failure(ADDRESS) == (1, dt.timedelta(0))
    warnings = [r.getMessage() for r in caplog.records if "cannot be used" in r.getMessage()]
    assert len(warnings) == 1  # once a minute, not once a try
    assert "sign-in" in warnings[0] and "127.0.0.1" in warnings[0] and "memory" in warnings[0]
    assert not shared.usable()  # memory for REDIS_RETRY_SECONDS, then Redis is tried again


def test_a_redis_error_during_a_call_falls_back_to_memory_for_that_call(caplog, monkeypatch):
    shared = unreachable()
    throttle = PairThrottle(shared=shared)
    monkeypatch.setattr(ratelimit, "REDIS_RETRY_SECONDS", 0.0)  # Redis tried on every call
    calls = []

    def gone(*args, **kwargs):
        calls.append(args)
        raise redis.ConnectionError("gone for a moment")

    monkeypatch.setattr(shared, "failure", gone)
    monkeypatch.setattr(shared, "waiting", gone)
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        for _ in range(PAIR_MAX_FAILURES):
            throttle.failed(ADDRESS, now=0.0)
        assert throttle.waiting(ADDRESS, now=1.0)
    assert len(calls) == PAIR_MAX_FAILURES + 1
    assert len([r for r in caplog.records if "cannot be used" in r.getMessage()]) == 1


@pytest.mark.redis
def test_counts_are_shared_again_when_redis_answers(worker, caplog, monkeypatch):
    shared = worker()
    throttle = AddressThrottle(shared=shared)
    monkeypatch.setattr(ratelimit, "REDIS_RETRY_SECONDS", 0.0)
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        shared.failed(redis.ConnectionError("gone for a moment"))
        throttle.failed(ADDRESS)
    assert any("answers again" in r.getMessage() for r in caplog.records)
    other = AddressThrottle(shared=worker())
    assert other.record_failure(ADDRESS)[0] == 2  # the first was counted in Redis


def test_memory_is_the_default_and_redis_is_built_from_the_redis_settings(monkeypatch):
    security.settings_failures.cache_clear()
    try:
        monkeypatch.setattr(security, "get_settings", lambda: Settings())
        assert Settings().rate_limit_store == "memory"
        assert AddressThrottle().shared is None and PairThrottle().shared is None
        assert FailureThrottle(3, ADDRESS_MAX_BACKOFF).shared is None
        security.settings_failures.cache_clear()
        monkeypatch.setattr(
            security,
            "get_settings",
            lambda: Settings(rate_limit_store="redis", redis_host="10.0.0.9", redis_port=6380),
        )
        addresses, pairs = AddressThrottle(), PairThrottle()
        assert isinstance(addresses.shared, SharedFailures)
        assert pairs.shared is addresses.shared  # one per worker, for both throttles
        kwargs = addresses.shared.client.connection_pool.connection_kwargs
        assert (kwargs["host"], kwargs["port"]) == ("10.0.0.9", 6380)
        assert addresses.name != pairs.name
    finally:
        security.settings_failures.cache_clear()
