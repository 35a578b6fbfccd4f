"""No request body larger than MAX_BODY_BYTES is read: a chat message is at most a few
kilobytes (`max_message_chars`), a staff form less, and an 8 MiB JSON body was once read and
answered. Refused with 413 and a plain message, before the app reads it: at once when the
Content-Length says so, otherwise as soon as the bytes sent pass it."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024
# Rasa's calls to the actions carry the whole conversation's events (a long chat passes 64 KiB);
# that route is Rasa's alone (a shared token, loopback) and has its own larger limit.
ACTIONS_PATH = "/internal/rasa/"
MAX_ACTIONS_BODY_BYTES = 16 * 1024 * 1024
MESSAGE = "This request is too large. Please send less at a time."


async def refuse(send: Send) -> None:
    body = json.dumps({"detail": MESSAGE}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = (
            MAX_ACTIONS_BODY_BYTES if scope.get("path", "").startswith(ACTIONS_PATH) else self.limit
        )
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await refuse(send)
                    return
        # No (or a small) declared length: read the body here, up to the limit, then hand it
        # on. (An error raised while the app reads it would be taken for a malformed body.)
        chunks: list[Message] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                chunks.append(message)  # the client went away
                break
            received += len(message.get("body", b""))
            if received > limit:
                await refuse(send)
                return
            chunks.append(message)
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            if chunks:
                return chunks.pop(0)
            return await receive()

        await self.app(scope, replay, send)
