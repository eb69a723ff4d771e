"""Anonymous usage counts: searches a day, searches with no result, topics requested.

A topic is a word of the catalogue (the first tag of the best module found), never the
person's text, so the counts tell what is asked about without keeping what was said.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.models import UsageCount

KINDS = ("search", "zero_results", "topic")


@dataclass(frozen=True)
class UsageReport:
    days: list[tuple[date, int, int]]  # day, searches, zero-result searches
    topics: list[tuple[str, int]]  # most requested first


class Usage:
    """Counts in memory, written to the database every ``flush_every`` searches (and on
    :meth:`flush`), so a search never waits on a write."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        today: Callable[[], date] = lambda: datetime.now(UTC).date(),
        flush_every: int = 20,
    ) -> None:
        self._db = sessions
        self._today = today
        self._flush_every = flush_every
        self._lock = threading.Lock()
        self._pending: Counter[tuple[date, str, str]] = Counter()
        self._since_flush = 0

    def searched(self, found: int, tags: Sequence[str] = ()) -> None:
        """Count one search that found ``found`` modules, the best one tagged ``tags``."""
        day = self._today()
        with self._lock:
            self._pending[(day, "search", "")] += 1
            if found == 0:
                self._pending[(day, "zero_results", "")] += 1
            elif tags:
                self._pending[(day, "topic", tags[0].strip().lower()[:100])] += 1
            self._since_flush += 1
            due = self._since_flush >= self._flush_every
        if due:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._since_flush = 0
        if not pending:
            return
        with self._db.begin() as db:
            for (day, kind, key), n in pending.items():
                row = db.get(UsageCount, (day, kind, key))
                if row is None:
                    db.add(UsageCount(day=day, kind=kind, key=key, count=n))
                else:
                    row.count += n

    def report(self, days: int = 30, topics: int = 10) -> UsageReport:
        self.flush()
        since = self._today() - timedelta(days=days - 1)
        with self._db() as db:
            rows = db.execute(
                select(UsageCount.day, UsageCount.kind, func.sum(UsageCount.count))
                .where(UsageCount.day >= since, UsageCount.kind.in_(("search", "zero_results")))
                .group_by(UsageCount.day, UsageCount.kind)
            ).all()
            top = db.execute(
                select(UsageCount.key, func.sum(UsageCount.count).label("n"))
                .where(UsageCount.day >= since, UsageCount.kind == "topic")
                .group_by(UsageCount.key)
                .order_by(func.sum(UsageCount.count).desc(), UsageCount.key)
                .limit(topics)
            ).all()
        per_day: dict[date, list[int]] = {}
        for day, kind, n in rows:
            per_day.setdefault(day, [0, 0])[0 if kind == "search" else 1] += int(n)
        return UsageReport(
            days=[(d, s, z) for d, (s, z) in sorted(per_day.items(), reverse=True)],
            topics=[(k, int(n)) for k, n in top],
        )
