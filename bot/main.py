"""The FastAPI app: chat API, offer pages, Rasa's action endpoint, health, demo page, widget."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from bot.actions_server.router import executor
from bot.actions_server.router import router as actions_router
from bot.chat.embed import router as chat_embed_router
from bot.chat.rasa_client import RasaClient
from bot.chat.router import router as chat_router
from bot.chat.summary import router as chat_summary_router
from bot.core.body_limit import BodyLimitMiddleware
from bot.core.cors import ChatApiCorsMiddleware
from bot.core.errors import install_error_handlers
from bot.core.ratelimit import ChatLimits, SharedCounts
from bot.core.security_headers import SecurityHeadersMiddleware
from bot.db.session import get_engine
from bot.enquiries import retention
from bot.enquiries.router import router as enquiries_router
from bot.insights.feedback import router as feedback_router
from bot.insights.router import router as insights_router
from bot.notifications import worker as outbox_worker
from bot.notifications.service import mail_health
from bot.observability import ObservabilityMiddleware, configure_logging
from bot.observability.router import router as metrics_router
from bot.observability.uvicorn_access import install_access_log_filter
from bot.offer import live as content_live
from bot.offer.live import ContentWatcher
from bot.offer.loader import get_offer
from bot.offer.router import router as offer_router
from bot.safety import assess
from bot.safety.engine import get_checker
from bot.settings import PROJECT_ROOT, Settings, get_settings
from bot.staff.content import router as staff_content_router
from bot.staff.router import api as staff_api_router
from bot.staff.router import router as staff_router
from bot.understanding.language import preload_language_detector
from bot.understanding.trained import READINGS

log = logging.getLogger("bot")
WIDGET_DIR = PROJECT_ROOT / "web_widget"


class UnsafeConfigError(RuntimeError):
    pass


def check_config(settings: Settings) -> None:
    """Every start refuses an ENVIRONMENT left unset and empty or placeholder tokens; a
    production start also the unsafe defaults of `Settings.problems_for_production` and
    placeholder contact details. Fails closed: the app does not start."""
    problems = settings.problems_at_start()
    if settings.environment == "production":
        problems += [f"placeholder still in the content: {p}" for p in get_offer().placeholders()]
    if problems:
        raise UnsafeConfigError(
            f"Refusing to start (ENVIRONMENT={settings.environment}):\n- " + "\n- ".join(problems)
        )


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    check_config(settings)
    get_offer()  # load and validate the content once, at start
    executor()  # import the actions once
    assess("warm up")  # build the safety pipeline once
    # and its classifier (read from var/cache/, or about 30 s on 2 cores to learn the development
    # sets when they or the safety check changed), which a message of fewer than four words
    # never asks for: not on a visitor's first message
    get_checker().classifier()
    # every reading trained once (or loaded from var/cache/), not on a visitor's first message
    for _, get_reading in READINGS:
        get_reading()
    preload_language_detector()  # the language detector's models (about 3 s), not on a message
    app.state.rasa = RasaClient(settings)
    # --- hand-off: send notification mails from the outbox; apply retention periods ---
    jobs = [
        asyncio.create_task(outbox_worker.run_forever(settings), name="outbox"),
        asyncio.create_task(outbox_worker.run_heartbeat(settings), name="outbox-heartbeat"),
    ]
    if settings.retention_interval_seconds > 0:
        jobs.append(
            asyncio.create_task(
                retention.run_forever(settings.retention_interval_seconds), name="retention"
            )
        )
    # --- content: changes go live without a restart; a mistake keeps the last good content ---
    app.state.content = ContentWatcher(production=settings.environment == "production")
    if settings.content_reload_seconds > 0:
        jobs.append(
            asyncio.create_task(
                content_live.run_forever(app.state.content, settings.content_reload_seconds),
                name="content",
            )
        )
    yield
    for job in jobs:
        job.cancel()
    await asyncio.gather(*jobs, return_exceptions=True)
    await app.state.rasa.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    configure_logging()  # JSON lines on stderr, scrubbed by redact(); run uvicorn --no-access-log
    settings = settings or get_settings()
    # The OpenAPI description and its pages only outside production (they list every route
    # and load scripts from a CDN).
    docs = settings.environment != "production"
    app = FastAPI(
        title="Kinship Local Offer assistant",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    install_error_handlers(app)
    # uvicorn's own access log, if anyone turns it on: route templates, never session ids.
    install_access_log_filter()
    # Rate limits: in this worker's memory, or shared in Redis (RATE_LIMIT_STORE=redis).
    app.state.limits = ChatLimits(settings, shared=SharedCounts.from_settings(settings))
    app.add_middleware(BodyLimitMiddleware)  # no request body over 64 KiB is read
    app.add_middleware(ObservabilityMiddleware)  # access log + HTTP metrics by route template
    # The chat API (only) for the council's own sites: ALLOWED_EMBED_ORIGINS (empty: none).
    app.add_middleware(ChatApiCorsMiddleware, settings=settings)
    # Outermost: CSP, nosniff, no-store ... on every response, the 413s above included.
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    app.include_router(metrics_router)  # GET /metrics
    app.include_router(chat_router)
    app.include_router(chat_summary_router)  # /chat/summary/{token}: the printable summary
    app.include_router(chat_embed_router)  # /chat/embed: the chat for an iframe (embed.js)
    app.include_router(offer_router)
    app.include_router(actions_router)
    app.include_router(enquiries_router)
    app.include_router(staff_router)
    app.include_router(staff_api_router)
    app.include_router(staff_content_router)  # /navigator/content: content status, preview
    app.include_router(feedback_router)  # POST /api/chat/sessions/{id}/feedback
    app.include_router(insights_router)  # /navigator/insights, /navigator/content-review
    app.mount("/widget", StaticFiles(directory=WIDGET_DIR), name="widget")

    @app.get("/health", tags=["health"])
    async def health() -> JSONResponse:
        """503 when Rasa or the database is down (the app cannot answer). `mail` says whether
        notification mails are going (ok / backlog / failing / unknown, with the age of the
        oldest unsent one); it never makes the answer 503: the chat still works without it,
        and a load balancer must not take the app out for it. Alert on it instead. `content`
        is "invalid" while the content folder holds a change that cannot be used (the last good
        content stays in use; the log names the problems): alert on that too. `rate_limits`
        says where the rate limits count: "memory", "redis", or "redis-down" (Redis is set but
        does not answer, so each worker counts on its own meanwhile); never a 503 either."""
        database = "ok"
        try:
            with get_engine().connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # any failure means "down"; the reason is not for the public
            database = "down"
        rasa = "ok" if await app.state.rasa.is_up() else "down"
        mail = await asyncio.to_thread(mail_health, settings)
        watcher = getattr(app.state, "content", None)
        content = watcher.status.state if watcher is not None else "ok"
        rate_limits = await asyncio.to_thread(app.state.limits.status)
        ok = database == "ok" and rasa == "ok"
        return JSONResponse(
            {
                "status": "ok" if ok else "degraded",
                "rasa": rasa,
                "database": database,
                "mail": mail,
                "content": content,
                "rate_limits": rate_limits,
            },
            status_code=200 if ok else 503,
        )

    @app.get("/", include_in_schema=False)
    async def demo_page() -> FileResponse:
        return FileResponse(WIDGET_DIR / "demo.html", media_type="text/html")

    return app


app = create_app()


def _main() -> None:  # pragma: no cover - used by `make run`
    import uvicorn

    settings = get_settings()
    # No uvicorn access log: it would hold raw paths (chat session ids); ours logs templates.
    uvicorn.run("bot.main:app", host=settings.app_host, port=settings.app_port, access_log=False)


if __name__ == "__main__":  # pragma: no cover
    _main()
