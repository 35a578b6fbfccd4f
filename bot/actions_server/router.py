"""Rasa's action endpoint, served by the app: the rasa_sdk executor over the `actions/` package.

Rasa posts here (see `endpoints.yml`). The route is protected by a shared token (Rasa sends it
as the `token` query parameter, from ACTION_TOKEN), so nobody else can run actions.
"""

from __future__ import annotations

import logging
import secrets
from typing import Annotated

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from bot.core.deps import SettingsDep
from bot.core.errors import AppError

log = logging.getLogger("bot.actions")

router = APIRouter(include_in_schema=False)

_executor: ActionExecutor | None = None


def executor() -> ActionExecutor:
    global _executor
    if _executor is None:
        _executor = ActionExecutor()
        _executor.register_package("actions")
    return _executor


@router.post("/internal/rasa/webhook")
async def webhook(
    settings: SettingsDep,
    action_call: Annotated[dict, Body()],
    token: Annotated[str, Query()] = "",
) -> JSONResponse:
    if not secrets.compare_digest(token.encode(), settings.action_token.encode()):
        raise AppError(401, "Not allowed.")
    try:
        result = await executor().run(action_call)
    except ActionExecutionRejection as exc:
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 400)
    except ActionNotFoundException as exc:
        log.error("unknown action %s", exc.action_name)
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 404)
    return JSONResponse(result.model_dump() if result else None)


@router.get("/internal/rasa/actions")
async def list_actions(settings: SettingsDep, token: Annotated[str, Query()] = "") -> list:
    if not secrets.compare_digest(token.encode(), settings.action_token.encode()):
        raise AppError(401, "Not allowed.")
    return [item.model_dump() for item in executor().list_actions()]
