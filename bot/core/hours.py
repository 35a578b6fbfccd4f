"""Office hours and working days of the Kinship Navigator team (council settings + bank holidays).

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

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=[year])


def is_bank_holiday(day: dt.date) -> bool:
    return day in _bank_holidays(day.year)


def local_now() -> dt.datetime:
    """Now in London, from the app's clock (bot/core/clock.py: tests can set it)."""
    return clock.now().astimezone(LONDON)


def is_out_of_hours(when: dt.datetime | None = None) -> bool:
    """True when the navigator team is not at work: evenings, weekends and bank holidays."""
    when = (when or local_now()).astimezone(LONDON)
    hours = get_offer().council.navigators.hours
    if hours is None:
        return False
    if is_bank_holiday(when.date()):
        return True
    return not hours.is_open_at(when.replace(tzinfo=None))
