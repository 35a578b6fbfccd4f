"""Rate limits on the chat API, per conversation and per client address.

A sliding window of recent request times is kept in memory for each key. With several app
workers each worker counts on its own, so the effective limit is up to (workers × limit); the
limits are meant to stop floods and scripted abuse, not to meter ordinary use.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from bot.core.errors import AppError

TOO_MANY = "You are sending messages very quickly. Please wait a moment and try again."


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0, max_keys: int = 100_000):
        self.limit = limit
        self.window = window_seconds
        self.max_keys = max_keys
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
                    TOO_MANY,
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
    """The chat API's three limits, from the settings."""

    def __init__(self, settings) -> None:
        self.per_session = RateLimiter(settings.rate_limit_per_session)
        self.per_address = RateLimiter(settings.rate_limit_per_address)
        self.sessions_per_address = RateLimiter(settings.rate_limit_sessions_per_address)
