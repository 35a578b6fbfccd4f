"""Access log and HTTP metrics, as one small ASGI middleware.

Every request is logged and counted under its route *template*
(``POST /api/chat/sessions/{session_id}/messages 200``), never its raw path or query string, so
session ids, offer ids typed by hand and tokens never reach logs or metric labels. A path no route
matches is recorded as ``<unmatched>``.
"""

from __future__ import annotations

import logging
import time
from contextvars import ContextVar

from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .logging import SAFE_RECORD
from .metrics import CHAT_MESSAGES, HTTP_LATENCY, HTTP_REQUESTS, chat_result

access_log = logging.getLogger("bot.access")

UNMATCHED = "<unmatched>"
CHAT_MESSAGE_ROUTE = "/api/chat/sessions/{session_id}/messages"
_QUIET_ROUTES = {"/metrics", "/health"}  # polled by monitoring: logged at DEBUG
# The route template of the request being answered, for uvicorn's access log line, which
# uvicorn writes inside the `send` of the response's start (bot/observability/uvicorn_access.py).
CURRENT_ROUTE: ContextVar[str | None] = ContextVar("current_route", default=None)


def route_template(app: ASGIApp, scope: Scope) -> str:
    """The path template of the route that handled ``scope``.

    Call after the app has run: FastAPI's router leaves the matched route in ``scope["route"]``
    (also for a 405, right path and wrong method). Mounted apps (``/widget``) are found by
    matching the app's ``Mount`` routes against a copy of the scope.
    """
    route = scope.get("route")
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    if isinstance(path, str) and path:
        return path
    return mount_template(app, scope) or UNMATCHED


def mount_template(app: ASGIApp, scope: Scope) -> str | None:
    router = getattr(app, "router", None)
    for route in getattr(router, "routes", None) or []:
        if isinstance(route, Mount):
            try:
                match, _ = route.matches(dict(scope))
            except Exception:  # pragma: no cover - a mount that cannot match a copy
                continue
            if match == Match.FULL:
                return route.path.rstrip("/") + "/{path}"
    return None


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        root = scope.get("app", self.app)  # the FastAPI app, whose router holds the routes
        mounted = mount_template(root, scope)  # before the app runs: mounts change the scope
        method = scope.get("method", "GET")
        status = 500
        started = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                CURRENT_ROUTE.set(
                    route_template(root, scope) if "route" in scope else mounted or UNMATCHED
                )
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(root, scope) if "route" in scope else mounted or UNMATCHED
            CURRENT_ROUTE.set(route)  # for a 500 sent further out (ServerErrorMiddleware)
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            HTTP_LATENCY.labels(method=method, route=route).observe(elapsed)
            if route == CHAT_MESSAGE_ROUTE and method == "POST":
                CHAT_MESSAGES.labels(result=chat_result(status)).inc()
            access_log.log(
                logging.DEBUG if route in _QUIET_ROUTES and status < 400 else logging.INFO,
                "%s %s %s %.1fms",
                method,
                route,
                status,
                elapsed * 1000,
                extra={
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    SAFE_RECORD: True,
                },
            )
