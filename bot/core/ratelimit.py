"""Rate limits on the chat API, per conversation and per client address, and on "leave a
message" (`POST /api/chat/fallback-enquiry`), per address and in total.

A sliding window of recent request times is kept in memory for each key. With several app
workers each worker counts on its own, so the effective limit is up to (workers × limit); the
limits are meant to stop floods and scripted abuse, not to meter ordinary use. (No Redis path
yet: the app has no Redis client or setting; Redis is only Rasa's lock store.)

Addresses are counted by `address_key`: an IPv6 address by its /64 network (one household or
phone is given a whole /64, and can pick any address in it), an IPv4 address on its own.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections import deque

from bot.core.errors import AppError

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


class RateLimiter:
    def __init__(
        self,
        limit: int,
        window_seconds: float = 60.0,
        max_keys: int = 100_000,
        detail: str = TOO_MANY,
    ):
        self.limit = limit
        self.window = window_seconds
        self.max_keys = max_keys
        self.detail = detail
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str, now: float | None = None) -> None:
        """Count one request for `key`; raise a 429 AppError when over the limit."""
        if self.limit <= 0:
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
                retry_after = max(1, int(hits[0] + self.window - now) + 1)
                raise AppError(
                    429,
                    self.detail,
                    headers={"Retry-After": str(retry_after)},
                    retry_after_seconds=retry_after,
                )
            hits.append(now)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]
        if len(self._hits) >= self.max_keys:  # still full: drop the oldest half
            for key in list(self._hits)[: self.max_keys // 2]:
                del self._hits[key]


class ChatLimits:
    """The chat API's limits, from the settings: three per minute, and two per hour on
    "leave a message" (per address, and for everyone together, so a flood from many
    addresses cannot bury the Navigators' inbox either)."""

    def __init__(self, settings) -> None:
        self.per_session = RateLimiter(settings.rate_limit_per_session)
        self.per_address = RateLimiter(settings.rate_limit_per_address)
        self.sessions_per_address = RateLimiter(settings.rate_limit_sessions_per_address)
        self.fallback_per_address = RateLimiter(
            settings.fallback_enquiries_per_address_per_hour, 3600.0, detail=FALLBACK_TOO_MANY
        )
        self.fallback_total = RateLimiter(
            settings.fallback_enquiries_per_hour, 3600.0, detail=FALLBACK_BUSY
        )
