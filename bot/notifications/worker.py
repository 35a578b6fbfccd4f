"""The background task that sends the outbox (started in the app's lifespan), and first queues
the "leave a message" digest mail when one is due."""

from __future__ import annotations

import asyncio
import logging

from bot.db.session import get_sessionmaker
from bot.notifications.service import heartbeat, queue_fallback_digest, send_pending
from bot.settings import Settings

log = logging.getLogger("bot.notifications")


def send_once(settings: Settings) -> int:
    with get_sessionmaker()() as db:
        try:
            # Made here, so a digest due now goes in this same run.
            queue_fallback_digest(db, settings)
        except Exception:  # never let it hold back the other mails (urgent ones among them)
            db.rollback()
            log.exception("fallback digest not made")
        return send_pending(db, settings)


def beat_once() -> None:
    with get_sessionmaker()() as db:
        heartbeat(db)


async def run_heartbeat(settings: Settings) -> None:
    """Keeps this instance's claims valid while it runs, whatever its sends are doing."""
    while True:
        try:
            await asyncio.to_thread(beat_once)
        except Exception:
            log.exception("outbox heartbeat failed")
        await asyncio.sleep(settings.outbox_poll_seconds)


async def run_forever(settings: Settings) -> None:
    while True:
        try:
            await asyncio.to_thread(send_once, settings)
        except Exception:  # the database may be briefly unavailable: try again next time
            log.exception("outbox run failed")
        await asyncio.sleep(settings.outbox_poll_seconds)
