"""Talks to the Rasa server: its REST channel for messages, its token-protected HTTP API for state.

RASA_URL may list several Rasa instances, separated by commas. In production they share one
tracker store (PostgreSQL) and one lock store (Redis), so any instance can carry on any
conversation: requests go round-robin, and an instance that cannot be reached is skipped.
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.settings import Settings


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or answered with an error."""


class RasaClient:
    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self._bases = [u.strip().rstrip("/") for u in settings.rasa_url.split(",") if u.strip()]
        self._next = 0
        self._token = settings.rasa_token
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.rasa_timeout_seconds, connect=2.0),
            transport=transport,
            limits=httpx.Limits(max_keepalive_connections=20, max_connections=50),
        )

    async def close(self) -> None:
        await self._client.aclose()

    def _order(self) -> list[str]:
        """Every instance once, starting with the next in turn."""
        start = self._next % len(self._bases)
        self._next += 1
        return self._bases[start:] + self._bases[:start]

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Try each instance until one answers. Only failures to connect move on to the next
        instance: a request that reached Rasa and timed out may have been handled already."""
        last: Exception | None = None
        for base in self._order():
            try:
                return await self._client.request(method, f"{base}{path}", **kwargs)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                last = exc
            except httpx.HTTPError as exc:
                raise RasaUnavailable(type(exc).__name__) from exc
        raise RasaUnavailable(type(last).__name__ if last else "no Rasa configured")

    async def send(self, sender_id: str, message: str) -> list[dict[str, Any]]:
        """Send one user message; return the bot's replies as Rasa's REST channel gives them."""
        response = await self._request(
            "POST", "/webhooks/rest/webhook", json={"sender": sender_id, "message": message}
        )
        if response.status_code != 200:
            raise RasaUnavailable(f"status {response.status_code}")
        body = response.json()
        if not isinstance(body, list):
            raise RasaUnavailable("unexpected reply")
        return body

    async def slots(self, sender_id: str) -> dict[str, Any]:
        """The conversation's current slot values (no events)."""
        response = await self._request(
            "GET",
            f"/conversations/{sender_id}/tracker",
            params={"include_events": "NONE", "token": self._token},
        )
        if response.status_code != 200:
            raise RasaUnavailable(f"status {response.status_code}")
        return response.json().get("slots") or {}

    async def is_up(self) -> bool:
        """True when at least one instance answers with a model loaded."""
        for base in self._bases:
            try:
                response = await self._client.get(
                    f"{base}/status", params={"token": self._token}, timeout=2.0
                )
            except httpx.HTTPError:
                continue
            if response.status_code == 200 and response.json().get("model_file"):
                return True
        return False
