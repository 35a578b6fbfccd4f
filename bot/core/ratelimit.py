"""Rate limits on the chat API, per conversation and per client address, and on "leave a
message" (`POST /api/chat/fallback-enquiry`), per address and in total.

Each limit is a sliding window: a request is refused while `limit` requests were already
accepted for its key in the last `window` seconds. Where the counts are kept is a setting:

- `RATE_LIMIT_STORE=memory` (the default): in each app worker's memory. With several workers
  each counts on its own, so the effective limit is up to (workers × limit), and a restart
  forgets the counts.
- `RATE_LIMIT_STORE=redis`: in Redis (REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, REDIS_CA_FILE,
  the same server as Rasa's lock store), shared by every worker and host, one limit for all.
  When Redis cannot be reached a worker counts in its own memory meanwhile (`SharedCounts`).

Addresses are counted by `address_key`: an IPv6 address by its /64 network (one household or
phone is given a whole /64, and can pick any address in it), an IPv4 address on its own.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import secrets
import threading
import time
from collections import deque

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.core.errors import AppError

log = logging.getLogger("bot.ratelimit")

TOO_MANY = "You are sending messages very quickly. Please wait a moment and try again."
FALLBACK_TOO_MANY = (
    "You have left several messages in a short time. Please wait before leaving another, "
    "or contact the Kinship Navigators directly."
)
FALLBACK_BUSY = (
    "We cannot take more messages here right now. Please contact the Kinship Navigators "
    "directly, or try again later."
)


def address_key(host: str) -> str:
    """The key a client address is counted under: the /64 network of an IPv6 address, an IPv4
    address as it is (also when written IPv4-mapped), anything else ("unknown") unchanged."""
    try:
        address = ipaddress.ip_address(host.strip().split("%", 1)[0])
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


# Redis keys: the prefix, the limit's name, and a digest of the counted key.
KEY_PREFIX = "kinship:rl:"
# How long a worker waits for Redis. Redis on the same host or network answers in well under a
# millisecond; a server that takes longer is treated as unreachable rather than slowing every
# chat message down.
REDIS_TIMEOUT_SECONDS = 0.5
# After a failure a worker counts in memory for this long before it tries Redis again, so a
# Redis that is down costs one timeout every few seconds, not one per request.
REDIS_RETRY_SECONDS = 5.0
# The warning that Redis cannot be used is logged at most this often (per worker).
WARN_EVERY_SECONDS = 60.0

# One request against one key, atomically: forget the requests that have left the window,
# refuse when `limit` are left (returning the milliseconds until the oldest leaves), otherwise
# add this one and keep the key no longer than the window after it. The time is Redis's own
# clock (one clock for every worker and host), or ARGV[3] when given (the tests).
# KEYS[1]: the key; ARGV: limit, window in ms, now in ms or "", a member unique to the request.
_SLIDING_WINDOW = """
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return -1
"""


class SharedCounts:
    """The limits' counts in Redis, shared by every app worker and host
    (`RATE_LIMIT_STORE=redis`). One instance per worker, used by all its limiters.

    When Redis cannot be used (down, a timeout, a wrong password or certificate) the limiters
    count in their worker's own memory meanwhile, and a WARNING says so at most once a minute.
    Neither alternative is better: refusing every request would take the chat down with Redis
    (the limits only stop floods), and letting every request through would leave no limit at
    all. Counting per worker keeps a limit (up to workers × limit, as with the memory store)
    while Redis is away. /health shows `rate_limits: redis-down` meanwhile.

    Keys hold a SHA-256 digest of what is counted (an address key, a chat's session id), never
    the value: a session id lets whoever has it write in that chat. An address's digest can
    still be found by trying every address, so it is personal data; it is kept no longer than
    its window (a minute, an hour for "leave a message") after the last request."""

    # What counts here, in the warnings (a subclass counts something else in the same Redis).
    what = "rate limits"

    def __init__(self, client: redis.Redis, where: str = "Redis", prefix: str = KEY_PREFIX):
        self.client = client
        self.where = where
        self.prefix = prefix
        self._script = client.register_script(_SLIDING_WINDOW)
        self._lock = threading.Lock()
        self._down = False
        self._retry_at = 0.0  # time.monotonic(): do not try Redis before then
        self._warned_at = -math.inf

    @classmethod
    def from_settings(cls, settings) -> SharedCounts | None:
        """The shared counts RATE_LIMIT_STORE=redis asks for (with TLS when REDIS_CA_FILE
        names the CA that signed Redis's certificate); None for the memory store."""
        if settings.rate_limit_store != "redis":
            return None
        client = redis.Redis(
            host=settings.redis_host,
            port=settings.redis_port,
            password=settings.redis_password or None,
            ssl=bool(settings.redis_ca_file),
            ssl_ca_certs=settings.redis_ca_file or None,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            # One immediate retry, for a pooled connection Redis closed (e.g. it restarted);
            # not the client's default of several with back-off, which would hold up requests.
            retry=Retry(NoBackoff(), 1),
        )
        return cls(client, where=f"Redis at {settings.redis_host}:{settings.redis_port}")

    def usable(self) -> bool:
        """False for a short while after a failure (the limiters count in memory meanwhile)."""
        return not self._down or time.monotonic() >= self._retry_at

    def key(self, name: str, key: str) -> str:
        """The Redis key for `key` in the limit `name`: the prefix, the name and a SHA-256
        digest of the key (never the key itself)."""
        return f"{self.prefix}{name}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"

    def hit(
        self, name: str, key: str, limit: int, window: float, now: float | None = None
    ) -> float | None:
        """Count one request for `key` in the limit `name`: None when it is accepted, or the
        seconds until a request leaves the window when it is refused. `now` (seconds): only
        for tests; otherwise Redis's clock. Raises redis.RedisError when Redis cannot be used."""
        now_ms = "" if now is None else str(round(now * 1000))
        wait_ms = self._script(
            keys=[self.key(name, key)],
            args=[limit, max(1, round(window * 1000)), now_ms, secrets.token_hex(8)],
        )
        self._recovered()
        return None if wait_ms < 0 else wait_ms / 1000

    def failed(self, error: Exception) -> None:
        """Redis could not be used: count in memory for REDIS_RETRY_SECONDS, and say so."""
        now = time.monotonic()
        with self._lock:
            self._down = True
            self._retry_at = now + REDIS_RETRY_SECONDS
            warn = now - self._warned_at >= WARN_EVERY_SECONDS
            if warn:
                self._warned_at = now
        if warn:
            log.warning(
                "%s: %s cannot be used (%s: %s); this worker counts in its own memory until it can",
                self.what,
                self.where,
                type(error).__name__,
                error,
            )

    def status(self) -> str:
        """For /health: "redis" when Redis answers, "redis-down" when it does not."""
        try:
            self.client.ping()
        except redis.RedisError as exc:
            self.failed(exc)
            return "redis-down"
        self._recovered()
        return "redis"

    def _recovered(self) -> None:
        if self._down:
            with self._lock:
                was_down, self._down = self._down, False
            if was_down:
                log.warning("%s: %s answers again; the counts are shared", self.what, self.where)


class RateLimiter:
    def __init__(
        self,
        limit: int,
        window_seconds: float = 60.0,
        max_keys: int = 100_000,
        detail: str = TOO_MANY,
        name: str = "",
        shared: SharedCounts | None = None,
    ):
        self.limit = limit
        self.window = window_seconds
        self.max_keys = max_keys
        self.detail = detail
        # With `shared`, the counts are in Redis under `name` (unique per limit); this
        # worker's memory is used only while Redis cannot be.
        self.name = name
        self.shared = shared
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str, now: float | None = None) -> None:
        """Count one request for `key`; raise a 429 AppError when over the limit."""
        if self.limit <= 0:
            return
        if self.shared is not None and self.shared.usable():
            try:
                wait = self.shared.hit(self.name, key, self.limit, self.window, now)
            except redis.RedisError as exc:
                self.shared.failed(exc)  # and count in memory below
            else:
                if wait is not None:
                    self._refuse(wait)
                return
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= self.max_keys:
                    self._forget_idle(now)
                hits = self._hits[key] = deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                self._refuse(hits[0] + self.window - now)
            hits.append(now)

    def _refuse(self, wait: float) -> None:
        """The 429, with the whole seconds until a request leaves the window (at least 1, never
        more than the window: in Redis, requests within one millisecond wait exactly the window,
        which rounded up by a second said 61 for a 60-second window)."""
        retry_after = max(1, min(int(wait) + 1, math.ceil(self.window)))
        raise AppError(
            429,
            self.detail,
            headers={"Retry-After": str(retry_after)},
            retry_after_seconds=retry_after,
        )

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]
        if len(self._hits) >= self.max_keys:  # still full: drop the oldest half
            for key in list(self._hits)[: self.max_keys // 2]:
                del self._hits[key]


class ChatLimits:
    """The chat API's limits, from the settings: three per minute, and two per hour on
    "leave a message" (per address, and for everyone together, so a flood from many
    addresses cannot bury the Navigators' inbox either). `shared`: counts in Redis
    (`SharedCounts.from_settings`); None: in this worker's memory."""

    def __init__(self, settings, shared: SharedCounts | None = None) -> None:
        self.shared = shared
        self.per_session = RateLimiter(
            settings.rate_limit_per_session, name="session", shared=shared
        )
        self.per_address = RateLimiter(
            settings.rate_limit_per_address, name="address", shared=shared
        )
        self.sessions_per_address = RateLimiter(
            settings.rate_limit_sessions_per_address, name="new-chats", shared=shared
        )
        self.fallback_per_address = RateLimiter(
            settings.fallback_enquiries_per_address_per_hour,
            3600.0,
            detail=FALLBACK_TOO_MANY,
            name="fallback-address",
            shared=shared,
        )
        self.fallback_total = RateLimiter(
            settings.fallback_enquiries_per_hour,
            3600.0,
            detail=FALLBACK_BUSY,
            name="fallback-total",
            shared=shared,
        )

    def status(self) -> str:
        """Where the counts are kept, for /health: "memory" (RATE_LIMIT_STORE=memory: each
        worker on its own), "redis" (shared), or "redis-down" (each worker on its own until
        Redis answers again). Asks Redis, so call it off the event loop."""
        return "memory" if self.shared is None else self.shared.status()
