"""References, and when a carer can expect to hear from a Kinship Navigator.

A navigator aims to make contact by the end of the first working day that starts after the
enquiry arrives: a message on Friday evening is answered by the end of Monday (or Tuesday, if
Monday is a bank holiday); a message on Monday at 10am by the end of Tuesday. Working days are
the days with office hours in council.yml that are not bank holidays in England and Wales.
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


def expected_contact_by(received: dt.datetime) -> dt.date | None:
    """The working day by the end of which a navigator should have made contact."""
    local = received.astimezone(LONDON)
    day = local.date()
    opening = _opening(day)
    if opening is not None and local.time() < opening:
        return day
    for _ in range(30):
        day += dt.timedelta(days=1)
        if _opening(day) is not None:
            return day
    return None  # no office hours configured


def day_in_words(day: dt.date) -> str:
    """e.g. 'Tuesday 2 December'."""
    return f"{day:%A} {day.day} {day:%B}"


def expected_contact_sentence(day: dt.date | None) -> str:
    dialogue = get_offer().dialogue
    if day is None:
        return dialogue["handoff_expected_contact_unknown"]
    return dialogue["handoff_expected_contact"].replace("{day}", day_in_words(day))
