"""Domain errors and the handlers that turn every error into plain-words JSON (never a stack trace)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("bot.errors")

# What an unexpected error (a 500) says: plain words, nothing about what went wrong inside.
UNEXPECTED_DETAIL = "Something went wrong on our side. Please try again."
# The headers an unexpected error always carries, even if it happens where
# `SecurityHeadersMiddleware` (which sends the 500 with every header of the app's own) never
# saw it: a JSON body needs nothing, so the strictest policy.
ERROR_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def unexpected_error_response() -> JSONResponse:
    return JSONResponse({"detail": UNEXPECTED_DETAIL}, status_code=500, headers=ERROR_HEADERS)


class AppError(Exception):
    """An error whose message is safe and useful to show to the person using the assistant."""

    def __init__(
        self, status_code: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
    ):
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.headers = headers
        self.extra = extra


def _plain_validation_message(exc: RequestValidationError) -> str:
    for error in exc.errors():
        kind = error.get("type", "")
        if kind == "json_invalid":
            return "The message could not be read: the request body was not valid JSON."
        if kind == "value_error":
            # Our own validators' messages are written for people ("Value error, ..." prefix removed).
            return str(error.get("msg", "")).removeprefix("Value error, ")
        if kind in {"model_attributes_type", "dict_type"}:
            return 'The message could not be read: send a JSON object like {"text": "hello"}.'
        if kind in {"string_type"}:
            return "The message must be text."
    return "The request could not be understood. Please check what was sent."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return JSONResponse(
            {"detail": exc.detail, **exc.extra}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Never echo the input back (it may hold personal details): locations and types only.
        errors = [
            {"loc": list(error.get("loc", [])), "type": error.get("type")} for error in exc.errors()
        ]
        return JSONResponse(
            {"detail": _plain_validation_message(exc), "errors": errors}, status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "Request refused."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is nothing at this address."
        if exc.status_code == 405:
            detail = "This address does not accept that kind of request."
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(OperationalError)
    async def _database_down(_request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", type(exc.orig).__name__ if exc.orig else "unknown")
        return JSONResponse(
            {
                "detail": "The service is having trouble saving messages right now. Please try "
                "again in a few minutes."
            },
            status_code=503,
        )

    @app.exception_handler(SQLAlchemyError)
    async def _database_error(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.error("database error: %s", type(exc).__name__)
        return JSONResponse(
            {"detail": "Something went wrong saving your message. Please try again."},
            status_code=503,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error: %s", type(exc).__name__)
        return unexpected_error_response()
