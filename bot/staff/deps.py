"""Who is signed in: dependencies for the staff pages (redirect to sign-in) and API (401)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from bot.core.deps import DbSession
from bot.core.errors import AppError
from bot.staff.models import StaffSession
from bot.staff.security import COOKIE_NAME, find_session, tokens_match

SIGN_IN_PATH = "/navigator/sign-in"


def _session(request: Request, db: DbSession) -> StaffSession | None:
    return find_session(db, request.cookies.get(COOKIE_NAME))


def page_session(request: Request, db: DbSession) -> StaffSession:
    session = _session(request, db)
    if session is None:
        raise HTTPException(
            status.HTTP_303_SEE_OTHER, "Please sign in.", headers={"Location": SIGN_IN_PATH}
        )
    return session


def api_session(request: Request, db: DbSession) -> StaffSession:
    session = _session(request, db)
    if session is None:
        raise AppError(401, "Please sign in.")
    return session


def manager_page_session(session: Annotated[StaffSession, Depends(page_session)]) -> StaffSession:
    if not session.user.is_manager:
        raise AppError(403, "Only managers can do this.")
    return session


StaffPage = Annotated[StaffSession, Depends(page_session)]
ManagerPage = Annotated[StaffSession, Depends(manager_page_session)]
StaffApi = Annotated[StaffSession, Depends(api_session)]


def check_csrf(session: StaffSession, given: str | None) -> None:
    if not tokens_match(session.csrf_token, given):
        raise AppError(
            403,
            "This form has expired or did not come from this site. Please go "
            "back, reload the page and try again.",
        )
