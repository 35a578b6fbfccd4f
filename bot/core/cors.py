"""Cross-origin access (CORS) to the chat API only, for the widget on the council's own site.

The widget can be embedded on a page of the council's website with `data-api-base` pointing at
this app. The browser then calls the chat API from another origin, and only allows that when
the answer names the page's origin. ALLOWED_EMBED_ORIGINS lists the council's sites that may;
empty (the default) means same origin only: no CORS header is ever sent.

Only `/api/chat/...` is opened (what the widget calls: config, sessions, messages, feedback,
"leave a message"). The staff pages, the offer API and everything else stay same-origin. No
credentials: the widget sends no cookies (`credentials: 'same-origin'`), and the chat API
needs none (the session id is in the path).
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.settings import Settings, origins

CHAT_API_PREFIX = "/api/chat/"


class ChatApiCorsMiddleware:
    """Starlette's CORS handling, applied to the chat API's paths and nothing else."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        allowed = origins(settings.allowed_embed_origins)
        self.cors = (
            CORSMiddleware(
                app,
                allow_origins=allowed,
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept"],
                allow_credentials=False,
                max_age=600,
            )
            if allowed
            else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.cors is not None
            and scope["type"] == "http"
            and scope.get("path", "").startswith(CHAT_API_PREFIX)
        ):
            await self.cors(scope, receive, send)
            return
        await self.app(scope, receive, send)
