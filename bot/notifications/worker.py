"""The background task that sends the outbox (started in the app's lifespan)."""

from __future__ import annotations

import asyncio
import logging

from bot.db.session import get_sessionmaker
from bot.notifications.service import send_pending
from bot.settings import Settings

log = logging.getLogger("bot.notifications")


def send_once(settings: Settings) -> int:
    with get_sessionmaker()() as db:
        return send_pending(db, settings)


async def run_forever(settings: Settings) -> None:
    while True:
        try:
            await asyncio.to_thread(send_once, settings)
        except Exception:  # the database may be briefly unavailable: try again next time
            log.exception("outbox run failed")
        await asyncio.sleep(settings.outbox_poll_seconds)
