"""The staff pages at /navigator (server-rendered, no JavaScript) and the staff JSON API.

Every page but sign-in and "choose a new password" (with a reset code) needs a signed-in
session (else: redirect to sign-in; the API answers 401), every form carries the session's CSRF
token (those two: one in a cookie) and every POST checks it. Staff account administration
(/navigator/staff) is for managers only. Carer text is always shown
as text (Jinja2 autoescaping; never `|safe`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import func, select

from bot.chat.tracker_store import TrackerStoreError
from bot.core.deps import DbSession, SettingsDep
from bot.core.errors import AppError
from bot.core.ratelimit import address_key
from bot.db.base import utcnow
from bot.enquiries import service
from bot.enquiries.contact import shown_contact
from bot.enquiries.models import OUTCOMES, STATUSES, Enquiry
from bot.enquiries.service import as_utc
from bot.offer.loader import get_offer
from bot.staff import accounts, audit, security
from bot.staff.csv_export import enquiries_csv
from bot.staff.deps import SIGN_IN_PATH, ManagerPage, StaffApi, StaffPage, check_csrf
from bot.staff.models import AuditEntry, StaffSession, StaffUser
from bot.staff.security import (
    COOKIE_NAME,
    DEVICE_COOKIE,
    DEVICE_MAX_FAILURES,
    IDLE_TIMEOUT,
    MIN_PASSWORD_LENGTH,
    RESET_CODE_LIFETIME,
    SIGN_IN_CSRF_COOKIE,
    ResetRefused,
    SignedIn,
    SignInRefused,
    check_new_password,
    check_sign_in,
    end_session,
    remember_device,
    start_session,
    tokens_match,
    use_reset_code,
)

HERE = Path(__file__).resolve().parent
router = APIRouter(tags=["staff"])
api = APIRouter(prefix="/api/staff", tags=["staff"])

STATUS_LABELS = {"new": "New", "in_progress": "In progress", "closed": "Closed"}
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; frame-ancestors 'none'",
}


def age(when: dt.datetime) -> str:
    seconds = (utcnow() - as_utc(when)).total_seconds()
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} days"


def local_time(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    from bot.core.hours import LONDON

    local = as_utc(when).astimezone(LONDON)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["age"] = age
    env.filters["local_time"] = local_time
    env.globals.update(STATUS_LABELS=STATUS_LABELS, OUTCOMES=OUTCOMES, shown_contact=shown_contact)
    return env


def _page(
    template: str, session: StaffSession | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    html = (
        _templates()
        .get_template(template)
        .render(
            council=get_offer().council,
            offer=get_offer(),
            user=session.user if session else None,
            csrf_token=session.csrf_token if session else "",
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})


@router.get("/navigator/static/staff.css", include_in_schema=False)
def staff_css() -> FileResponse:
    return FileResponse(HERE / "templates" / "staff.css", media_type="text/css")


# --------------------------------------------------------------------------- sign-in


def _sign_in_page(
    error: str | None = None, status_code: int = 200, notice: str | None = None
) -> HTMLResponse:
    return _open_form_page("sign_in.html", "Sign in", error, status_code, notice=notice)


def _open_form_page(
    template: str, title: str, error: str | None, status_code: int, **context: Any
) -> HTMLResponse:
    """A form for someone not signed in (sign-in, reset code): its CSRF token in a cookie."""
    token = secrets.token_urlsafe(32)
    response = _page(
        template, None, status_code, title=title, error=error, sign_in_csrf=token, **context
    )
    response.set_cookie(
        SIGN_IN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        path="/navigator",
        secure=_secure(),
    )
    return response


def _secure() -> bool:
    from bot.settings import get_settings

    return get_settings().environment == "production"


SIGN_IN_REFUSED = (
    "The e-mail address or password is not right, or there have been several tries in a row. "
    "Please check them, wait a minute, and try again."
)


# What the audit log says of a refused sign-in: the wait it came within, the waits it started.
THROTTLED = {
    "address": "within the wait for too many failed tries from this address",
    "pair": "within the wait for too many failed tries at this account from this address",
    "account": "within the wait for failed tries at this account from many addresses",
}
STARTED = {
    "address": "too many failed tries from this address: the next from there must wait {} s",
    "pair": "too many failed tries at this account from this address: the next from there "
    "must wait {} s",
    "account": "failed tries at this account from many addresses: the next from anywhere "
    "must wait {} s",
}
# A try from a browser that signed in to the account before (its device cookie).
REMEMBERED = "from a remembered browser"
PAST_WAIT = "let through the wait for failed tries at this account from many addresses"
DEVICE_FAILURES = "{} wrong password(s) in a row from it (forgotten at {})"
DEVICE_FORGOTTEN = "{} wrong passwords in a row from it: no longer remembered"
PASSWORD_CHANGED = (
    "Your new password is set and you have been signed out everywhere. Please sign in."
)


def _refusal_detail(refused: SignInRefused) -> str:
    details = []
    if refused.user is None:
        details.append("unknown account")
    elif not refused.user.active:
        details.append("deactivated account")
    if refused.throttled:
        details.append(THROTTLED[refused.throttled])
    for kind, wait in refused.waits.items():
        details.append(STARTED[kind].format(int(wait.total_seconds())))
    if refused.remembered:
        details.append(REMEMBERED)
    if refused.device_failures >= DEVICE_MAX_FAILURES:
        details.append(DEVICE_FORGOTTEN.format(refused.device_failures))
    elif refused.device_failures:
        details.append(DEVICE_FAILURES.format(refused.device_failures, DEVICE_MAX_FAILURES))
    return "; ".join(details)


def _sign_in_detail(signed_in: SignedIn) -> str:
    """What the audit log says of a sign-in (never the device cookie or its hash)."""
    if signed_in.device is None:
        return ""
    return f"{REMEMBERED}; {PAST_WAIT}" if signed_in.past_wait else REMEMBERED


@router.get("/navigator/sign-in", response_class=HTMLResponse, include_in_schema=False)
def sign_in_form(reset: Annotated[str, Query(max_length=10)] = "") -> HTMLResponse:
    return _sign_in_page(notice=PASSWORD_CHANGED if reset == "done" else None)


@router.post("/navigator/sign-in", include_in_schema=False)
def sign_in(
    request: Request,
    db: DbSession,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not tokens_match(request.cookies.get(SIGN_IN_CSRF_COOKIE), csrf_token):
        return _sign_in_page("The sign-in form had expired. Please try again.", 403)
    try:
        address = address_key(request.client.host if request.client else "unknown")
        signed_in = check_sign_in(
            db, email, password, address=address, device_token=request.cookies.get(DEVICE_COOKIE)
        )
    except SignInRefused as refused:
        # The failure is counted and audited; the answer is the same whatever the reason.
        audit.record(
            db,
            refused.user,
            "sign_in_throttled" if refused.throttled else "sign_in_failed",
            detail=_refusal_detail(refused),
        )
        db.commit()
        return _sign_in_page(SIGN_IN_REFUSED, 401)
    user = signed_in.user
    token, _ = start_session(
        db, user, settings.staff_session_hours, old_token=request.cookies.get(COOKIE_NAME)
    )
    # The browser is remembered for this account, with a new token each time.
    device_token = remember_device(
        db, user, settings.staff_device_cookie_days, used=signed_in.device
    )
    audit.record(db, user, "signed_in", detail=_sign_in_detail(signed_in))
    db.commit()
    response = _see_other("/navigator/enquiries")
    response.set_cookie(
        COOKIE_NAME,
        token,
        httponly=True,
        samesite="lax",
        path="/",
        secure=settings.environment == "production",
        max_age=int(settings.staff_session_hours * 3600),
    )
    # Sent only with sign-in tries, and only from this site's own pages.
    response.set_cookie(
        DEVICE_COOKIE,
        device_token,
        httponly=True,
        samesite="strict",
        path=SIGN_IN_PATH,
        secure=settings.environment == "production",
        max_age=int(settings.staff_device_cookie_days * 86400),
    )
    response.delete_cookie(SIGN_IN_CSRF_COOKIE, path="/navigator")
    return response


@router.post("/navigator/sign-out", include_in_schema=False)
def sign_out(
    request: Request,
    db: DbSession,
    session: StaffPage,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    audit.record(db, session.user, "signed_out")
    end_session(db, request.cookies.get(COOKIE_NAME))
    db.commit()
    response = _see_other("/navigator/sign-in")
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


def _signed_out(url: str = "/navigator/sign-in") -> Response:
    response = _see_other(url)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


@router.post("/navigator/sign-out-everywhere", include_in_schema=False)
def sign_out_everywhere(
    db: DbSession,
    session: StaffPage,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Ends every session of one's own account (a lost phone, a shared computer), this one too."""
    check_csrf(session, csrf_token)
    user = session.user
    accounts.end_sessions(db, user, by=user)
    db.commit()
    return _signed_out()


