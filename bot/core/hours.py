"""Office hours and working days (council settings + bank holidays): the Kinship Navigator
team's (`is_out_of_hours`), or any team's (`is_open`, e.g. children's social care).

Bank holidays come from the maintained `holidays` library (England, which shares its bank
holidays with Wales), never from a hand-written list.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.core import clock
from bot.offer.loader import get_offer
from bot.offer.models import OfficeHours

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=[year])


def is_bank_holiday(day: dt.date) -> bool:
    return day in _bank_holidays(day.year)


def local_now() -> dt.datetime:
    """Now in London, from the app's clock (bot/core/clock.py: tests can set it)."""
    return clock.now().astimezone(LONDON)


def is_open(hours: OfficeHours | None, when: dt.datetime | None = None) -> bool | None:
    """Whether a team with these office hours is at work at `when` (default: now, from the
    app's clock): never on a bank holiday. None when its hours are not known (no days)."""
    if hours is None or not hours.days:
        return None
    when = (when or local_now()).astimezone(LONDON)
    if is_bank_holiday(when.date()):
        return False
    return hours.is_open_at(when.replace(tzinfo=None))


def is_out_of_hours(when: dt.datetime | None = None) -> bool:
    """True when the navigator team is not at work: evenings, weekends and bank holidays."""
    hours = get_offer().council.navigators.hours
    if hours is None:
        return False
    when = (when or local_now()).astimezone(LONDON)
    if is_bank_holiday(when.date()):
        return True
    return not hours.is_open_at(when.replace(tzinfo=None))
