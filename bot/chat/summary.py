"""A summary to keep: "Save or print what I've found" (issue 20, build 2).

    POST /api/chat/sessions/{session_id}/summary  -> 201 {"url": "/chat/summary/<secret>"}
    GET  /chat/summary/<secret>                   -> a one-page, printable HTML summary

The summary lists the offer sections this conversation has shown (in the order first shown),
each with what everyone can get and what the family's arrangement adds when the chat knows it,
how to get it and who to contact; the Kinship Navigators' contact routes and the emergency
contacts from council.yml (placeholders marked as such); and the enquiry reference when one was
made in the chat. It is built when it is asked for, from the conversation's anonymous facts
(sections shown, arrangement, audience) and the offer: nothing the person typed, no name, phone
number or e-mail address is ever read for it, so none can appear in it.

The address holds a secret of 256 bits (`secrets.token_urlsafe`); only its SHA-256 is stored
(`summary_link`). The link works while its conversation has not ended: after "Clear this chat"
(bot/chat/ending.py deletes the links), the chat ending after CHAT_SESSION_IDLE_HOURS with
nothing said (refused at once; the rows go with the next retention run), and retention or
erasure (both delete the links), the page answers 404 or 410 with a plain message. The page is
`no-store` (bot/core/security_headers.py: not a public path), carries `X-Robots-Tag: noindex`
and a robots meta tag, and no referrer. Its "Exit this page" forgets the link on the server
(summary.js, with sendBeacon) and leaves the page as the widget's does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, status
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.chat.service import ensure_not_ended, find_conversation, hours_text
from bot.core import clock
from bot.core.deps import DbSession, SettingsDep
from bot.core.errors import AppError
from bot.db.models import Conversation, Message, SummaryLink
from bot.enquiries.models import Enquiry
from bot.offer.loader import get_offer
from bot.offer.models import Arrangement, Contact, Offer, Section
from bot.offer.render import markdown_to_html
from bot.offer.router import EXIT_URL
from bot.settings import Settings

HERE = Path(__file__).resolve().parent
OFFER_TEMPLATES = HERE.parent / "offer" / "templates"

SUMMARY_PATH = "/chat/summary/"
# A person may ask for a summary more than once (each answer is a new link, because only a
# hash is kept); a conversation keeps its newest few and the older ones stop working.
LINKS_PER_CONVERSATION = 5
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")

# The page is for one person: search engines are told not to index, follow or keep it.
PAGE_HEADERS = {"X-Robots-Tag": "noindex, nofollow, noarchive", "Cache-Control": "no-store"}

router = APIRouter(tags=["chat summary"])


# --------------------------------------------------------------------------- links


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def create_link(db: Session, session_key: str, settings: Settings) -> str:
    """A new summary link for the chat `session_key` (flushed; the caller commits): its path.
    404 for an unknown chat, 410 for one that has ended."""
    conversation = find_conversation(db, session_key)
    ensure_not_ended(conversation, settings)
    token = secrets.token_urlsafe(32)
    db.add(SummaryLink(token_hash=token_hash(token), conversation_id=conversation.id))
    db.flush()
    older = db.scalars(
        select(SummaryLink.token_hash)
        .where(SummaryLink.conversation_id == conversation.id)
        .order_by(SummaryLink.created_at.desc())
        .offset(LINKS_PER_CONVERSATION)
    ).all()
    if older:
        db.execute(delete(SummaryLink).where(SummaryLink.token_hash.in_(older)))
    return SUMMARY_PATH + token


def conversation_of(db: Session, token: str, settings: Settings) -> Conversation:
    """The conversation a summary link belongs to, while it has not ended. AppError 404 for a
    link that is not (or no longer) known, 410 for one whose chat has ended."""
    link = db.get(SummaryLink, token_hash(token)) if _TOKEN.match(token) else None
    conversation = db.get(Conversation, link.conversation_id) if link is not None else None
    if conversation is None:
        raise AppError(404, "This summary link does not work.")
    try:
        ensure_not_ended(conversation, settings)
    except AppError:
        raise AppError(410, "This summary has ended with its chat.") from None
    return conversation


def forget_link(db: Session, token: str) -> None:
    """Delete one link (its page's "Exit this page"). Unknown links are not an error."""
    if _TOKEN.match(token):
        db.execute(delete(SummaryLink).where(SummaryLink.token_hash == token_hash(token)))


def delete_links_of(db: Session, conversation_ids: list[str] | set[str]) -> int:
    """Delete the summary links of these conversations (ended, erased or deleted)."""
    if not conversation_ids:
        return 0
    statement = delete(SummaryLink).where(SummaryLink.conversation_id.in_(list(conversation_ids)))
    return db.execute(statement.execution_options(synchronize_session=False)).rowcount


def delete_ended_links(db: Session, settings: Settings, now: dt.datetime | None = None) -> int:
    """Delete the links of every conversation that has ended (for the retention job): they are
    refused already; this removes the rows."""
    cutoff = (now or clock.now()) - dt.timedelta(hours=settings.chat_session_idle_hours)
    ended = select(Conversation.id).where(Conversation.last_activity_at < cutoff)
    statement = delete(SummaryLink).where(SummaryLink.conversation_id.in_(ended))
    return db.execute(statement.execution_options(synchronize_session=False)).rowcount


# --------------------------------------------------------------------------- content


@dataclass
class SummarySection:
    section: Section
    url: str
    everyone: str
    for_arrangement: str
    contacts: list[Contact] = field(default_factory=list)


@dataclass
class Summary:
    sections: list[SummarySection]
    arrangement: Arrangement | None
    audience: str
    reference: str | None
    made_on: dt.date
    idle_hours: float


def sections_shown(db: Session, conversation: Conversation) -> list[str]:
    """The ids of the offer sections this conversation has shown, in the order first shown:
    those the chat turn recorded (`conversation.sections_shown`), with any section a reply of
    the app's own carried (the answer after a safety reply) from the messages' `sections`
    (their ids only: the text of no message is read)."""
    ids = list(conversation.sections_shown or [])
    for sections in db.scalars(
        select(Message.sections)
        .where(Message.conversation_id == conversation.id, Message.sender == "bot")
        .order_by(Message.id)
    ):
        for section_id in sections or []:
            if section_id not in ids:
                ids.append(section_id)
    return ids


def enquiry_reference(db: Session, conversation: Conversation) -> str | None:
    """The reference of the newest enquiry made from this chat (the reference only)."""
    return db.scalar(
        select(Enquiry.reference)
        .where(Enquiry.conversation_id == conversation.id)
        .order_by(Enquiry.created_at.desc())
        .limit(1)
    )


def build_summary(
    db: Session, conversation: Conversation, settings: Settings, offer: Offer | None = None
) -> Summary:
    offer = offer or get_offer()
    arrangement = offer.arrangements.get(conversation.arrangement or "")
    out: list[SummarySection] = []
    for section_id in sections_shown(db, conversation):
        section = offer.sections.get(section_id)
        if section is None:
            continue
        contacts = [c for c in offer.section_contacts(section_id) if c.id != "navigators"]
        out.append(
            SummarySection(
                section=section,
                url=offer.section_url(section_id),
                everyone=section.arrangement_note("everyone"),
                for_arrangement=section.arrangement_note(arrangement.id) if arrangement else "",
                contacts=contacts,
            )
        )
    return Summary(
        sections=out,
        arrangement=arrangement,
        audience=conversation.audience or "carer",
        reference=enquiry_reference(db, conversation),
        made_on=clock.now().date(),
        idle_hours=settings.chat_session_idle_hours,
    )


# --------------------------------------------------------------------------- page


@lru_cache(maxsize=1)
def _templates() -> Environment:
    # The offer pages' templates too, for their contact macros (one way to show a contact).
    env = Environment(
        loader=FileSystemLoader([HERE / "templates", OFFER_TEMPLATES]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_to_html
    env.filters["longdate"] = lambda d: f"{d.day} {d:%B %Y}"
    env.globals["exit_url"] = EXIT_URL
    return env


def _page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    offer = get_offer()
    html = _templates().get_template(template).render(offer=offer, council=offer.council, **context)
    return HTMLResponse(html, status_code=status_code, headers=PAGE_HEADERS)


@router.get("/chat/static/{name}", include_in_schema=False)
def summary_static(name: str) -> Response:
    files = {"summary.css": "text/css", "summary.js": "text/javascript"}
    if name not in files:
        raise AppError(404, "There is nothing at this address.")
    return FileResponse(HERE / "static" / name, media_type=files[name])


@router.get("/chat/summary/{token}", response_class=HTMLResponse)
def summary_page(token: str, db: DbSession, settings: SettingsDep) -> HTMLResponse:
    """The printable summary of a chat, while the chat has not ended (404 or 410 after)."""
    try:
        conversation = conversation_of(db, token, settings)
    except AppError as error:
        # The same plain words whether the link never existed or its chat has ended.
        title = "This summary is no longer available"
        return _page(
            "summary_gone.html", status_code=error.status_code, title=title, forget_url=None
        )
    summary = build_summary(db, conversation, settings)
    return _page(
        "summary.html",
        title="What you found",
        summary=summary,
        forget_url=f"{SUMMARY_PATH}{token}/forget",
        base_url=settings.base_url,
        ends_after=hours_text(summary.idle_hours),
    )


@router.post(
    "/chat/summary/{token}/forget",
    status_code=status.HTTP_204_NO_CONTENT,
    include_in_schema=False,
)
def forget(token: str, db: DbSession) -> Response:
    """The summary page's "Exit this page": the link stops working at once."""
    forget_link(db, token)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers=PAGE_HEADERS)
