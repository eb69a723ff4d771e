"""Catalog rebuilds started from the console, run in a background thread.

:meth:`RebuildJobs.start` records a :class:`~assistant.db.models.CatalogJob` row and starts a
thread that loads the catalog, embeds it with the encoder being served (progress written to
the row as it goes) and publishes a new index generation with
:func:`~index.builder.build_index`, which swaps ``CURRENT`` atomically: the generation being
served keeps answering until then, and a running server swaps to the new one by itself.

One job runs at a time across every worker and replica sharing the database: the row of a
running job holds a lease (``lease_until``) that the process building it renews every third of
``lease_seconds``, and a partial unique index lets only one row be ``running``, so a second
start, in this process or another, is refused with :class:`RebuildBusyError`. A job whose lease
ran out (its server stopped) is marked failed the next time jobs are read or started, so it
never blocks the next rebuild. Every worker serves the new generation by itself once it is
published (see :class:`~assistant.services.LiveService`). A job shows its expected end
(:attr:`Job.eta_seconds`, from its pace so far) and may be cancelled (:meth:`RebuildJobs.cancel`,
or :func:`request_cancel` from the command line): its row turns ``cancelling`` (still holding
its lease, so no other start is taken meanwhile), the build stops at its next progress report,
its staging folder is removed and the generation being served stays as it was. Jobs are
audited (``catalog_rebuild``), ids only.

Errors::

    AssistantError
    ├── RebuildBusyError   a rebuild is already running
    └── RebuildCancelledError   the running rebuild was asked to stop (raised inside its thread)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.console.accounts import Actor, utcnow
from assistant.console.audit import record
from assistant.console.pdf import french_count
from assistant.db.models import CatalogJob
from assistant.errors import AssistantError
from corpus.loaders import load_catalog
from index.builder import BuildReport, build_index
from index.encoders import Encoder

logger = logging.getLogger(__name__)

Builder = Callable[..., BuildReport]
LEASE_SECONDS = 60.0
INTERRUPTED = "interrompue : le serveur s'est arrêté pendant la reconstruction"
CANCELLED = "annulée : l'index servi est resté tel qu'il était"


class RebuildBusyError(AssistantError):
    """A rebuild is already running; the message names it."""


class RebuildCancelledError(AssistantError):
    """An admin cancelled the running rebuild; raised from its progress report to stop it."""


def request_cancel(sessions: sessionmaker[Session], job_id: int | None = None) -> list[int]:
    """Ask the running rebuild (``job_id``, or whichever runs) to stop; the ids asked."""
    query = update(CatalogJob).where(CatalogJob.status == "running")
    if job_id is not None:
        query = query.where(CatalogJob.id == job_id)
    with sessions.begin() as db:
        ids = list(db.scalars(query.values(status="cancelling").returning(CatalogJob.id)))
    return ids


@dataclass(frozen=True)
class Job:
    """A snapshot of one catalog job."""

    id: int
    started_by: str
    started_at: datetime
    finished_at: datetime | None
    status: str  # running | cancelling | done | failed | cancelled
    done: int
    total: int
    message: str
    generation: str
    now: datetime | None = None  # when this snapshot was taken (for the ETA)

    @property
    def running(self) -> bool:
        return self.status in ("running", "cancelling")

    @property
    def eta_seconds(self) -> int | None:
        """Seconds until the end at the pace so far; ``None`` when unknown or over."""
        if self.status != "running" or self.now is None or not 0 < self.done < self.total:
            return None
        started = self.started_at
        if started.tzinfo is None and self.now.tzinfo is not None:
            started = started.replace(tzinfo=self.now.tzinfo)
        elapsed = (self.now - started).total_seconds()
        return round(elapsed / self.done * (self.total - self.done)) if elapsed > 0 else None

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "started_by": self.started_by,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "message": self.message,
            "generation": self.generation,
            "eta_seconds": self.eta_seconds,
        }

    @classmethod
    def of(cls, row: CatalogJob, now: datetime | None = None) -> Job:
        return cls(
            row.id,
            row.started_by,
            row.started_at,
            row.finished_at,
            row.status,
            row.done,
            row.total,
            row.message,
            row.generation,
            now,
        )


class RebuildJobs:
    """Starts catalog rebuilds, one at a time, and reads their rows."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        clock: Callable[[], datetime] = utcnow,
        builder: Builder = build_index,
        progress_every: float = 0.5,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self._db = sessions
        self._clock = clock
        self._builder = builder
        self._progress_every = progress_every
        self._lease = timedelta(seconds=lease_seconds)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._job_id: int | None = None
        self._recover()

    def start(
        self,
        catalog_path: Path,
        encoder: Encoder,
        index_dir: Path,
        started_by: Actor,
        *,
        discard: bool = False,
    ) -> int:
        """Start rebuilding ``index_dir`` from ``catalog_path``; the job's id.

        Args:
            catalog_path: a catalog file (validated again by the job before anything is built).
            encoder: the encoder of the generation being served, so the new one is accepted.
            index_dir: the index folder the new generation is published in.
            started_by: who asked (recorded on the job and in the audit log).
            discard: delete ``catalog_path`` once the job is over (an uploaded copy).

        Raises:
            RebuildBusyError: another rebuild is running.
        """
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                raise RebuildBusyError(self._busy_message(self._job_id))
            self._recover()
            now = self._clock()
            with self._db() as db:  # a job still stopping (cancelled) holds its lease too
                stopping = db.scalar(
                    select(CatalogJob.id).where(
                        CatalogJob.status == "cancelling", CatalogJob.lease_until >= now
                    )
                )
            if stopping is not None:
                raise RebuildBusyError(self._busy_message(stopping))
            try:
                with self._db.begin() as db:
                    row = CatalogJob(
                        started_by=started_by.email,
                        started_at=now,
                        status="running",
                        lease_until=now + self._lease,
                    )
                    db.add(row)
                    db.flush()
                    job_id = row.id
                    record(
                        db,
                        started_by,
                        "catalog_rebuild",
                        now,
                        target_kind="catalog_job",
                        target_id=str(job_id),
                        detail="started",
                    )
            except IntegrityError:  # another worker or replica holds the running job
                with self._db() as db:
                    running = db.scalar(select(CatalogJob.id).where(CatalogJob.status == "running"))
                raise RebuildBusyError(self._busy_message(running)) from None
            thread = threading.Thread(
                target=self._run,
                args=(job_id, catalog_path, encoder, index_dir, started_by, discard),
                name=f"catalog-job-{job_id}",
                daemon=True,  # a server that stops abandons the job; the next start marks it
            )
            self._thread, self._job_id = thread, job_id
            thread.start()
        return job_id

    def get(self, job_id: int) -> Job | None:
        with self._db() as db:
            row = db.get(CatalogJob, job_id)
            job = Job.of(row, self._clock()) if row is not None else None
            expired = row is not None and self._expired(row)
        if expired:
            self._recover()
            return self.get(job_id)
        return job

    def recent(self, limit: int = 10) -> list[Job]:
        with self._db() as db:
            query = select(CatalogJob).order_by(CatalogJob.id.desc()).limit(limit)
            rows = list(db.scalars(query))
        if any(self._expired(row) for row in rows):
            self._recover()
            return self.recent(limit)
        return [Job.of(row, self._clock()) for row in rows]

    def cancel(self, job_id: int, actor: Actor) -> bool:
        """Ask job ``job_id`` to stop; False when it is not running."""
        asked = request_cancel(self._db, job_id)
        if asked:
            with self._db.begin() as db:
                record(
                    db,
                    actor,
                    "catalog_rebuild",
                    self._clock(),
                    target_kind="catalog_job",
                    target_id=str(job_id),
                    detail="cancel requested",
                )
        return bool(asked)

    def wait(self, timeout: float = 60.0) -> None:
        """Wait for the running job, if any, to finish (tests, command line)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    # -- the job ---------------------------------------------------------------------------

    def _run(
        self,
        job_id: int,
        path: Path,
        encoder: Encoder,
        index_dir: Path,
        actor: Actor,
        discard: bool,
    ) -> None:
        stop = threading.Event()
        threading.Thread(
            target=self._renew, args=(job_id, stop), name=f"catalog-lease-{job_id}", daemon=True
        ).start()
        try:
            catalog = load_catalog(path)
            self._set(job_id, total=len(catalog))
            report = self._builder(
                catalog, encoder, index_dir, progress=self._progress(job_id, len(catalog))
            )
            self._finish(job_id, actor, "done", _done_message(report), report)
        except RebuildCancelledError:
            logger.info("catalog job %d cancelled; the served index is unchanged", job_id)
            self._finish(job_id, actor, "cancelled", CANCELLED, None)
        except Exception as exc:  # every failure ends on the job's row, never in the thread
            logger.warning("catalog job %d failed: %s", job_id, exc)
            self._finish(job_id, actor, "failed", str(exc) or type(exc).__name__, None)
        finally:
            stop.set()
            if discard:
                path.unlink(missing_ok=True)

    def _renew(self, job_id: int, stop: threading.Event) -> None:
        """Keep the job's lease while it builds (a stopped server stops renewing it)."""
        while not stop.wait(self._lease.total_seconds() / 3):
            try:
                with self._db.begin() as db:
                    db.execute(
                        update(CatalogJob)
                        .where(CatalogJob.id == job_id, CatalogJob.status == "running")
                        .values(lease_until=self._clock() + self._lease)
                    )
            except Exception as exc:  # the next beat tries again; the lease outlives a few
                logger.warning("catalog job %d: lease not renewed: %s", job_id, exc)

    def _progress(self, job_id: int, total: int) -> Callable[[int, int], None]:
        last = [float("-inf")]

        def progress(done: int, of: int) -> None:
            now = time.monotonic()
            if done < of and now - last[0] < self._progress_every:
                return
            last[0] = now
            try:
                self._set(job_id, done=done, total=of or total)
            except RebuildCancelledError:
                raise
            except Exception as exc:  # progress is a courtesy: the build goes on without it
                logger.warning("catalog job %d: progress not saved: %s", job_id, exc)

        return progress

    def _set(self, job_id: int, **values: Any) -> None:
        """Write progress on the job's row while it runs; it stops here once cancelled."""
        with self._db.begin() as db:
            query = update(CatalogJob).where(
                CatalogJob.id == job_id, CatalogJob.status == "running"
            )
            changed = db.execute(query.values(**values).returning(CatalogJob.id)).first()
        if changed is None:
            raise RebuildCancelledError(f"catalog job {job_id} was cancelled")

    def _finish(
        self, job_id: int, actor: Actor, status: str, message: str, report: BuildReport | None
    ) -> None:
        now = self._clock()
        values: dict[str, Any] = {
            "status": status,
            "finished_at": now,
            "message": message[:500],
            "lease_until": None,
        }
        if report is not None:
            values.update(generation=report.generation.name, done=report.modules)
        try:
            with self._db.begin() as db:
                db.execute(update(CatalogJob).where(CatalogJob.id == job_id).values(**values))
                record(
                    db,
                    actor,
                    "catalog_rebuild",
                    now,
                    target_kind="catalog_job",
                    target_id=str(job_id),
                    detail=status if report is None else f"{status}: {report.generation.name}",
                )
        except Exception:
            logger.exception("catalog job %d: its end could not be recorded", job_id)

    def _expired(self, row: CatalogJob) -> bool:
        return row.status in ("running", "cancelling") and (
            row.lease_until is None or row.lease_until < self._clock()
        )

    def _recover(self) -> None:
        """Jobs whose lease ran out (their server stopped) will never finish: say so."""
        now = self._clock()
        with self._db.begin() as db:
            db.execute(
                update(CatalogJob)
                .where(
                    CatalogJob.status.in_(("running", "cancelling")),
                    or_(CatalogJob.lease_until.is_(None), CatalogJob.lease_until < now),
                )
                .values(status="failed", finished_at=now, message=INTERRUPTED, lease_until=None)
            )

    def _busy_message(self, job_id: int | None) -> str:
        which = f" (n° {job_id})" if job_id is not None else ""
        return (
            f"Une reconstruction est déjà en cours{which} : attendez qu'elle se termine "
            "avant d'en lancer une autre."
        )


def _done_message(report: BuildReport) -> str:
    modules = french_count(report.modules, "module indexé", "modules indexés")
    embedded = french_count(report.embedded, "calculé", "calculés")
    reused = french_count(report.reused, "repris du cache", "repris du cache")
    return f"{modules} ({embedded}, {reused}) en {report.seconds:.1f} s"
