"""References, and when a carer can expect to hear from a Kinship Navigator.

How soon a Navigator promises to make contact is the council's setting
`navigator_contact_promise` in offer_content/council.yml, in working days: 1 means by the end of
the first working day that starts after the enquiry arrives (a message on Friday evening is
answered by the end of Monday, or Tuesday if Monday is a bank holiday; a message on Monday at
10am by the end of Tuesday). Working days are the days with office hours in council.yml that
are not bank holidays in England and Wales. While the setting is a placeholder (or not set) no
day is promised: the enquiry has no `expected_contact_by` and the person is told a Navigator
will contact them as soon as they can (`handoff_expected_contact_unknown`).
"""

from __future__ import annotations

import datetime as dt
import secrets

from bot.core.hours import LONDON, is_bank_holiday
from bot.offer.loader import get_offer
from bot.offer.models import WEEKDAYS

# No I, O, 0 or 1: nothing that reads as another character over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 5


def new_reference() -> str:
    return "KIN-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _opening(day: dt.date) -> dt.time | None:
    hours = get_offer().council.navigators.hours
    if hours is None or is_bank_holiday(day):
        return None
    span = hours.days.get(WEEKDAYS[day.weekday()])
    if not span:
        return None
    return dt.time.fromisoformat(span.split("-")[0].strip())


def contact_due_by(received: dt.datetime, working_days: int = 1) -> dt.date | None:
    """The end of the `working_days`-th working day that starts after `received` (a working
    day that has not started yet when the enquiry arrives counts as the first)."""
    local = received.astimezone(LONDON)
    day = local.date()
    left = working_days
    opening = _opening(day)
    if opening is not None and local.time() < opening:
        left -= 1
        if left == 0:
            return day
    for _ in range(30 * working_days):
        day += dt.timedelta(days=1)
        if _opening(day) is not None:
            left -= 1
            if left == 0:
                return day
    return None  # no office hours configured


def expected_contact_by(received: dt.datetime) -> dt.date | None:
    """The working day by the end of which a navigator has promised to make contact, from the
    council's `navigator_contact_promise`; None while no promise is set (or a placeholder)."""
    working_days = get_offer().council.navigator_contact_promise.promised_days
    if working_days is None:
        return None
    return contact_due_by(received, working_days)


def day_in_words(day: dt.date) -> str:
    """e.g. 'Tuesday 2 December'."""
    return f"{day:%A} {day.day} {day:%B}"


def expected_contact_sentence(day: dt.date | None) -> str:
    dialogue = get_offer().dialogue
    if day is None:
        return dialogue["handoff_expected_contact_unknown"]
    return dialogue["handoff_expected_contact"].replace("{day}", day_in_words(day))
