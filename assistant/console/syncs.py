"""Catalog syncs in the console's database: the rebuild lease they take, and their log.

``boussole catalog sync`` builds in the command's own process, never in the server's. So a
sync and a rebuild started from the console never build at once, :func:`hold_lease` takes
the same lease as :class:`~assistant.console.rebuild.RebuildJobs`: a ``running`` row in
``catalog_jobs`` (only one may exist), renewed while the sync builds. The console shows it
among its rebuilds and refuses to start another meanwhile; a sync that finds a rebuild
running stops with :class:`~assistant.console.rebuild.RebuildBusyError`. Cancelling it from
the console stops the sync at its next progress report (nothing is published).

:class:`SyncLog` stores one :class:`~assistant.db.models.CatalogSync` row per sync (sources,
counts, generation, duration) and reads the last ones for the admin's catalog page.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.console.accounts import CLI, utcnow
from assistant.console.audit import record
from assistant.console.rebuild import (
    LEASE_SECONDS,
    RebuildBusyError,
    RebuildCancelledError,
    RebuildJobs,
)
from assistant.db.models import CatalogJob, CatalogSync

logger = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass
class Lease:
    """The ``catalog_jobs`` row a sync holds; its progress is written there."""

    job_id: int
    _db: sessionmaker[Session]
    message: str = ""
    generation: str = ""

    def progress(self, done: int, total: int) -> None:
        """Show progress on the row; raises once the console asked the sync to stop."""
        with self._db.begin() as db:
            query = update(CatalogJob).where(
                CatalogJob.id == self.job_id, CatalogJob.status == "running"
            )
            if db.execute(query.values(done=done, total=total).returning(CatalogJob.id)).first():
                return
        raise RebuildCancelledError(f"the sync (catalog job {self.job_id}) was cancelled")


@contextmanager
def hold_lease(
    db: sessionmaker[Session],
    *,
    clock: Clock = utcnow,
    lease_seconds: float = LEASE_SECONDS,
) -> Iterator[Lease]:
    """Hold the rebuild lease while the block runs; the row ends done, or failed if it raised.

    Raises:
        RebuildBusyError: a rebuild (or another sync) holds it.
    """
    RebuildJobs(db, clock=clock)  # marks rows whose lease ran out (their process died) failed
    span = timedelta(seconds=lease_seconds)
    now = clock()
    try:
        with db.begin() as s:
            if s.scalar(select(CatalogJob.id).where(CatalogJob.status == "cancelling")):
                raise _busy(db)  # a cancelled rebuild still stopping holds its lease too
            row = CatalogJob(
                started_by=CLI.email, started_at=now, status="running", lease_until=now + span
            )
            s.add(row)
            s.flush()
            lease = Lease(row.id, db)
            _audit(s, now, row.id, "sync started")
    except IntegrityError:  # the partial unique index: another job is running
        raise _busy(db) from None
    stop = threading.Event()
    threading.Thread(
        target=_renew,
        args=(db, lease.job_id, stop, span, clock),
        daemon=True,
        name=f"catalog-sync-lease-{lease.job_id}",
    ).start()
    status = "failed"
    try:
        yield lease
        status = "done"
    except RebuildCancelledError:
        status, lease.message = "cancelled", "sync cancelled: the served index is unchanged"
        raise
    except BaseException as exc:
        lease.message = str(exc) or type(exc).__name__
        raise
    finally:
        stop.set()
        _finish(db, lease, status, clock())


def _renew(
    db: sessionmaker[Session], job_id: int, stop: threading.Event, span: timedelta, clock: Clock
) -> None:
    while not stop.wait(span.total_seconds() / 3):
        try:
            with db.begin() as s:
                s.execute(
                    update(CatalogJob)
                    .where(CatalogJob.id == job_id, CatalogJob.status == "running")
                    .values(lease_until=clock() + span)
                )
        except Exception as exc:  # the next beat tries again; the lease outlives a few
            logger.warning("catalog sync %d: lease not renewed: %s", job_id, exc)


def _busy(db: sessionmaker[Session]) -> RebuildBusyError:
    with db() as s:
        query = select(CatalogJob.id).where(CatalogJob.status.in_(("running", "cancelling")))
        busy = s.scalar(query)
    return RebuildBusyError(
        f"a catalog rebuild is running (job n° {busy}); nothing was synced: run the sync "
        "again once it is over (the console's catalog page shows it)"
    )


def _audit(s: Session, now: datetime, job_id: int, detail: str) -> None:
    record(
        s,
        CLI,
        "catalog_rebuild",
        now,
        target_kind="catalog_job",
        target_id=str(job_id),
        detail=detail,
    )


def _finish(db: sessionmaker[Session], lease: Lease, status: str, now: datetime) -> None:
    values: dict[str, Any] = {
        "status": status,
        "finished_at": now,
        "message": lease.message[:500],
        "lease_until": None,
        "generation": lease.generation,
    }
    try:
        with db.begin() as s:
            s.execute(update(CatalogJob).where(CatalogJob.id == lease.job_id).values(**values))
            detail = f"sync {status}" + (f": {lease.generation}" if lease.generation else "")
            _audit(s, now, lease.job_id, detail)
    except Exception:
        logger.exception("catalog sync %d: its end could not be recorded", lease.job_id)


@dataclass(frozen=True)
class SyncEntry:
    """One sync, as the admin's catalog page shows it."""

    started_at: datetime
    sources: str
    status: str
    added: int
    changed: int
    removed: int
    unchanged: int
    embedded: int
    generation: str
    seconds: float
    note: str


class SyncLog:
    """The ``catalog_syncs`` rows: one written per sync, the last ones read."""

    def __init__(self, db: sessionmaker[Session]) -> None:
        self._db = db

    def add(self, entry: SyncEntry, finished_at: datetime) -> int:
        """Store ``entry``; its row id."""
        with self._db.begin() as s:
            row = CatalogSync(
                started_at=entry.started_at,
                finished_at=finished_at,
                sources=entry.sources[:1000],
                status=entry.status,
                added=entry.added,
                changed=entry.changed,
                removed=entry.removed,
                unchanged=entry.unchanged,
                embedded=entry.embedded,
                generation=entry.generation,
                seconds=round(entry.seconds, 3),
                note=entry.note[:500],
            )
            s.add(row)
            s.flush()
            return row.id

    def recent(self, limit: int = 10) -> list[SyncEntry]:
        """The last ``limit`` syncs, newest first."""
        query = select(CatalogSync).order_by(CatalogSync.id.desc()).limit(limit)
        with self._db() as s:
            return [
                SyncEntry(
                    r.started_at,
                    r.sources,
                    r.status,
                    r.added,
                    r.changed,
                    r.removed,
                    r.unchanged,
                    r.embedded,
                    r.generation,
                    r.seconds,
                    r.note,
                )
                for r in s.scalars(query)
            ]
