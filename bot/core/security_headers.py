"""Security headers on every response, in one small ASGI middleware.

- `Content-Security-Policy`: scripts, styles, images and connections from the app's own origin
  only, no inline script or style (the pages, the widget and the staff pages have none; a test
  keeps it so), forms post only here, and `frame-ancestors` the app itself plus the council's
  sites in FRAME_ANCESTORS.
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (staff pages hold enquiry
  ids in their addresses; nothing here needs a referrer), `Cross-Origin-Opener-Policy`.
- `Strict-Transport-Security` only in production (PUBLIC_BASE_URL is https there; on a
  developer's http://127.0.0.1 it would only get in the way).
- `Cache-Control: no-store` on everything except the public, personal-data-free content (the
  demo page, the offer pages and API, the widget's files, the staff pages' CSS): the chat API,
  the staff pages and API, the exports, health and metrics. A path not listed as public gets
  `no-store`, so a new route with personal data is covered without anyone remembering to.
  Every 5xx is `no-store` too.
- An unhandled error (a 500): Starlette's `ServerErrorMiddleware` sits outside every middleware
  of ours, so its 500 would go out without any of these. This middleware sends the 500 itself
  (plain words, nothing of the error: `bot/core/errors.py`), with every header above, then
  lets the error go on, so it is still logged (`bot.errors`) and a test client still raises it.

The interactive API docs (development and test only: they are off in production) load Swagger UI
and ReDoc from a CDN and start them with an inline script; those two pages get a policy that
allows exactly that.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.core.errors import unexpected_error_response
from bot.settings import Settings, origins

# Paths whose responses hold nothing personal and may be cached.
PUBLIC_PATHS = ("/", "/offer", "/privacy")
PUBLIC_PREFIXES = ("/offer/", "/api/offer/", "/widget/", "/navigator/static/")
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")

_DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_DOCS_CDN}; "
    f"style-src 'self' 'unsafe-inline' {_DOCS_CDN} https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https:; "
    "worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)


def content_security_policy(settings: Settings) -> str:
    ancestors = " ".join(["'self'", *origins(settings.frame_ancestors)])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        f"object-src 'none'; frame-ancestors {ancestors}"
    )


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.csp = content_security_policy(settings)
        self.hsts = settings.environment == "production"
        self.docs = settings.environment != "production"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                docs_page = self.docs and path in DOCS_PATHS
                headers["Content-Security-Policy"] = DOCS_CSP if docs_page else self.csp
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                if self.hsts:
                    headers["Strict-Transport-Security"] = "max-age=31536000"
                if not is_public(path) or message["status"] >= 500:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:  # once a response has begun, nothing else can be sent
                await unexpected_error_response()(scope, receive, send_with_headers)
            raise
