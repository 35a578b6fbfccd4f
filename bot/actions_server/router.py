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

from bot.core.deps import FastSettings
from bot.core.errors import AppError

log = logging.getLogger("bot.actions")

# The slots the chat API reports back (`context`) and uses on the turn an enquiry is sent.
CONTEXT_SLOTS = ("arrangement", "audience", "needs", "carer_name", "enquiry_reference")
# Each action's last message carries those slots as they stand after the action, so the chat
# API reads the conversation's state from the reply itself and never has to ask Rasa for the
# tracker (an extra request and a tracker-store read per message). The chat API takes the last
# one of a turn and never shows it.
CONTEXT_KEY = "kinship_context"


def context_after(action_call: dict, events: list[dict]) -> dict:
    """The context slots once the action's events are applied to the tracker it was sent."""
    tracker = action_call.get("tracker") or {}
    slots = dict(tracker.get("slots") or {})
    for event in events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") in CONTEXT_SLOTS:
            slots[event["name"]] = event.get("value")
        elif kind in ("reset_slots", "restart"):
            slots = {}
    return {name: slots.get(name) for name in CONTEXT_SLOTS}


router = APIRouter(include_in_schema=False)

_executor: ActionExecutor | None = None


def executor() -> ActionExecutor:
    global _executor
    if _executor is None:
        _executor = ActionExecutor()
        _executor.register_package("actions")
    return _executor


def token_ok(given: str, expected: str) -> bool:
    """The shared token matches. An empty ACTION_TOKEN matches nothing (an empty `token` sent
    to an app configured without one once ran the actions)."""
    return bool(expected) and secrets.compare_digest(given.encode(), expected.encode())


@router.post("/internal/rasa/webhook")
async def webhook(
    settings: FastSettings,
    action_call: Annotated[dict, Body()],
    token: Annotated[str, Query()] = "",
) -> JSONResponse:
    if not token_ok(token, settings.action_token):
        raise AppError(401, "Not allowed.")
    try:
        result = await executor().run(action_call)
    except ActionExecutionRejection as exc:
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 400)
    except ActionNotFoundException as exc:
        log.error("unknown action %s", exc.action_name)
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 404)
    if not result:
        return JSONResponse(None)
    body = result.model_dump()
    attach_context(action_call, body)
    return JSONResponse(body)


def attach_context(action_call: dict, body: dict) -> None:
    """Put the context after this action into its last message. An action that says nothing
    only adds a message of its own when it changed the context (rare: the next action, which
    sees the change, normally speaks)."""
    events = body.get("events") or []
    context = context_after(action_call, events)
    responses = body.setdefault("responses", [])
    last = responses[-1] if responses else None
    if last is not None and isinstance(last.get("custom"), dict):
        last["custom"] = {**last["custom"], CONTEXT_KEY: context}
    elif last is not None or context != context_after(action_call, []):
        responses.append({"custom": {CONTEXT_KEY: context}})


@router.get("/internal/rasa/actions")
async def list_actions(settings: FastSettings, token: Annotated[str, Query()] = "") -> list:
    if not token_ok(token, settings.action_token):
        raise AppError(401, "Not allowed.")
    return [item.model_dump() for item in executor().list_actions()]
