"""The short-lived token that lets the widget leave a message for the Navigators
(`POST /api/chat/fallback-enquiry`) although the assistant is up.

"Leave a message" is meant for when the chat fails. The app accepts one without a token only
while Rasa cannot be reached; but the chat can also fail for the person while Rasa answers the
app's health check (a timeout, a dropped connection), so the widget's config
(`GET /api/chat/config`) gives a token for it, valid FALLBACK_TOKEN_MINUTES. It is
"<expiry, unix seconds>.<HMAC-SHA256>", over the expiry and the client's address key (an IPv6
/64, an IPv4 address; see bot/core/ratelimit.py), with a key derived from ACTION_TOKEN (the
same in every worker, never sent anywhere). It is not a secret: it only makes a flood go
through the config first, from the same address, and the rate limits still apply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from bot.core import clock

_PURPOSE = b"kinship fallback-enquiry token v1"


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def _signature(secret: str, expires: int, address: str) -> str:
    message = f"{expires}|{address}".encode()
    return hmac.new(_key(secret), message, hashlib.sha256).hexdigest()


def issue(secret: str, address: str, minutes: float, now: dt.datetime | None = None) -> str:
    """A token for `address` (an address key), valid for `minutes` from now."""
    now = now or clock.now()
    expires = int(now.timestamp() + minutes * 60)
    return f"{expires}.{_signature(secret, expires, address)}"


def is_valid(secret: str, token: object, address: str, now: dt.datetime | None = None) -> bool:
    """True for a token this app issued to `address` that has not expired."""
    if not secret or not isinstance(token, str) or len(token) > 100 or "." not in token:
        return False
    expires_text, signature = token.split(".", 1)
    if not expires_text.isdigit():
        return False
    expires = int(expires_text)
    expected = _signature(secret, expires, address)
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return False
    now = now or clock.now()
    return now.timestamp() < expires
