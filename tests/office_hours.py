"""Fixed times for tests of what depends on the navigators' office hours (offer_content/
council.yml: Monday to Thursday 8.30am to 5pm, Friday to 4.30pm), so that every run checks
both branches instead of whichever one its clock happens to hit. Set the app's clock with
`bot.core.clock.fixed(when)`."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.hours import LONDON

TUESDAY_11AM = dt.datetime(2026, 11, 24, 11, 0, tzinfo=LONDON)
TUESDAY_11PM = dt.datetime(2026, 11, 24, 23, 0, tzinfo=LONDON)
SATURDAY_11AM = dt.datetime(2026, 11, 28, 11, 0, tzinfo=LONDON)
BANK_HOLIDAY_11AM = dt.datetime(2026, 12, 28, 11, 0, tzinfo=LONDON)  # Boxing Day, substitute

# (when, out of hours?) — use as `@BOTH_BRANCHES` on a test taking `when, out_of_hours`.
BOTH_BRANCHES = pytest.mark.parametrize(
    "when,out_of_hours",
    [(TUESDAY_11AM, False), (SATURDAY_11AM, True), (TUESDAY_11PM, True)],
    ids=["tuesday-11am", "saturday-11am", "tuesday-11pm"],
)
