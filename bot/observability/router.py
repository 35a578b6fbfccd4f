"""``GET /metrics``: Prometheus text exposition.

Open by default (the numbers hold no personal data). Set ``METRICS_TOKEN`` to require
``Authorization: Bearer <token>`` — advisable when the app is reachable from the internet.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response

from bot.settings import get_settings

from .metrics import render

router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    token = get_settings().metrics_token
    if token:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return Response(
                "Not authorised.\n",
                status_code=401,
                media_type="text/plain",
                headers={"WWW-Authenticate": "Bearer"},
            )
    body, content_type = render()
    return Response(body, media_type=content_type)
