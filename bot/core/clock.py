"""The clock the app asks for "now" when the answer changes what it does: office hours (and so
the hand-off and safety wording), retention cut-offs, the dashboards' default dates.

Tests set it instead of depending on when they happen to run:

    with clock.fixed(dt.datetime(2026, 11, 24, 11, 0, tzinfo=LONDON)):  # a Tuesday morning
        ...

A live process started for tests (the app, which also runs the Rasa actions) takes the setting
FIXED_NOW, an ISO 8601 time with its UTC offset (e.g. 2026-11-24T11:00:00+00:00). It is
honoured ONLY when ENVIRONMENT=test and ignored otherwise, so it can never stop a real
deployment's clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

_fixed: dt.datetime | None = None


def parse_fixed_now(value: str) -> dt.datetime:
    """FIXED_NOW as a time; a plain-words ValueError unless it is ISO 8601 with an offset."""
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"FIXED_NOW '{value}' is not a time: write e.g. 2026-11-24T11:00:00+00:00"
        ) from None
    if when.tzinfo is None:
        raise ValueError(f"FIXED_NOW '{value}' needs its UTC offset, e.g. +00:00")
    return when


def _configured() -> dt.datetime | None:
    from bot.settings import get_settings

    settings = get_settings()
    if settings.environment != "test" or not settings.fixed_now:
        return None
    return parse_fixed_now(settings.fixed_now)


def now() -> dt.datetime:
    """The current time, timezone-aware (UTC unless a fixed time says otherwise)."""
    if _fixed is not None:
        return _fixed
    return _configured() or dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date in UTC (the dashboards count by UTC dates)."""
    return now().astimezone(dt.UTC).date()


def set_fixed(when: dt.datetime | None) -> None:
    """Stop the clock at `when` (timezone-aware), or let it run again with None."""
    global _fixed
    if when is not None and when.tzinfo is None:
        raise ValueError("a fixed time needs a timezone")
    _fixed = when


@contextmanager
def fixed(when: dt.datetime) -> Iterator[dt.datetime]:
    """The clock stopped at `when` inside the block; as it was before afterwards."""
    before = _fixed
    set_fixed(when)
    try:
        yield when
    finally:
        set_fixed(before)
