"""The chat API: what the widget and every test speak (see DESIGN.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from bot.chat import service, summary
from bot.chat.ending import end_conversation
from bot.chat.schemas import (
    ChatReply,
    SessionCreated,
    SummaryLinkCreated,
    UserMessage,
    WidgetConfig,
)
from bot.core import fallback_token
from bot.core.deps import DbSession, FastSettings, Rasa, SettingsDep
from bot.core.ratelimit import address_key
from bot.db.session import get_sessionmaker

router = APIRouter(prefix="/api/chat", tags=["chat"])


def client_address(request: Request) -> str:
    """Who the rate limits count a request against: an IPv6 address by its /64 network."""
    return address_key(request.client.host if request.client else "unknown")


@router.get("/config", response_model=WidgetConfig)
def widget_config(request: Request, settings: FastSettings) -> WidgetConfig:
    """What the widget shows before the first message: privacy notice, out-of-hours banner,
    and the navigators' contact routes (for when the assistant cannot be reached), with a
    short-lived token for "leave a message" (bot/core/fallback_token.py)."""
    config = service.widget_config()
    config.fallback_token = fallback_token.issue(
        settings.action_token, client_address(request), settings.fallback_token_minutes
    )
    return config


@router.post("/sessions", status_code=status.HTTP_201_CREATED, response_model=SessionCreated)
def create_session(request: Request, db: DbSession) -> SessionCreated:
    request.app.state.limits.sessions_per_address.check(client_address(request))
    conversation = service.create_conversation(db)
    db.commit()
    return SessionCreated(session_id=conversation.session_key)


@router.post(
    "/sessions/{session_id}/end",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "Unknown session"}},
)
def end_session(request: Request, session_id: str, db: DbSession, settings: SettingsDep) -> None:
    """The widget's "Clear this chat": the chat ends now, and its id is refused from then on (410), as
    after a quiet while. Ending an ended chat is not an error."""
    request.app.state.limits.per_address.check(client_address(request))
    end_conversation(db, session_id, settings)
    db.commit()


@router.post(
    "/sessions/{session_id}/summary",
    status_code=status.HTTP_201_CREATED,
    response_model=SummaryLinkCreated,
    responses={
        404: {"description": "Unknown session"},
        410: {"description": "The chat has ended: there is nothing to summarise"},
        429: {"description": "Too many requests in a short time"},
    },
)
def create_summary(
    request: Request, session_id: str, db: DbSession, settings: SettingsDep
) -> SummaryLinkCreated:
    """The widget's "Save or print what I've found": a new, unguessable link to a one-page
    summary of the offer sections this chat has shown (bot/chat/summary.py). The link works
    until the chat ends; it does not keep the chat open."""
    request.app.state.limits.per_address.check(client_address(request))
    url = summary.create_link(db, session_id, settings)
    db.commit()
    return SummaryLinkCreated(url=url)


@router.post(
    "/sessions/{session_id}/messages",
    response_model=ChatReply,
    responses={
        404: {"description": "Unknown session"},
        410: {"description": "The chat has ended after a quiet while: start a new one"},
        413: {"description": "Message too long"},
        429: {"description": "Too many messages in a short time"},
        422: {"description": "Empty or unreadable message"},
        503: {"description": "The assistant or the database cannot be reached"},
    },
)
async def post_message(
    request: Request,
    session_id: str,
    body: UserMessage,
    rasa: Rasa,
    settings: FastSettings,
) -> ChatReply:
    limits = request.app.state.limits
    limits.per_address.check(client_address(request))
    limits.per_session.check(session_id[:64])
    # The database session is opened here rather than as a dependency: a sync dependency costs
    # two extra hops to a worker thread per message, which showed under load.
    db = get_sessionmaker()()
    try:
        return await service.handle_message(db, rasa, settings, session_id, body)
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()
