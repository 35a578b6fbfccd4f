"""Talks to the Rasa server: its REST channel for messages, its token-protected HTTP API for state."""

from __future__ import annotations

from typing import Any

import httpx

from bot.settings import Settings


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or answered with an error."""


class RasaClient:
    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self._base = settings.rasa_url.rstrip("/")
        self._token = settings.rasa_token
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.rasa_timeout_seconds, connect=2.0),
            transport=transport,
            limits=httpx.Limits(max_keepalive_connections=20, max_connections=50),
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, sender_id: str, message: str) -> list[dict[str, Any]]:
        """Send one user message; return the bot's replies as Rasa's REST channel gives them."""
        try:
            response = await self._client.post(
                f"{self._base}/webhooks/rest/webhook",
                json={"sender": sender_id, "message": message},
            )
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        if response.status_code != 200:
            raise RasaUnavailable(f"status {response.status_code}")
        body = response.json()
        if not isinstance(body, list):
            raise RasaUnavailable("unexpected reply")
        return body

    async def slots(self, sender_id: str) -> dict[str, Any]:
        """The conversation's current slot values (no events)."""
        try:
            response = await self._client.get(
                f"{self._base}/conversations/{sender_id}/tracker",
                params={"include_events": "NONE", "token": self._token},
            )
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        if response.status_code != 200:
            raise RasaUnavailable(f"status {response.status_code}")
        return response.json().get("slots") or {}

    async def is_up(self) -> bool:
        try:
            response = await self._client.get(
                f"{self._base}/status", params={"token": self._token}, timeout=2.0
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and bool(response.json().get("model_file"))
