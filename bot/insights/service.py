"""The figures on the managers' dashboard and the content review page, and the CSV export.

Conversations are counted by the date they started (their `conversation_started` event, UTC
dates, both ends of the range included); what happened in a conversation (audience, arrangement,
needs, sections shown, hand-off) is counted over those conversations. Enquiries, feedback and
unanswered questions are counted by their own date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import clock
from bot.enquiries.models import Enquiry
from bot.enquiries.service import as_utc
from bot.insights.clustering import QuestionGroup, group_questions
from bot.insights.models import AnalyticsEvent, Feedback, UnansweredQuestion
from bot.offer.loader import get_offer

DEFAULT_WEEKS = 12
MAX_RANGE_DAYS = 800
MAX_QUESTIONS = 2000
SUPPRESS_BELOW = 5
DUE_SOON_DAYS = 30
NOT_KNOWN = "Not known"
AUDIENCES = {
    "carer": "Kinship carer",
    "young_person": "Young person",
    "professional": "Professional",
}
ARRANGEMENT_ORDER = ("kinship_fostering", "sgo", "cao", "informal", "private_fostering")


# --------------------------------------------------------------------------- date range


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date  # included

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), tzinfo=dt.UTC)

    @property
    def end_at(self) -> dt.datetime:
        """Exclusive upper bound: midnight after `end`."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def default_range(today: dt.date | None = None) -> DateRange:
    today = today or clock.today()
    return DateRange(monday(today) - dt.timedelta(weeks=DEFAULT_WEEKS - 1), today)


def parse_range(start: str, end: str, today: dt.date | None = None) -> tuple[DateRange, str | None]:
    """The range asked for, or the default one and a plain-words reason."""
    fallback = default_range(today)
    if not start and not end:
        return fallback, None
    try:
        first = dt.date.fromisoformat(start) if start else fallback.start
        last = dt.date.fromisoformat(end) if end else fallback.end
    except ValueError:
        return fallback, "The dates were not understood. Showing the last 12 weeks instead."
    if first > last:
        return (
            fallback,
            "The 'from' date is after the 'to' date. Showing the last 12 weeks instead.",
        )
    if (last - first).days > MAX_RANGE_DAYS:
        return fallback, "Please choose a range of two years or less. Showing the last 12 weeks."
    return DateRange(first, last), None


# --------------------------------------------------------------------------- figures


@dataclass
class Row:
    key: str
    label: str
    count: int


@dataclass
class SectionFeedback:
    section_id: str
    title: str
    helpful: int
    not_helpful: int


@dataclass
class Insights:
    period: DateRange
    weeks: list[Row] = field(default_factory=list)
    conversations: int = 0
    out_of_hours: int = 0
    audiences: list[Row] = field(default_factory=list)
    arrangements: list[Row] = field(default_factory=list)
    needs: list[Row] = field(default_factory=list)
    sections: list[Row] = field(default_factory=list)
    handoffs_started: int = 0
    safety_responses: int = 0
    enquiries: int = 0  # from the chat
    fallback_enquiries: int = 0  # "leave a message" when the assistant could not be reached
    contacted: int = 0
    waiting: int = 0
    median_hours_to_contact: float | None = None
    feedback_total: int = 0
    feedback_helpful: int = 0
    section_feedback: list[SectionFeedback] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    unanswered: int = 0
    out_of_scope: int = 0
    unmet: list[QuestionGroup] = field(default_factory=list)
    unmet_out_of_scope: list[QuestionGroup] = field(default_factory=list)

    @property
    def out_of_hours_pct(self) -> int | None:
        return percent(self.out_of_hours, self.conversations)

    @property
    def handoff_rate_pct(self) -> int | None:
        return percent(self.enquiries, self.conversations)

    @property
    def helpful_pct(self) -> int | None:
        return percent(self.feedback_helpful, self.feedback_total)


def percent(part: int, whole: int) -> int | None:
    """Whole per cent, halves rounded up (12.5 -> 13)."""
    return None if whole == 0 else (200 * part + whole) // (2 * whole)


def section_title(section_id: str) -> str:
    section = get_offer().sections.get(section_id)
    return section.title if section else section_id


def _section_rows(counter: Counter) -> list[Row]:
    ids = list(get_offer().sections) + sorted(k for k in counter if k not in get_offer().sections)
    rows = [Row(s, section_title(s), counter.get(s, 0)) for s in ids]
    return sorted(rows, key=lambda r: (-r.count, r.label))


def _cohort_events(db: Session, period: DateRange) -> list[AnalyticsEvent]:
    started = (
        select(AnalyticsEvent.conversation_id)
        .where(
            AnalyticsEvent.event_type == "conversation_started",
            AnalyticsEvent.at >= period.start_at,
            AnalyticsEvent.at < period.end_at,
        )
        .scalar_subquery()
    )
    return list(
        db.scalars(
            select(AnalyticsEvent)
            .where(AnalyticsEvent.conversation_id.in_(started))
            .order_by(AnalyticsEvent.at, AnalyticsEvent.id)
        )
    )


