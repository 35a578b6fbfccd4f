"""Content changes go live without a restart, and a mistake never takes the assistant down.

The app looks at the content folder (CONTENT_DIR, else offer_content/) every
CONTENT_RELOAD_SECONDS (0 turns it off). When a file has changed, the whole offer is read and
checked again, exactly as at start-up:

- valid: it replaces the offer in use (``use_offer``); the next message and page use it;
- invalid: the assistant keeps serving the last good content, the log says ERROR with every
  problem in plain words (the same words as `make content-check`), and `/health` shows
  `"content": "invalid"` until the folder is fixed. Alert on either.

Texts, contacts, hours and sections all go live this way. Glossary synonyms also change what
Rasa recognises: those need the model retrained (`make train`, then restart Rasa), see
offer_content/README.md.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.offer.loader import ContentError, content_dir_from_env, load_offer, use_offer

log = logging.getLogger(__name__)

CONTENT_SUFFIXES = (".md", ".yml", ".yaml")


def fingerprint(root: Path) -> str:
    """What the content folder holds now: each content file's path, size and modification time
    (a change to any of them is a change; reading every file each time is not needed)."""
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.suffix in CONTENT_SUFFIXES):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass
class ContentStatus:
    state: str = "ok"  # "ok", or "invalid" while the folder holds content that cannot be used
    problems: tuple[str, ...] = ()


class ContentWatcher:
    """Applies content changes (``check``); one per app process."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else content_dir_from_env()
        self.seen = fingerprint(self.root)  # what is in use now (loaded at start-up)
        self.status = ContentStatus()
        self._lock = threading.Lock()

    def check(self) -> bool:
        """Look once; True when new content was put in use."""
        with self._lock:
            now = fingerprint(self.root)
            if now == self.seen:
                return False
            self.seen = now
            try:
                offer = load_offer(self.root)  # the whole check: nothing changes unless it passes
            except ContentError as exc:
                problems = tuple(str(p) for p in exc.problems) if exc.problems else (str(exc),)
                self.status = ContentStatus("invalid", problems)
                log.error(
                    "content change NOT applied: the assistant keeps the last good content "
                    "until %s is fixed (run `make content-check`): %s",
                    self.root,
                    "; ".join(problems),
                )
                return False
            except Exception as exc:  # an unreadable file: the same, never a crash
                self.status = ContentStatus("invalid", (f"{type(exc).__name__}: {exc}",))
                log.exception("content change NOT applied: the last good content stays in use")
                return False
            use_offer(offer)
            self.status = ContentStatus()
            log.info("content change applied from %s", self.root)
            return True


async def run_forever(watcher: ContentWatcher, interval_seconds: float) -> None:
    """The job the app's lifespan starts: look every `interval_seconds`."""
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            await asyncio.to_thread(watcher.check)
        except Exception:  # keep looking; the last good content stays in use
            log.exception("content check failed")
