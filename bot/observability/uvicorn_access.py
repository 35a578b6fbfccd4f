"""uvicorn's own access log, when it is on, shows route templates, never raw paths.

`make run` and `make serve` start uvicorn with `--no-access-log`, and `configure_logging()` sets
`uvicorn.access` to WARNING: our access log is `bot.access` (middleware.py). But uvicorn started
another way (`uvicorn bot.main:app`, `uvicorn.run(app)` with uvicorn's own logging set-up, a
process manager's log configuration) logs every request as
`127.0.0.1:5000 - "POST /api/chat/sessions/<id>/messages HTTP/1.1" 200`, and a chat session id is
a bearer key. `install_access_log_filter()` (called in `create_app`) puts a filter on the
`uvicorn.access` logger itself, so it runs before any handler, whoever configured them (a later
`logging.config.dictConfig` replaces a logger's handlers, not its filters):

- the path becomes the route template (`/api/chat/sessions/{session_id}/messages`), which
  `ObservabilityMiddleware` records in `CURRENT_ROUTE` as the response starts (uvicorn writes
  the line inside that same `send`); the query string goes with the path;
- a response that did not pass the middleware (none should) is logged with `<path not logged>`;
- a record not in uvicorn's known shape is dropped whole (every request is in `bot.access`).
"""

from __future__ import annotations

import logging

from .middleware import CURRENT_ROUTE

UVICORN_ACCESS = "uvicorn.access"
NOT_LOGGED = "<path not logged>"


class RouteTemplateFilter(logging.Filter):
    """uvicorn's `'%s - "%s %s HTTP/%s" %d'` (address, method, path and query, version, status)
    with the route template in place of the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if not (isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str)):
            return False  # not uvicorn's access line: it may hold a raw path, so not logged
        client, method, _path, version, status = args
        record.args = (client, method, CURRENT_ROUTE.get() or NOT_LOGGED, version, status)
        return True


def install_access_log_filter() -> None:
    """Put the filter on `uvicorn.access` (once, however many apps are made)."""
    logger = logging.getLogger(UVICORN_ACCESS)
    if not any(isinstance(f, RouteTemplateFilter) for f in logger.filters):
        logger.addFilter(RouteTemplateFilter())
