"""FastAPI dependencies, in one place."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bot.chat.rasa_client import RasaClient
from bot.db.session import db_session
from bot.settings import Settings, get_settings


def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


DbSession = Annotated[Session, Depends(db_session)]
Rasa = Annotated[RasaClient, Depends(_rasa)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
