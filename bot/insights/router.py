"""The managers' insights dashboard, its CSV export, and the content review page.

    /navigator/insights         managers only (navigators get 403; no session: sign-in)
    /navigator/insights.csv     the same figures, counts of 1 to 4 shown as "<5"
    /navigator/content-review   managers and navigators

Server-rendered HTML (no JavaScript), the staff pages' base template, CSS and security headers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from bot.core import clock
from bot.core.deps import DbSession
from bot.enquiries.models import OUTCOMES
from bot.insights import service
from bot.insights.charts import bar_chart
from bot.offer.loader import get_offer
from bot.staff import audit
from bot.staff.deps import ManagerPage, StaffPage
from bot.staff.models import StaffSession
from bot.staff.router import HERE as STAFF_DIR
from bot.staff.router import SECURITY_HEADERS, STATUS_LABELS, age, local_time

HERE = Path(__file__).resolve().parent
router = APIRouter(tags=["staff"])

DateParam = Annotated[str, Query(alias="from", max_length=10)]
ToParam = Annotated[str, Query(alias="to", max_length=10)]


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(HERE / "templates"), FileSystemLoader(STAFF_DIR / "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["age"] = age
    env.filters["local_time"] = local_time
    env.globals.update(
        STATUS_LABELS=STATUS_LABELS, OUTCOMES=OUTCOMES, bar_chart=bar_chart, percent=service.percent
    )
    return env


def _page(template: str, session: StaffSession, **context: Any) -> HTMLResponse:
    html = (
        _templates()
        .get_template(template)
        .render(
            council=get_offer().council,
            offer=get_offer(),
            user=session.user,
            csrf_token=session.csrf_token,
            **context,
        )
    )
    return HTMLResponse(html, headers=SECURITY_HEADERS)


@router.get("/navigator/static/insights.css", include_in_schema=False)
def insights_css() -> FileResponse:
    return FileResponse(HERE / "templates" / "insights.css", media_type="text/css")


@router.get("/navigator/insights", response_class=HTMLResponse, include_in_schema=False)
def insights_page(
    db: DbSession, session: ManagerPage, start: DateParam = "", end: ToParam = ""
) -> HTMLResponse:
    period, problem = service.parse_range(start, end)
    figures = service.compute(db, period)
    audit.record(db, session.user, "viewed_insights", detail=f"{period.start} to {period.end}")
    db.commit()
    return _page(
        "insights.html",
        session,
        title="Insights",
        f=figures,
        period=period,
        problem=problem,
        csv_url=f"/navigator/insights.csv?from={period.start}&to={period.end}",
    )


@router.get("/navigator/insights.csv", include_in_schema=False)
def insights_csv(
    db: DbSession, session: ManagerPage, start: DateParam = "", end: ToParam = ""
) -> Response:
    period, _ = service.parse_range(start, end)
    figures = service.compute(db, period)
    audit.record(
        db, session.user, "exported_insights_csv", detail=f"{period.start} to {period.end}"
    )
    db.commit()
    return Response(
        service.insights_csv(figures),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": (
                f'attachment; filename="kinship-insights-{period.start}-to-{period.end}.csv"'
            ),
            "Cache-Control": "no-store",
        },
    )


@router.get("/navigator/content-review", response_class=HTMLResponse, include_in_schema=False)
def content_review_page(
    db: DbSession, session: StaffPage, start: DateParam = "", end: ToParam = ""
) -> HTMLResponse:
    period, problem = service.parse_range(start, end)
    today = clock.today()
    rows = service.content_review(db, period, today)
    most_used = sorted(rows, key=lambda r: (-r.shown, r.title))
    return _page(
        "content_review.html",
        session,
        title="Content review",
        rows=rows,
        most_used=most_used,
        chart_rows=[service.Row(r.section_id, r.title, r.shown) for r in most_used],
        states=service.REVIEW_STATES,
        period=period,
        problem=problem,
        today=today,
        overdue=sum(1 for r in rows if r.state == "overdue"),
        due_soon=sum(1 for r in rows if r.state == "due_soon"),
    )