def compute(db: Session, period: DateRange) -> Insights:
    result = Insights(period=period)
    offer = get_offer()
    events = _cohort_events(db, period)

    started = [
        e
        for e in events
        if e.event_type == "conversation_started"
        and period.start_at <= as_utc(e.at) < period.end_at
    ]
    cohort = {e.conversation_id for e in started}
    result.conversations = len(cohort)
    result.out_of_hours = sum(1 for e in started if e.out_of_hours)

    per_week = Counter(monday(as_utc(e.at).date()) for e in started)
    week = monday(period.start)
    while week <= period.end:
        result.weeks.append(Row(week.isoformat(), f"w/c {week.day} {week:%b %Y}", per_week[week]))
        week += dt.timedelta(weeks=1)

    audience: dict[str, str] = {}
    arrangement: dict[str, str] = {}
    needs: set[tuple[str, str]] = set()
    shown: set[tuple[str, str]] = set()
    handoffs: set[str] = set()
    for e in events:
        if e.conversation_id not in cohort:
            continue
        if e.event_type == "audience" and e.value:
            audience[e.conversation_id] = e.value
        elif e.event_type == "arrangement_known" and e.value:
            arrangement[e.conversation_id] = e.value
        elif e.event_type == "need_asked" and e.value:
            needs.add((e.conversation_id, e.value))
        elif e.event_type == "section_shown" and e.value:
            shown.add((e.conversation_id, e.value))
        elif e.event_type == "handoff_started":
            handoffs.add(e.conversation_id)
        elif e.event_type == "safety_response":
            result.safety_responses += 1

    audience_counts = Counter(audience.get(c, NOT_KNOWN) for c in cohort)
    result.audiences = [Row(k, v, audience_counts.get(k, 0)) for k, v in AUDIENCES.items()]
    result.audiences.append(Row("not_known", NOT_KNOWN, audience_counts.get(NOT_KNOWN, 0)))
    arrangement_counts = Counter(arrangement.get(c, NOT_KNOWN) for c in cohort)
    result.arrangements = [
        Row(k, offer.arrangements[k].title if k in offer.arrangements else k, arrangement_counts[k])
        for k in ARRANGEMENT_ORDER
    ]
    result.arrangements.append(Row("not_known", NOT_KNOWN, arrangement_counts.get(NOT_KNOWN, 0)))
    result.needs = _section_rows(Counter(s for _, s in needs))
    result.sections = _section_rows(Counter(s for _, s in shown))
    result.handoffs_started = len(handoffs)

    # Enquiries, by the date they were made.
    enquiries = db.scalars(
        select(Enquiry).where(
            Enquiry.created_at >= period.start_at, Enquiry.created_at < period.end_at
        )
    ).all()
    result.enquiries = sum(1 for e in enquiries if e.source == "chat")
    result.fallback_enquiries = sum(1 for e in enquiries if e.source != "chat")
    hours = [
        (as_utc(e.first_contact_at) - as_utc(e.created_at)).total_seconds() / 3600
        for e in enquiries
        if e.first_contact_at is not None
    ]
    result.contacted = len(hours)
    result.waiting = len(enquiries) - len(hours)
    result.median_hours_to_contact = round(statistics.median(hours), 1) if hours else None

    # Feedback, by its date.
    feedback = db.scalars(
        select(Feedback)
        .where(Feedback.at >= period.start_at, Feedback.at < period.end_at)
        .order_by(Feedback.at.desc(), Feedback.id.desc())
    ).all()
    whole = [f for f in feedback if not f.section_id]
    result.feedback_total = len(whole)
    result.feedback_helpful = sum(1 for f in whole if f.helpful)
    result.comments = [f.comment for f in feedback if f.comment][:50]
    per_section: dict[str, list[int]] = {}
    for f in feedback:
        if f.section_id:
            per_section.setdefault(f.section_id, [0, 0])[0 if f.helpful else 1] += 1
    result.section_feedback = sorted(
        (SectionFeedback(s, section_title(s), yes, no) for s, (yes, no) in per_section.items()),
        key=lambda r: (-(r.helpful + r.not_helpful), r.title),
    )

    # Unmet needs: what the assistant could not answer, grouped by similar wording.
    questions = db.scalars(
        select(UnansweredQuestion)
        .where(UnansweredQuestion.at >= period.start_at, UnansweredQuestion.at < period.end_at)
        .order_by(UnansweredQuestion.at.desc(), UnansweredQuestion.id.desc())
        .limit(MAX_QUESTIONS)
    ).all()
    result.unanswered = sum(1 for q in questions if not q.out_of_scope)
    result.out_of_scope = sum(1 for q in questions if q.out_of_scope)
    result.unmet = group_questions(q.text for q in questions if not q.out_of_scope)
    result.unmet_out_of_scope = group_questions(q.text for q in questions if q.out_of_scope)
    return result


