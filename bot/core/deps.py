"""FastAPI dependencies, in one place."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bot.chat.rasa_client import RasaClient
from bot.db.session import db_session
from bot.settings import Settings, get_settings


# The chat turn and the action endpoint are the busiest routes: their dependencies are async,
# because FastAPI runs every plain `def` dependency in a worker thread (a hop per request).
async def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


async def _settings_without_a_thread() -> Settings:
    return get_settings()


DbSession = Annotated[Session, Depends(db_session)]
Rasa = Annotated[RasaClient, Depends(_rasa)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
FastSettings = Annotated[Settings, Depends(_settings_without_a_thread)]
