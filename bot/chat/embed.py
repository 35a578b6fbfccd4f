"""The chat as a page made for framing (security issue #16): GET /chat/embed.

The iframe embed (web_widget/embed.js on the council's page) shows this page in a frame: the
same widget (web_widget/widget.js with `data-embed="page"`: open, filling the page, no
launcher), but served from the app's own origin, so the conversation (session id and
transcript) is kept in the app origin's sessionStorage, where the council page's analytics and
other scripts cannot read it.

Headers: the app's Content-Security-Policy (bot/core/security_headers.py) applies as on every
page, so only the app itself and the sites in FRAME_ANCESTORS may frame it (`frame-ancestors`)
and no inline script or style is allowed (the page has none); `no-store` (this is not a public
path) and `noindex`, in a header and in a meta tag.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

EMBED_PATH = "/chat/embed"
PAGE_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store"}

EMBED_PAGE = """<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>Kinship support chat</title>
  <link rel="stylesheet" href="/widget/frame.css">
</head>
<body>
  <noscript><p>The chat needs JavaScript. The <a href="/offer" target="_blank">Kinship Local
    Offer pages (open in new tab)</a> have the same help.</p></noscript>
  <script src="/widget/widget.js" data-api-base="" data-title="Kinship support chat"
    data-embed="page" defer></script>
</body>
</html>
"""

router = APIRouter(tags=["chat embed"])


@router.get(EMBED_PATH, response_class=HTMLResponse, include_in_schema=False)
def embed_page() -> HTMLResponse:
    """The chat, open and filling the page, for an iframe on the council's site."""
    return HTMLResponse(EMBED_PAGE, headers=PAGE_HEADERS)
