"""The app's clock (bot/core/clock.py) and what reads it: office hours, the widget's
out-of-hours banner, conversations marked out of hours, retention. Every branch is checked at
a fixed time, whatever the time of the run."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bot.chat.service import create_conversation
from bot.core import clock
from bot.core.hours import LONDON, is_out_of_hours, local_now
from bot.db.session import get_sessionmaker
from bot.enquiries.retention import apply_retention
from bot.insights.models import AnalyticsEvent
from bot.insights.service import default_range, monday
from bot.offer.loader import get_offer
from bot.settings import Settings, get_settings
from tests.office_hours import (
    BANK_HOLIDAY_11AM,
    BOTH_BRANCHES,
    SATURDAY_11AM,
    TUESDAY_11AM,
    TUESDAY_11PM,
)


def test_a_fixed_clock_holds_inside_the_block_and_runs_again_after():
    with clock.fixed(TUESDAY_11AM):
        assert clock.now() == TUESDAY_11AM
        with clock.fixed(SATURDAY_11AM):
            assert clock.now() == SATURDAY_11AM
        assert clock.now() == TUESDAY_11AM
        assert clock.today() == dt.date(2026, 11, 24)
        assert local_now() == TUESDAY_11AM and local_now().tzinfo == LONDON
    running = clock.now()
    assert running.tzinfo is not None and running != TUESDAY_11AM
    with pytest.raises(ValueError, match="timezone"):
        clock.set_fixed(dt.datetime(2026, 11, 24, 11, 0))


@pytest.fixture
def environment(monkeypatch):
    """Settings from the environment given (the cached settings are read again)."""

    def set_environment(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield set_environment
    monkeypatch.undo()
    get_settings.cache_clear()


def test_fixed_now_setting_is_honoured_only_in_the_test_environment(environment):
    environment(ENVIRONMENT="test", FIXED_NOW="2026-11-28T11:00:00+00:00")
    assert clock.now() == SATURDAY_11AM
    assert is_out_of_hours()
    environment(ENVIRONMENT="development")
    assert clock.now() != SATURDAY_11AM
    environment(ENVIRONMENT="production")
    assert clock.now() != SATURDAY_11AM


@pytest.mark.parametrize("value", ["tomorrow", "2026-11-28T11:00:00"])
def test_a_fixed_now_that_is_not_a_time_with_its_offset_is_refused(value):
    with pytest.raises(ValidationError, match="FIXED_NOW"):
        Settings(fixed_now=value)


@pytest.mark.parametrize(
    "when,out_of_hours",
    [
        (TUESDAY_11AM, False),
        (TUESDAY_11PM, True),
        (SATURDAY_11AM, True),
        (BANK_HOLIDAY_11AM, True),  # a Monday, but a bank holiday
        (dt.datetime(2026, 11, 27, 16, 45, tzinfo=LONDON), True),  # Friday after 4.30pm
        (dt.datetime(2026, 11, 27, 16, 15, tzinfo=LONDON), False),
        (dt.datetime(2026, 11, 24, 8, 30, tzinfo=LONDON), False),  # opening time
        (dt.datetime(2026, 11, 24, 17, 0, tzinfo=LONDON), True),  # closing time
    ],
)
def test_out_of_hours_follows_the_clock(when, out_of_hours):
    with clock.fixed(when):
        assert is_out_of_hours() is out_of_hours
    assert is_out_of_hours(when) is out_of_hours  # and a time given outright
    # The same moment given in UTC is read in London time.
    assert is_out_of_hours(when.astimezone(dt.UTC)) is out_of_hours


@BOTH_BRANCHES
def test_widget_config_says_whether_the_office_is_closed(client, when, out_of_hours):
    with clock.fixed(when):
        config = client.get("/api/chat/config").json()
    assert config["out_of_hours"] is out_of_hours
    assert config["out_of_hours_message"] == get_offer().dialogue["handoff_out_of_hours"]


@BOTH_BRANCHES
def test_a_conversation_is_marked_by_the_time_it_started(when, out_of_hours):
    with get_sessionmaker()() as db:
        with clock.fixed(when):
            conversation = create_conversation(db)
        assert conversation.out_of_hours is out_of_hours
        event = db.query(AnalyticsEvent).filter_by(conversation_id=conversation.id).one()
        assert event.out_of_hours is out_of_hours
        db.rollback()


def test_retention_reads_the_clock():
    """With no time given, retention cuts off from the clock's now: a row a day younger than the
    analytics period at the fixed time is kept, one a day older is deleted."""
    days = get_offer().council.retention_days["analytics"]
    now = TUESDAY_11AM.astimezone(dt.UTC)
    with get_sessionmaker()() as db:
        old = AnalyticsEvent(event_type="clock_test", at=now - dt.timedelta(days=days + 1))
        kept = AnalyticsEvent(event_type="clock_test", at=now - dt.timedelta(days=days - 1))
        db.add_all([old, kept])
        db.commit()
        ids = old.id, kept.id
        with clock.fixed(TUESDAY_11AM):
            apply_retention(db)
        db.commit()
        assert db.get(AnalyticsEvent, ids[0]) is None
        assert db.get(AnalyticsEvent, ids[1]) is not None
        db.delete(db.get(AnalyticsEvent, ids[1]))
        db.commit()


def test_the_dashboards_default_range_ends_on_the_clocks_today():
    with clock.fixed(SATURDAY_11AM):
        period = default_range()
    assert period.end == dt.date(2026, 11, 28)
    assert period.start == monday(dt.date(2026, 11, 28)) - dt.timedelta(weeks=11)
