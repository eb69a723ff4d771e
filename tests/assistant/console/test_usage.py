"""Usage counts: searches, zero-result searches and catalogue topics, per day; no text."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.console import Usage
from assistant.db.models import UsageCount


def test_counts_per_day_and_topics(db: sessionmaker[Session]) -> None:
    day = [date(2026, 3, 1)]
    usage = Usage(db, today=lambda: day[0], flush_every=3)
    usage.searched(5, ["Excel", "bureautique"])
    usage.searched(0)
    usage.searched(3, ["excel"])
    day[0] = date(2026, 3, 2)
    usage.searched(2, ["soudure"])
    report = usage.report(days=7)
    assert report.days == [(date(2026, 3, 2), 1, 0), (date(2026, 3, 1), 3, 1)]
    assert report.topics == [("excel", 2), ("soudure", 1)]
    with db() as s:
        keys = {row.key for row in s.scalars(select(UsageCount))}
    assert keys == {"", "excel", "soudure"}