# --------------------------------------------------------------------------- content review


@dataclass
class ReviewRow:
    section_id: str
    title: str
    last_reviewed: dt.date
    review_due: dt.date
    state: str  # "overdue", "due_soon" or "ok"
    days: int  # days until due (negative: overdue by)
    shown: int


REVIEW_STATES = {"overdue": "Overdue", "due_soon": "Due within 30 days", "ok": "Up to date"}


def content_review(db: Session, period: DateRange, today: dt.date | None = None) -> list[ReviewRow]:
    today = today or clock.today()
    shown = Counter(
        value
        for value, _conversation in db.execute(
            select(AnalyticsEvent.value, AnalyticsEvent.conversation_id).where(
                AnalyticsEvent.event_type == "section_shown",
                AnalyticsEvent.at >= period.start_at,
                AnalyticsEvent.at < period.end_at,
            )
        )
    )
    rows = []
    for section in get_offer().sections.values():
        days = (section.review_due - today).days
        state = "overdue" if days < 0 else "due_soon" if days <= DUE_SOON_DAYS else "ok"
        rows.append(
            ReviewRow(
                section.id,
                section.title,
                section.last_reviewed,
                section.review_due,
                state,
                days,
                shown.get(section.id, 0),
            )
        )
    return sorted(rows, key=lambda r: (r.review_due, r.title))


# --------------------------------------------------------------------------- CSV export


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def suppress(count: int) -> str:
    """Counts of 1 to 4 are shown as "<5" (0 is shown: it identifies no one)."""
    return "<5" if 0 < count < SUPPRESS_BELOW else str(count)


def suppress_pct(part: int, whole: int) -> str:
    """A percentage is withheld when either count behind it is suppressed."""
    if whole == 0:
        return "n/a"
    if 0 < part < SUPPRESS_BELOW or whole < SUPPRESS_BELOW:
        return "suppressed"
    return f"{percent(part, whole)}%"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def insights_csv(figures: Insights) -> str:
    f = figures
    rows: list[tuple[str, str, str]] = [
        ("period", "from", f.period.start.isoformat()),
        ("period", "to", f.period.end.isoformat()),
        ("summary", "conversations", suppress(f.conversations)),
        ("summary", "conversations out of hours", suppress(f.out_of_hours)),
        ("summary", "share out of hours", suppress_pct(f.out_of_hours, f.conversations)),
        ("summary", "hand-offs started", suppress(f.handoffs_started)),
        ("summary", "enquiries from the chat", suppress(f.enquiries)),
        (
            "summary",
            "hand-off rate (enquiries / conversations)",
            suppress_pct(f.enquiries, f.conversations),
        ),
        (
            "summary",
            "messages left when the assistant was unavailable",
            suppress(f.fallback_enquiries),
        ),
        ("summary", "safety responses", suppress(f.safety_responses)),
        ("first contact", "enquiries contacted", suppress(f.contacted)),
        ("first contact", "enquiries waiting", suppress(f.waiting)),
        (
            "first contact",
            "median hours to first contact",
            "suppressed"
            if f.contacted < SUPPRESS_BELOW or f.median_hours_to_contact is None
            else f"{f.median_hours_to_contact:g}",
        ),
        ("feedback", "answers", suppress(f.feedback_total)),
        ("feedback", "helpful", suppress(f.feedback_helpful)),
        ("feedback", "helpful share", suppress_pct(f.feedback_helpful, f.feedback_total)),
        ("unanswered", "questions not understood", suppress(f.unanswered)),
        ("unanswered", "questions out of scope", suppress(f.out_of_scope)),
    ]
    rows += [("conversations per week", r.key, suppress(r.count)) for r in f.weeks]
    rows += [("audience", r.label, suppress(r.count)) for r in f.audiences]
    rows += [("arrangement", r.label, suppress(r.count)) for r in f.arrangements]
    rows += [("needs asked about", r.label, suppress(r.count)) for r in f.needs]
    rows += [("sections shown", r.label, suppress(r.count)) for r in f.sections]
    for s in f.section_feedback:
        rows.append(("section feedback: helpful", s.title, suppress(s.helpful)))
        rows.append(("section feedback: not helpful", s.title, suppress(s.not_helpful)))
    for name, groups in (("unmet need", f.unmet), ("out of scope", f.unmet_out_of_scope)):
        for group in groups:
            # Free text only for groups of 5 or more; smaller ones are on the dashboard.
            label = (
                group.examples[0] if group.size >= SUPPRESS_BELOW else "(a group of fewer than 5)"
            )
            rows.append((name, label, suppress(group.size)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("measure", "item", "value"))
    for row in rows:
        writer.writerow(_cell(v) for v in row)
    return out.getvalue()
