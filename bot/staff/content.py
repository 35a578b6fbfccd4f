"""The "Offer content" page: what council content staff need to see after saving a change.

    /navigator/content                        any signed-in member of staff
    /navigator/content/preview/{section_id}   the same: a section page from the folder as it stands

The page says whether the content in use is the content folder as it stands (or an older good
version, or a change not looked at yet: `ContentWatcher.in_use`), lists the check's errors and
warnings for the folder as it stands (`read_folder`: `check_content`, as `make content-check`
prints them) and what to do next. The preview renders a section with the offer's own page
(`section_page`) from the folder's files, without putting them in use; when the folder cannot
be used it shows the errors instead. Nothing here is personal, so nothing is audited.

The staff pages' base template, CSS and security headers (bot/staff/router.py). Its own router
because bot/staff/router.py is nearly 800 lines (as bot/insights/router.py does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from bot.core.deps import SettingsDep
from bot.offer.live import ContentWatcher, FolderNow, read_folder
from bot.offer.loader import content_dir_from_env
from bot.offer.router import section_page
from bot.settings import Settings
from bot.staff.deps import StaffPage
from bot.staff.router import SECURITY_HEADERS, _page

router = APIRouter(tags=["staff"])


def _folder_now(
    request: Request, settings: Settings
) -> tuple[ContentWatcher | None, Path, FolderNow]:
    """The app's content watcher (started with the app), the folder it watches, and that folder
    as it stands, checked in production mode on a production server as `make content-check` is."""
    watcher: ContentWatcher | None = getattr(request.app.state, "content", None)
    root = watcher.root if watcher is not None else content_dir_from_env()
    return watcher, root, read_folder(root, production=settings.environment == "production")


@router.get("/navigator/content", response_class=HTMLResponse, include_in_schema=False)
def content_page(request: Request, session: StaffPage, settings: SettingsDep) -> HTMLResponse:
    watcher, root, folder = _folder_now(request, settings)
    return _page(
        "content.html",
        session,
        title="Offer content",
        folder=folder,
        root=str(root),
        in_use=watcher.in_use(folder.fingerprint) if watcher is not None else None,
        in_use_since=watcher.in_use_since if watcher is not None else None,
        reload_seconds=settings.content_reload_seconds,
        production=settings.environment == "production",
    )


@router.get(
    "/navigator/content/preview/{section_id}", response_class=HTMLResponse, include_in_schema=False
)
def preview_section(
    request: Request,
    session: StaffPage,
    settings: SettingsDep,
    section_id: str,
    arrangement: Annotated[str, Query(max_length=40)] = "",
) -> HTMLResponse:
    _, _, folder = _folder_now(request, settings)
    if folder.offer is None:
        return _page("content_preview_refused.html", session, title="No preview", folder=folder)
    response = section_page(folder.offer, section_id, arrangement or None, preview=True)
    response.headers.update(SECURITY_HEADERS)
    return response
