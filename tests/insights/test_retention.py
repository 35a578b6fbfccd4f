"""Analytics rows are deleted after `retention_days["analytics"]`."""

from __future__ import annotations

import datetime as dt

from bot.db.base import utcnow
from bot.db.session import get_sessionmaker
from bot.enquiries.retention import apply_retention
from bot.insights.models import AnalyticsEvent, Feedback, UnansweredQuestion
from bot.offer.loader import get_offer


def test_old_analytics_rows_are_deleted():
    now = utcnow()
    days = get_offer().council.retention_days["analytics"]
    old, fresh = now - dt.timedelta(days=days + 1), now - dt.timedelta(days=days - 1)
    with get_sessionmaker()() as db:
        rows = {}
        for label, when in (("old", old), ("fresh", fresh)):
            rows[label] = [
                AnalyticsEvent(event_type="conversation_started", at=when),
                UnansweredQuestion(text="a question", at=when),
                Feedback(helpful=True, section_id="", at=when),
            ]
            db.add_all(rows[label])
        db.commit()
        ids = {k: [(type(r), r.id) for r in v] for k, v in rows.items()}
        report = apply_retention(db, now)
        db.commit()
        assert report.analytics_rows_deleted >= 3
        assert all(db.get(model, i) is None for model, i in ids["old"])
        assert all(db.get(model, i) is not None for model, i in ids["fresh"])