@router.get("/navigator/account", response_class=HTMLResponse, include_in_schema=False)
def own_account(db: DbSession, session: StaffPage) -> HTMLResponse:
    return _page(
        "account.html",
        session,
        title="Your account",
        signed_in_on=_live_sessions(db).get(session.user_id, 0),
    )


# --------------------------------------------------------------------------- reset codes

RESET_REFUSED = (
    "The e-mail address or reset code is not right, or the code has expired or has already "
    "been used. Please check them and try again, or ask a manager for a new code."
)


def _reset_page(error: str | None = None, status_code: int = 200) -> HTMLResponse:
    return _open_form_page(
        "reset_password.html",
        "Choose a new password",
        error,
        status_code,
        min_length=MIN_PASSWORD_LENGTH,
        lifetime_hours=int(RESET_CODE_LIFETIME.total_seconds() // 3600),
    )


@router.get("/navigator/reset-password", response_class=HTMLResponse, include_in_schema=False)
def reset_password_form() -> HTMLResponse:
    return _reset_page()


@router.post("/navigator/reset-password", include_in_schema=False)
def reset_password(
    request: Request,
    db: DbSession,
    email: Annotated[str, Form(max_length=320)] = "",
    code: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    password_again: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """A one-time code from a manager, and the new password it makes the person choose."""
    if not tokens_match(request.cookies.get(SIGN_IN_CSRF_COOKIE), csrf_token):
        return _reset_page("The form had expired. Please try again.", 403)
    if password != password_again:
        return _reset_page("The two new passwords are not the same. Please type them again.", 400)
    try:
        check_new_password(password)
    except ValueError as exc:
        return _reset_page(f"Please choose another password: {exc}.", 400)
    # Guessing codes is throttled as guessing passwords is (the same count for the address).
    address = address_key(request.client.host if request.client else "unknown")
    if security.ADDRESS_THROTTLE.waiting(address):
        audit.record(db, None, "password_reset_throttled", detail=THROTTLED["address"])
        db.commit()
        return _reset_page(RESET_REFUSED, 401)
    try:
        user = use_reset_code(db, email, code, password)
    except ResetRefused as refused:
        db.rollback()
        security.ADDRESS_THROTTLE.failed(address)
        audit.record(
            db,
            refused.user,
            "password_reset_refused",
            detail="the code was unknown, expired or used, or for another e-mail address or a "
            "deactivated account",
        )
        db.commit()
        return _reset_page(RESET_REFUSED, 401)
    audit.record(db, user, "password_reset_used", detail="new password set; every session ended")
    db.commit()
    security.ADDRESS_THROTTLE.succeeded(address)
    response = _signed_out("/navigator/sign-in?reset=done")
    response.delete_cookie(SIGN_IN_CSRF_COOKIE, path="/navigator")
    return response


# --------------------------------------------------------------------------- the inbox


def _flag(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@router.get("/navigator", include_in_schema=False)
def navigator_home(session: StaffPage) -> Response:
    return _see_other("/navigator/enquiries")


@router.get("/navigator/enquiries", response_class=HTMLResponse, include_in_schema=False)
def enquiry_list(
    db: DbSession,
    session: StaffPage,
    status: Annotated[str, Query(max_length=20)] = "open",
    urgent: Annotated[str, Query(max_length=3)] = "",
    out_of_hours: Annotated[str, Query(max_length=3)] = "",
    q: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    chosen = status if status in (*STATUSES, "open", "all") else "open"
    enquiries = service.list_enquiries(
        db,
        status=chosen if chosen in STATUSES else None,
        urgent=_flag(urgent),
        out_of_hours=_flag(out_of_hours),
        search=q or None,
    )
    if chosen == "open":
        enquiries = [e for e in enquiries if e.status != "closed"]
    audit.record(db, session.user, "viewed_list", detail=f"status={chosen}")
    db.commit()
    return _page(
        "enquiries.html",
        session,
        title="Enquiries",
        enquiries=enquiries,
        filters={"status": chosen, "urgent": urgent, "out_of_hours": out_of_hours, "q": q},
    )


@router.get(
    "/navigator/enquiries/{enquiry_id}", response_class=HTMLResponse, include_in_schema=False
)
def enquiry_page(db: DbSession, session: StaffPage, enquiry_id: str) -> HTMLResponse:
    enquiry = service.get_enquiry(db, enquiry_id)
    audit.record(db, session.user, "viewed", enquiry)
    db.commit()
    return _enquiry_page(session, enquiry)


def _enquiry_page(
    session: StaffSession, enquiry: Enquiry, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    sections = get_offer().sections
    return _page(
        "enquiry.html",
        session,
        status_code,
        title=f"Enquiry {enquiry.reference}",
        enquiry=enquiry,
        error=error,
        section_titles={k: v.title for k, v in sections.items()},
        arrangement_titles={k: v.title for k, v in get_offer().arrangements.items()},
    )


def _enquiry_url(enquiry: Enquiry) -> str:
    return f"/navigator/enquiries/{enquiry.id}"


@router.post("/navigator/enquiries/{enquiry_id}/assign", include_in_schema=False)
def assign_to_me(
    db: DbSession,
    session: StaffPage,
    enquiry_id: str,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    enquiry = service.get_enquiry(db, enquiry_id)
    service.assign(enquiry, session.user.id)
    audit.record(db, session.user, "assigned", enquiry, detail=f"to {session.user.email}")
    db.commit()
    return _see_other(_enquiry_url(enquiry))


@router.post("/navigator/enquiries/{enquiry_id}/notes", include_in_schema=False)
def add_note(
    db: DbSession,
    session: StaffPage,
    enquiry_id: str,
    text: Annotated[str, Form(max_length=5000)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    enquiry = service.get_enquiry(db, enquiry_id)
    service.add_note(db, enquiry, session.user.id, text)
    audit.record(db, session.user, "added_note", enquiry)
    db.commit()
    return _see_other(_enquiry_url(enquiry))


@router.post("/navigator/enquiries/{enquiry_id}/status", include_in_schema=False)
def change_status(
    db: DbSession,
    session: StaffPage,
    enquiry_id: str,
    status: Annotated[str, Form(max_length=20)] = "",
    outcome: Annotated[str, Form(max_length=40)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    enquiry = service.get_enquiry(db, enquiry_id)
    before = enquiry.status
    service.set_status(enquiry, status, outcome or None)
    detail = f"{before} -> {status}" + (f" ({outcome})" if status == "closed" else "")
    audit.record(db, session.user, "changed_status", enquiry, detail=detail)
    db.commit()
    return _see_other(_enquiry_url(enquiry))


@router.post("/navigator/enquiries/{enquiry_id}/erase", include_in_schema=False)
def erase(
    db: DbSession,
    session: ManagerPage,
    enquiry_id: str,
    confirm: Annotated[str, Form(max_length=10)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    enquiry = service.get_enquiry(db, enquiry_id)
    if confirm != "yes":
        return _see_other(_enquiry_url(enquiry))
    try:
        service.erase(db, enquiry)
    except TrackerStoreError:
        # Rasa still holds the conversation: nothing is marked erased (the app's changes are
        # rolled back), the log says so, and the manager can try again.
        db.rollback()
        enquiry = service.get_enquiry(db, enquiry_id)
        detail = "nothing erased: Rasa's tracker store could not be cleaned"
        audit.record(db, session.user, "erasure_failed", enquiry, detail=detail)
        db.commit()
        return _enquiry_page(
            session,
            enquiry,
            error=(
                "Nothing was erased: the assistant's own conversation store could not be "
                "reached. Please try again later, and tell the system's administrators if "
                "this happens again."
            ),
            status_code=503,
        )
    # The log says that it was erased, by whom and when: nothing of what was erased.
    audit.record(db, session.user, "erased_on_request", enquiry)
    db.commit()
    return _see_other(_enquiry_url(enquiry))


# --------------------------------------------------------------------------- managers


@router.get("/navigator/export.csv", include_in_schema=False)
def export_csv(db: DbSession, session: ManagerPage) -> Response:
    enquiries = service.list_enquiries(db, limit=100_000)
    audit.record(db, session.user, "exported_csv", detail=f"{len(enquiries)} enquiries")
    db.commit()
    return Response(
        enquiries_csv(enquiries),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="kinship-enquiries.csv"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/navigator/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_log(db: DbSession, session: ManagerPage) -> HTMLResponse:
    entries = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(500)).all()
    return _page("audit.html", session, title="Audit log", entries=entries)


# --------------------------------------------------------------------------- staff accounts

ACCOUNT_DONE = {
    "deactivated": "{} is deactivated: they cannot sign in, and every session of theirs ended.",
    "reactivated": "{} is active again: they can sign in with their password.",
    "sessions-ended": "{} has been signed out everywhere.",
}


def _live_sessions(db: DbSession) -> dict[int, int]:
    """Sessions still usable, by account."""
    now = utcnow()
    rows = db.execute(
        select(StaffSession.user_id, func.count())
        .where(StaffSession.expires_at > now, StaffSession.last_seen_at > now - IDLE_TIMEOUT)
        .group_by(StaffSession.user_id)
    ).all()
    return {user_id: count for user_id, count in rows}


def _accounts_page(
    db: DbSession,
    session: StaffSession,
    error: str | None = None,
    status_code: int = 200,
    notice: str | None = None,
) -> HTMLResponse:
    return _page(
        "staff_accounts.html",
        session,
        status_code,
        title="Staff accounts",
        accounts=db.scalars(select(StaffUser).order_by(StaffUser.email)).all(),
        sessions=_live_sessions(db),
        error=error,
        notice=notice,
    )


def _account(db: DbSession, user_id: int) -> StaffUser:
    user = db.get(StaffUser, user_id)
    if user is None:
        raise AppError(404, "There is no such staff account.")
    return user


def _refused(db: DbSession, session: StaffSession, refused: accounts.AccountRefused) -> Response:
    db.rollback()
    return _accounts_page(db, session, error=str(refused), status_code=409)


def _done(what: str, user: StaffUser) -> Response:
    return _see_other(f"/navigator/staff?done={what}&account={user.id}")


@router.get("/navigator/staff", response_class=HTMLResponse, include_in_schema=False)
def staff_accounts(
    db: DbSession,
    session: ManagerPage,
    done: Annotated[str, Query(max_length=20)] = "",
    account: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    notice = None
    user = db.get(StaffUser, account) if done in ACCOUNT_DONE and account else None
    if user is not None:
        notice = ACCOUNT_DONE[done].format(user.email)
    return _accounts_page(db, session, notice=notice)


@router.post("/navigator/staff/{user_id}/deactivate", include_in_schema=False)
def deactivate_account(
    db: DbSession,
    session: ManagerPage,
    user_id: int,
    confirm: Annotated[str, Form(max_length=10)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    target = _account(db, user_id)
    if confirm != "yes":
        return _accounts_page(db, session, "Tick the box to confirm the deactivation.", 400)
    try:
        accounts.deactivate(db, target, by=session.user)
    except accounts.AccountRefused as refused:
        return _refused(db, session, refused)
    db.commit()
    return _done("deactivated", target)


@router.post("/navigator/staff/{user_id}/reactivate", include_in_schema=False)
def reactivate_account(
    db: DbSession,
    session: ManagerPage,
    user_id: int,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    target = _account(db, user_id)
    try:
        accounts.reactivate(db, target, by=session.user)
    except accounts.AccountRefused as refused:
        return _refused(db, session, refused)
    db.commit()
    return _done("reactivated", target)


@router.post("/navigator/staff/{user_id}/reset-password", include_in_schema=False)
def issue_password_reset(
    db: DbSession,
    settings: SettingsDep,
    session: ManagerPage,
    user_id: int,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Shows the new code once (this page is not stored: `Cache-Control: no-store`)."""
    check_csrf(session, csrf_token)
    target = _account(db, user_id)
    try:
        code = accounts.reset_password(db, target, by=session.user)
    except accounts.AccountRefused as refused:
        return _refused(db, session, refused)
    db.commit()
    return _page(
        "reset_code.html",
        session,
        title="Password reset code",
        account=target,
        code=code,
        expires=utcnow() + RESET_CODE_LIFETIME,
        reset_url=f"{settings.base_url}/navigator/reset-password",
    )


@router.post("/navigator/staff/{user_id}/end-sessions", include_in_schema=False)
def end_account_sessions(
    db: DbSession,
    session: ManagerPage,
    user_id: int,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    me = session.user
    target = _account(db, user_id)
    accounts.end_sessions(db, target, by=me)
    db.commit()
    if target.id == me.id:
        return _signed_out()
    return _done("sessions-ended", target)


# --------------------------------------------------------------------------- JSON API


def _summary(enquiry: Enquiry) -> dict[str, Any]:
    return {
        "id": enquiry.id,
        "reference": enquiry.reference,
        "received": as_utc(enquiry.created_at).isoformat(),
        "status": enquiry.status,
        "urgent": enquiry.urgent,
        "out_of_hours": enquiry.out_of_hours,
        "arrangement": enquiry.arrangement,
        "needs": enquiry.needs,
    }


@api.get("/enquiries")
def api_enquiries(db: DbSession, session: StaffApi) -> list[dict[str, Any]]:
    enquiries = service.list_enquiries(db)
    audit.record(db, session.user, "viewed_list", detail="api")
    db.commit()
    return [_summary(e) for e in enquiries]


@api.get("/enquiries/{enquiry_id}")
def api_enquiry(db: DbSession, session: StaffApi, enquiry_id: str) -> dict[str, Any]:
    enquiry = service.get_enquiry(db, enquiry_id)
    audit.record(db, session.user, "viewed", enquiry, detail="api")
    db.commit()
    return {
        **_summary(enquiry),
        "audience": enquiry.audience,
        "sections_shown": enquiry.sections_shown,
        "name": enquiry.name,
        "contact_method": enquiry.contact_method,
        "contact": shown_contact(enquiry.contact_method, enquiry.contact_value),
        "best_time": enquiry.best_time,
        "message": enquiry.carer_words,
        "access_needs": enquiry.access_needs,
        "consent_version": enquiry.consent_version,
        "consent_at": as_utc(enquiry.consent_at).isoformat(),
        "outcome": enquiry.outcome,
    }
