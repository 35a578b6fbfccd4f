"""The dashboard and its CSV export show exactly the figures of a seeded dataset.

Analytics rows and enquiries are written straight into the database, in a three-week window
40 weeks before a fixed "today" (NOW) years in the past, where no other test writes (they write
at the real time, or a fixed distance before it), with rows just outside the window that must
not count. The app's clock (bot/core/clock.py) is stopped at NOW for the whole module: the
dashboard's default dates come from it, and so does the retention job that every test client
runs as it starts, which therefore keeps the seeded rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import pytest

from bot.core import clock
from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.insights.models import AnalyticsEvent, Feedback, UnansweredQuestion
from bot.insights.service import monday, section_title
from tests.insights.conftest import as_dict, tables

NOW = dt.datetime(2021, 6, 16, 12, 0, tzinfo=dt.UTC)  # a Wednesday
TODAY = NOW.date()
W = monday(TODAY) - dt.timedelta(weeks=40)  # the first Monday of the window
END = W + dt.timedelta(days=20)  # the Sunday of the third week
RANGE = f"from={W.isoformat()}&to={END.isoformat()}"

UNIFORM = [  # asked in this order, one hour apart: the newest is the last
    "can I get help with the cost of school uniform",
    "help with school uniform costs",
    "School uniform cost help please",
    "school uniform cost",
    "help paying for school uniform",
]


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(W + dt.timedelta(days=day), dt.time(hour), tzinfo=dt.UTC)


@pytest.fixture(scope="module", autouse=True)
def _fixed_clock():
    with clock.fixed(NOW):
        yield


@pytest.fixture(scope="module")
def seeded():
    run = uuid.uuid4().hex[:8]
    c = {i: f"{run}c{i}" for i in range(1, 9)}
    c_before, c_after = f"{run}before", f"{run}after"
    rows: list = []

    def event(conversation, kind, when, value=None, ooh=False):
        rows.append(
            AnalyticsEvent(
                conversation_id=conversation,
                event_type=kind,
                value=value,
                at=when,
                out_of_hours=ooh,
            )
        )

    # 8 conversations in range: 6 in week 1 (3 out of hours), 2 in week 2 (1 out of hours).
    for i in range(1, 7):
        event(c[i], "conversation_started", at(i - 1), ooh=i <= 3)
    event(c[7], "conversation_started", at(8), ooh=True)
    event(c[8], "conversation_started", at(9))
    event(c_before, "conversation_started", at(-3))  # before the range
    event(c_before, "section_shown", at(-3), "housing")
    event(c_before, "audience", at(-3), "professional")
    event(c_after, "conversation_started", at(21, 0))  # the day after the range
    # Audience: c1, c2, c5 carer; c3 carer then young person; c4 professional; c6-c8 none.
    for i, value in (
        (1, "carer"),
        (2, "carer"),
        (3, "carer"),
        (3, "young_person"),
        (4, "professional"),
        (5, "carer"),
    ):
        event(c[i], "audience", at(i - 1, 11 if value == "young_person" else 10), value)
    # Arrangement: c1, c2 sgo; c3 informal; c4 kinship fostering then sgo.
    for i, value, hour in (
        (1, "sgo", 10),
        (2, "sgo", 10),
        (3, "informal", 10),
        (4, "kinship_fostering", 10),
        (4, "sgo", 12),
    ):
        event(c[i], "arrangement_known", at(i - 1, hour), value)
    # Needs: housing in c1-c5 (twice in c1), money in c1, school in c6.
    for i, value in (
        (1, "housing"),
        (1, "housing"),
        (1, "financial-support"),
        (2, "housing"),
        (3, "housing"),
        (4, "housing"),
        (5, "housing"),
        (6, "education"),
    ):
        event(c[i], "need_asked", at(i - 1), value)
    for i in range(1, 7):
        event(c[i], "section_shown", at(i - 1), "housing")
    event(c[6], "section_shown", at(5), "education")
    event(c[1], "handoff_started", at(0))
    event(c[2], "handoff_started", at(1))
    event(c[3], "safety_response", at(2))

    for i, helpful in ((1, True), (2, True), (3, False), (4, True), (5, True), (6, True)):
        rows.append(Feedback(conversation_id=c[i], section_id="", helpful=helpful, at=at(i - 1)))
    rows.append(Feedback(conversation_id=c[3], section_id="", helpful=False, at=at(-2)))  # before
    for i, helpful in ((1, True), (2, True), (3, False)):
        rows.append(
            Feedback(
                conversation_id=c[i],
                section_id="housing",
                helpful=helpful,
                at=at(i - 1),
                comment="more about [PHONE] bedrooms please" if i == 3 else None,
            )
        )
    for n, text in enumerate(UNIFORM):
        rows.append(UnansweredQuestion(conversation_id=c[1], text=text, at=at(3, 8 + n)))
    rows.append(
        UnansweredQuestion(
            conversation_id=c[2], text="is there a grant for driving lessons", at=at(4)
        )
    )
    rows.append(UnansweredQuestion(conversation_id=c[2], text="school uniform again", at=at(-1)))
    for text in ("when is bin collection", "bin collection day"):
        rows.append(
            UnansweredQuestion(conversation_id=c[4], text=text, out_of_scope=True, at=at(10))
        )

    with get_sessionmaker()() as db:
        db.add_all(rows)
        enquiries = [
            # (source, created, first contact)
            ("chat", at(1, 10), at(1, 12)),  # 2 hours
            ("chat", at(2, 9), at(3, 9)),  # 24 hours
            ("chat", at(8, 9), at(8, 14)),  # 5 hours
            ("fallback", at(9), None),
            ("chat", at(-10), at(-10, 11)),  # before the range
        ]
        for source, created, contacted in enquiries:
            enquiry = create_enquiry(
                db,
                EnquiryDraft(contact_method="phone", contact_value="07700900123", source=source),
                now=created,
            )
            enquiry.first_contact_at = contacted
        db.commit()
    return c


def test_dashboard_shows_the_seeded_figures(manager, seeded):
    page = manager.get(f"/navigator/insights?{RANGE}")
    assert page.status_code == 200
    t = tables(page.text)

    assert as_dict(t["summary"]) == {
        "Conversations": ["8"],
        "Started out of hours": ["4"],
        "Share out of hours": ["50%"],
        "Hand-offs started": ["2"],
        "Enquiries from the chat": ["3"],
        "Hand-off rate (enquiries per conversation)": ["38%"],
        "Messages left when the assistant was unavailable": ["1"],
        "Safety responses given": ["1"],
        "Median time from enquiry to first contact": ["5 hours"],
        "Enquiries contacted": ["3"],
        "Enquiries waiting for first contact": ["1"],
        "Feedback answers": ["6"],
        "Said the chat helped": ["5"],
        "Helpful": ["83%"],
        "Questions not understood": ["6"],
        "Questions out of scope": ["2"],
    }
    weeks = t["weeks"][1:]
    assert [row[1] for row in weeks] == ["6", "2", "0"]
    assert weeks[0][0] == f"w/c {W.day} {W:%b %Y}"

    audience = as_dict(t["audience"][1:])
    assert audience == {
        "Kinship carer": ["3", "38%"],
        "Young person": ["1", "13%"],
        "Professional": ["1", "13%"],
        "Not known": ["3", "38%"],
    }
    arrangement = as_dict(t["arrangement"][1:])
    assert arrangement["Not known"] == ["4", "50%"]
    assert [v[0] for k, v in arrangement.items() if k != "Not known"] == ["0", "3", "0", "1", "0"]

    needs = as_dict(t["needs"][1:])
    assert needs["Housing"] == ["5"]
    assert needs[section_title("financial-support")] == ["1"]
    assert needs[section_title("education")] == ["1"]
    assert sum(int(v[0]) for v in needs.values()) == 7
    assert list(needs)[0] == "Housing"  # most asked first
    sections = as_dict(t["sections"][1:])
    assert sections["Housing"] == ["6"] and sections[section_title("education")] == ["1"]
    assert sum(int(v[0]) for v in sections.values()) == 7

    unmet = t["unmet"][1:]
    assert [row[0] for row in unmet] == ["5", "1"]
    assert unmet[0][1].split(" | ") == [UNIFORM[4], UNIFORM[3], UNIFORM[2]]  # newest first
    assert unmet[1][1] == "is there a grant for driving lessons"
    assert t["out-of-scope"][1:] == [["2", "bin collection day | when is bin collection"]]

    assert as_dict(t["section-feedback"][1:]) == {"Housing": ["2", "1"]}
    assert "more about [PHONE] bedrooms please" in page.text

    # The charts: labelled images with the same numbers written beside the bars.
    assert page.text.count('role="img"') == 5
    assert '<title id="chart-conversations-per-week-t">Conversations per week</title>' in page.text


def test_csv_export_matches_and_suppresses_small_counts(manager, seeded):
    response = manager.get(f"/navigator/insights.csv?{RANGE}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["measure", "item", "value"]
    got = {(m, i): v for m, i, v in rows[1:]}

    assert got[("period", "from")] == W.isoformat()
    assert got[("summary", "conversations")] == "8"
    assert got[("summary", "conversations out of hours")] == "<5"
    assert got[("summary", "share out of hours")] == "suppressed"
    assert got[("summary", "hand-offs started")] == "<5"
    assert got[("summary", "enquiries from the chat")] == "<5"
    assert got[("summary", "hand-off rate (enquiries / conversations)")] == "suppressed"
    assert got[("summary", "messages left when the assistant was unavailable")] == "<5"
    assert got[("summary", "safety responses")] == "<5"
    assert got[("first contact", "enquiries contacted")] == "<5"
    assert got[("first contact", "median hours to first contact")] == "suppressed"
    assert got[("feedback", "answers")] == "6"
    assert got[("feedback", "helpful")] == "5"
    assert got[("feedback", "helpful share")] == "83%"
    assert got[("unanswered", "questions not understood")] == "6"
    assert got[("unanswered", "questions out of scope")] == "<5"
    weeks = [(i, v) for (m, i), v in got.items() if m == "conversations per week"]
    assert weeks == [
        (W.isoformat(), "6"),
        ((W + dt.timedelta(weeks=1)).isoformat(), "<5"),
        ((W + dt.timedelta(weeks=2)).isoformat(), "0"),
    ]
    assert got[("audience", "Kinship carer")] == "<5"
    assert got[("audience", "Not known")] == "<5"
    assert got[("arrangement", "Not known")] == "<5"
    assert [v for (m, _), v in got.items() if m == "arrangement"] == [
        "0",
        "<5",
        "0",
        "<5",
        "0",
        "<5",
    ]
    assert got[("needs asked about", "Housing")] == "5"
    assert got[("needs asked about", section_title("education"))] == "<5"
    assert got[("sections shown", "Housing")] == "6"
    assert got[("section feedback: helpful", "Housing")] == "<5"
    # Free text only for groups of 5 or more.
    assert got[("unmet need", UNIFORM[4])] == "5"
    assert got[("unmet need", "(a group of fewer than 5)")] == "<5"
    assert got[("out of scope", "(a group of fewer than 5)")] == "<5"
    assert "driving" not in response.text and "bin collection" not in response.text
    # No number from 1 to 4 anywhere in a value column.
    assert not [r for r in rows[1:] if r[2] in {"1", "2", "3", "4"}]


def test_bad_dates_fall_back_to_the_last_12_weeks(manager):
    page = manager.get("/navigator/insights?from=2025-13-01&to=nonsense")
    assert page.status_code == 200
    assert "The dates were not understood" in page.text
    weeks = tables(page.text)["weeks"][1:]
    assert len(weeks) == 12
    first = monday(TODAY) - dt.timedelta(weeks=11)  # the 12 weeks up to the clock's today
    assert weeks[0][0] == f"w/c {first.day} {first:%b %Y}"
    assert weeks[-1][0] == f"w/c {monday(TODAY).day} {monday(TODAY):%b %Y}"
    page = manager.get("/navigator/insights?from=2025-03-01&to=2025-02-01")
    assert "date is after the" in page.text
