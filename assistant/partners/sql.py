"""Partner accounts in the database (the console's), with the same rules as the file store.

Lookups by key are cached for ``cache_seconds`` (one query per window, not per request); a
change made by this process is seen at once, one made by another process (the CLI, another
server) within the window. A ``partners.json`` left by an earlier version is imported once,
when the table is still empty, so the keys given to partners keep working.
"""

from __future__ import annotations

import builtins
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.models import PartnerRow
from assistant.partners.store import FilePartnerStore, Partner, PartnerList

logger = logging.getLogger(__name__)


def _partner(row: PartnerRow) -> Partner:
    return Partner(
        id=row.id,
        name=row.name,
        origins=tuple(row.origins.split()),
        publishable_hash=row.publishable_hash,
        secret_hash=row.secret_hash,
        publishable_prefix=row.publishable_prefix,
        secret_prefix=row.secret_prefix,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        rate_limit=row.rate_limit,
    )


def _row(p: Partner) -> PartnerRow:
    return PartnerRow(
        id=p.id,
        name=p.name,
        origins=" ".join(p.origins),
        publishable_hash=p.publishable_hash,
        secret_hash=p.secret_hash,
        publishable_prefix=p.publishable_prefix,
        secret_prefix=p.secret_prefix,
        created_at=p.created_at,
        revoked_at=p.revoked_at,
        rate_limit=p.rate_limit,
    )


class SqlPartnerStore(PartnerList):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        clock: Callable[[], datetime] | None = None,
        cache_seconds: float = 2.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = sessions
        self._clock = clock or (lambda: datetime.now(UTC))
        self._cache_seconds = cache_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._read_at: float | None = None
        self._partners: tuple[Partner, ...] = ()
        self._by_publishable = {}
        self._by_secret = {}

    def import_file(self, path: Path) -> int:
        """Copy the partners of a ``partners.json`` into an empty table; how many were."""
        if not path.is_file() or self._current():
            return 0
        partners = FilePartnerStore(path).list()
        with self._changing() as rows:
            rows.extend(partners)
        logger.info("imported %d partners from %s", len(partners), path)
        return len(partners)

    def _current(self) -> tuple[Partner, ...]:
        now = self._monotonic()
        if self._read_at is None or now - self._read_at >= self._cache_seconds:
            with self._db() as db:
                rows = db.scalars(select(PartnerRow).order_by(PartnerRow.created_at)).all()
                self._install(tuple(_partner(r) for r in rows), now)
        return self._partners

    @contextmanager
    def _changing(self) -> Iterator[builtins.list[Partner]]:
        with self._lock, self._db.begin() as db:
            query = select(PartnerRow).order_by(PartnerRow.created_at).with_for_update()
            before = {p.id: p for p in (_partner(r) for r in db.scalars(query))}
            partners = builtins.list(before.values())
            yield partners
            for p in partners:
                if before.get(p.id) != p:
                    db.merge(_row(p))
        self._install(tuple(partners), self._monotonic())

    def _install(self, partners: tuple[Partner, ...], read_at: float) -> None:
        self._by_publishable = {p.publishable_hash: p for p in partners}
        self._by_secret = {p.secret_hash: p for p in partners}
        self._partners = partners
        self._read_at = read_at
