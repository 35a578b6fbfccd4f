"""The content check compares the opening hours people read (`hours.text`) with the hours the
assistant uses for "open now", out of hours and the contact promise (`hours.days`)."""

from __future__ import annotations

import pytest

from bot.offer.checks import check_content, hours_in_words

WEEKDAYS_9_TO_5 = {
    day: "09:00-17:00" for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday to Friday 9am to 5pm.", WEEKDAYS_9_TO_5),
        ("Mon-Fri 09:00-17:00", WEEKDAYS_9_TO_5),
        ("9am to 5pm, Monday to Friday", WEEKDAYS_9_TO_5),
        ("Weekdays 9am - 5pm", WEEKDAYS_9_TO_5),
        (
            "Monday to Thursday 8.30am to 5pm. Friday 8.30am to 4.30pm.",
            {
                **{d: "08:30-17:00" for d in ("monday", "tuesday", "wednesday", "thursday")},
                "friday": "08:30-16:30",
            },
        ),
        (
            "Tuesday and Thursday 10am to 12 noon. Saturday closed.",
            {"tuesday": "10:00-12:00", "thursday": "10:00-12:00", "saturday": None},
        ),
        ("Ask the team when they are open", None),
    ],
)
def test_hours_in_words(text, expected):
    assert hours_in_words(text) == expected


def hours_problems(problems):
    return [p for p in problems if p.field and p.field.endswith(("hours", "hours.text"))]


def test_the_real_content_agrees():
    assert [p for p in hours_problems(check_content()) if "agree" in p.message] == []


def test_a_text_that_disagrees_with_days_is_an_error(edit):
    content = edit(
        "council.yml",
        "      text: Monday to Friday 9.30am to 3pm.",
        "      text: Monday to Friday 9.30am to 5pm.",
    )
    problems = [
        p for p in check_content(content) if p.field == "contacts.family_rights_group.hours"
    ]
    assert len(problems) == 1 and problems[0].level == "error"
    message = problems[0].message
    assert "do not agree" in message
    assert "Monday: the text says 09:30 to 17:00, days: says 09:30 to 15:00" in message


def test_a_day_missing_from_the_text_is_named(edit):
    content = edit(
        "council.yml",
        "      text: Monday to Friday 9.30am to 3pm.",
        "      text: Monday to Thursday 9.30am to 3pm.",
    )
    (problem,) = [
        p for p in check_content(content) if p.field == "contacts.family_rights_group.hours"
    ]
    assert "Friday: the text says nothing, days: says 09:30 to 15:00" in problem.message


def test_a_text_the_check_cannot_read_is_a_warning(edit):
    content = edit(
        "council.yml",
        "      text: Monday to Friday 9.30am to 3pm.",
        "      text: Usual office hours.",
    )
    (problem,) = [
        p for p in check_content(content) if p.field == "contacts.family_rights_group.hours.text"
    ]
    assert problem.level == "warning" and "could not read" in problem.message
