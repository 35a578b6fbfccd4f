"""Content changes go live without a restart, and a mistake never takes the assistant down.

The app looks at the content folder (CONTENT_DIR, else offer_content/) every
CONTENT_RELOAD_SECONDS (0 turns it off). When a file has changed, the whole offer is read and
checked again, exactly as at start-up:

- valid: it replaces the offer in use (``use_offer``); the next message and page use it;
- invalid (it does not load, or `make content-check` finds an error in it, in the mode the app
  runs in): the assistant keeps serving the last good content, the log says ERROR with every
  problem in plain words (the same words as `make content-check`), and `/health` shows
  `"content": "invalid"` until the folder is fixed. Alert on either.

Texts, contacts, hours and sections all go live this way. Glossary synonyms also change what
Rasa recognises: those need the model retrained (`make train`, then restart Rasa), see
offer_content/README.md.

The staff page /navigator/content (bot/staff/content.py) shows the same to content staff:
`ContentWatcher.in_use` says whether the content in use is the folder as it stands, and
`read_folder` reads and checks the folder as it stands without putting it in use.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.offer.checks import check_content
from bot.offer.loader import ContentError, Problem, content_dir_from_env, load_offer, use_offer
from bot.offer.models import Offer

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

    def __init__(self, root: Path | None = None, *, production: bool = False) -> None:
        self.root = Path(root) if root is not None else content_dir_from_env()
        # The checks of `make content-check` in the mode the app runs in (production: also
        # placeholders and missing emergency numbers), as `make serve` runs them at start.
        self.production = production
        self.seen = fingerprint(self.root)  # what is in use now (loaded at start-up)
        self.status = ContentStatus()
        self.in_use_since = dt.datetime.now(dt.UTC)  # start-up, then each change put in use
        self._lock = threading.Lock()

    def in_use(self, folder_fingerprint: str) -> str:
        """What is in use, beside the folder whose fingerprint is given (`read_folder`):
        "current" (the folder as it stands), "older" (the folder holds a change that could not
        be used: the last good content stays in use), or "waiting" (the folder changed since
        the app last looked; it looks every CONTENT_RELOAD_SECONDS)."""
        if folder_fingerprint != self.seen:
            return "waiting"
        return "older" if self.status.state == "invalid" else "current"

    def check(self) -> bool:
        """Look once; True when new content was put in use."""
        with self._lock:
            now = fingerprint(self.root)
            if now == self.seen:
                return False
            self.seen = now
            try:
                offer = load_offer(self.root)  # the whole check: nothing changes unless it passes
                errors = [
                    p
                    for p in check_content(self.root, production=self.production)
                    if p.level == "error"
                ]
                if errors:  # it loads, but `make content-check` finds mistakes: not used either
                    raise ContentError(errors)
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
            self.in_use_since = dt.datetime.now(dt.UTC)
            log.info("content change applied from %s", self.root)
            return True


@dataclass(frozen=True)
class FolderNow:
    """The content folder as it stands: read and checked, never put in use."""

    fingerprint: str
    offer: Offer | None  # None: it cannot be used (see the errors)
    problems: tuple[Problem, ...]  # errors and warnings, as `make content-check` gives them

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


# The last folder read, kept until a file changes: reading and checking the real content takes
# about 0.4 s (measured: check_content 0.27 s, load_offer 0.15 s), its fingerprint about 1 ms.
_last_read: tuple[tuple[Path, str, bool, dt.date], FolderNow] | None = None
_read_lock = threading.Lock()


def read_folder(root: Path, *, production: bool = False) -> FolderNow:
    """The folder `root` as it stands: `check_content` (errors and warnings) and, when it has
    no errors that stop it loading, the offer it holds (`load_offer`, not put in use)."""
    global _last_read
    with _read_lock:
        key = (Path(root), fingerprint(root), production, dt.date.today())
        if _last_read is not None and _last_read[0] == key:
            return _last_read[1]
        try:
            problems = tuple(check_content(root, production=production))
            offer = load_offer(root)
        except ContentError:
            offer = None  # its problems are among check_content's errors
        except Exception as exc:  # an unreadable file: said in words, never a crash
            problems = (Problem("error", str(root), "", f"{type(exc).__name__}: {exc}"),)
            offer = None
        folder = FolderNow(key[1], offer, problems)
        if fingerprint(root) == key[1]:  # nothing changed while it was read: keep it
            _last_read = (key, folder)
        return folder


async def run_forever(watcher: ContentWatcher, interval_seconds: float) -> None:
    """The job the app's lifespan starts: look every `interval_seconds`."""
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            await asyncio.to_thread(watcher.check)
        except Exception:  # keep looking; the last good content stays in use
            log.exception("content check failed")
