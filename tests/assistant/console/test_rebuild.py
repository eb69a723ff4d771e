"""Catalog rebuild jobs: lifecycle, progress, one at a time, failures, interrupted jobs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.console import Actor, utcnow
from assistant.console.rebuild import INTERRUPTED, Job, RebuildBusyError, RebuildJobs
from assistant.db.models import AuditEvent, CatalogJob
from corpus.model import Catalog
from index.builder import BuildReport
from index.generations import CURRENT
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder

ADMIN = Actor(None, "admin@forem.be", "admin")


class GatedBuilder:
    """A builder that reports progress, then waits until the test lets it finish (or fail)."""

    def __init__(self, error: Exception | None = None) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        self.error = error

    def __call__(
        self,
        catalog: Catalog,
        encoder: Any,
        index_dir: Path,
        *,
        progress: Callable[[int, int], None],
    ) -> BuildReport:
        progress(0, len(catalog))
        progress(5, len(catalog))
        self.reached.set()
        assert self.release.wait(10), "the test never released the build"
        if self.error is not None:
            raise self.error
        from index.builder import build_index

        return build_index(catalog, encoder, index_dir, progress=progress)


def _wait_for(jobs: RebuildJobs, job_id: int) -> Job:
    jobs.wait(30)
    job = jobs.get(job_id)
    assert job is not None
    return job


def test_a_job_builds_publishes_and_is_audited(db: sessionmaker[Session], tmp_path: Path) -> None:
    catalog = write_jsonl(tmp_path / "catalog.jsonl", SMALL)
    index_dir = tmp_path / "index"
    jobs = RebuildJobs(db)
    job_id = jobs.start(catalog, FakeEncoder(), index_dir, ADMIN)
    job = _wait_for(jobs, job_id)
    assert job.status == "done", job.message
    assert (job.done, job.total, job.percent) == (8, 8, 100)
    assert job.finished_at is not None and job.started_by == "admin@forem.be"
    assert "8 modules" in job.message
    assert (index_dir / CURRENT).read_text().strip() == job.generation
    assert LoadedIndex.open(index_dir, FakeEncoder()).size == 8
    assert catalog.exists()  # not an upload: kept
    with db() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.target_id, e.detail) for e in events] == [
        ("catalog_rebuild", str(job_id), "started"),
        ("catalog_rebuild", str(job_id), f"done: {job.generation}"),
    ]
    assert job.as_dict()["status"] == "done" and job.as_dict()["generation"] == job.generation
    assert [j.id for j in jobs.recent()] == [job_id]


def test_an_upload_is_deleted_once_the_job_is_over(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    catalog = write_jsonl(tmp_path / "upload.jsonl", SMALL)
    jobs = RebuildJobs(db)
    job = _wait_for(jobs, jobs.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN, discard=True))
    assert job.status == "done" and not catalog.exists()


def test_progress_is_written_while_it_runs(db: sessionmaker[Session], tmp_path: Path) -> None:
    builder = GatedBuilder()
    jobs = RebuildJobs(db, builder=builder, progress_every=0)
    job_id = jobs.start(
        write_jsonl(tmp_path / "c.jsonl", SMALL), FakeEncoder(), tmp_path / "ix", ADMIN
    )
    assert builder.reached.wait(10)
    running = jobs.get(job_id)
    assert running is not None and running.running
    assert (running.done, running.total, running.percent) == (5, 8, 62)
    assert running.finished_at is None
    builder.release.set()
    assert _wait_for(jobs, job_id).status == "done"


def test_progress_writes_are_spaced_out(db: sessionmaker[Session], tmp_path: Path) -> None:
    builder = GatedBuilder()
    jobs = RebuildJobs(db, builder=builder, progress_every=3600)
    job_id = jobs.start(
        write_jsonl(tmp_path / "c.jsonl", SMALL), FakeEncoder(), tmp_path / "ix", ADMIN
    )
    assert builder.reached.wait(10)
    running = jobs.get(job_id)
    assert running is not None and (running.done, running.total) == (0, 8)  # only the first
    builder.release.set()
    assert _wait_for(jobs, job_id).done == 8  # the last one always counts


def test_one_job_at_a_time(db: sessionmaker[Session], tmp_path: Path) -> None:
    builder = GatedBuilder()
    jobs = RebuildJobs(db, builder=builder, progress_every=0)
    catalog = write_jsonl(tmp_path / "c.jsonl", SMALL)
    first = jobs.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    assert builder.reached.wait(10)
    with pytest.raises(RebuildBusyError, match=rf"déjà en cours \(n° {first}\)"):
        jobs.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    with db() as s:
        assert s.scalars(select(CatalogJob.id)).all() == [first]
    builder.release.set()
    assert _wait_for(jobs, first).status == "done"
    jobs_again = RebuildJobs(db)  # the next one may start once it is over
    second = jobs_again.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    assert _wait_for(jobs_again, second).status == "done"


def test_a_job_running_elsewhere_blocks_a_new_one(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    jobs = RebuildJobs(db)
    with db.begin() as s:
        lease = utcnow() + timedelta(minutes=1)  # another worker builds, and renews its lease
        s.add(
            CatalogJob(started_by="other", started_at=utcnow(), status="running", lease_until=lease)
        )
    with pytest.raises(RebuildBusyError, match="déjà en cours"):
        jobs.start(write_jsonl(tmp_path / "c.jsonl", SMALL), FakeEncoder(), tmp_path / "ix", ADMIN)


def test_two_workers_on_one_database_build_one_job_at_a_time(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    builder = GatedBuilder()
    here = RebuildJobs(db, builder=builder, progress_every=0)
    elsewhere = RebuildJobs(db)  # another worker or replica: its own threads, the same rows
    catalog = write_jsonl(tmp_path / "c.jsonl", SMALL)
    first = here.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    assert builder.reached.wait(10)
    with pytest.raises(RebuildBusyError, match=rf"déjà en cours \(n° {first}\)"):
        elsewhere.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    running = elsewhere.get(first)
    assert running is not None and running.running  # its lease is alive: not taken for dead
    builder.release.set()
    assert _wait_for(here, first).status == "done"
    second = elsewhere.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    assert _wait_for(elsewhere, second).status == "done"


def test_the_lease_is_renewed_while_the_job_builds(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    builder = GatedBuilder()
    jobs = RebuildJobs(db, builder=builder, progress_every=0, lease_seconds=0.3)
    job_id = jobs.start(
        write_jsonl(tmp_path / "c.jsonl", SMALL), FakeEncoder(), tmp_path / "ix", ADMIN
    )
    assert builder.reached.wait(10)
    with db() as s:
        first = s.scalar(select(CatalogJob.lease_until).where(CatalogJob.id == job_id))
    later = first
    for _ in range(100):  # renewed every 0.1 s: wait until it moved on
        with db() as s:
            later = s.scalar(select(CatalogJob.lease_until).where(CatalogJob.id == job_id))
        if later != first:
            break
        threading.Event().wait(0.05)
    assert first is not None and later is not None and later > first
    job = jobs.get(job_id)
    assert job is not None and job.running
    builder.release.set()
    done = _wait_for(jobs, job_id)
    assert done.status == "done"
    with db() as s:
        assert s.scalar(select(CatalogJob.lease_until).where(CatalogJob.id == job_id)) is None


def test_a_failure_is_recorded_with_its_message(db: sessionmaker[Session], tmp_path: Path) -> None:
    builder = GatedBuilder(error=OSError("No space left on device"))
    builder.release.set()
    jobs = RebuildJobs(db, builder=builder, progress_every=0)
    index_dir = tmp_path / "ix"
    job = _wait_for(
        jobs, jobs.start(write_jsonl(tmp_path / "c.jsonl", SMALL), FakeEncoder(), index_dir, ADMIN)
    )
    assert job.status == "failed" and job.message == "No space left on device"
    assert job.finished_at is not None and job.generation == ""
    assert not (index_dir / CURRENT).exists()
    with db() as s:
        details = s.scalars(select(AuditEvent.detail).order_by(AuditEvent.id)).all()
    assert details == ["started", "failed"]


def test_a_bad_catalog_fails_the_job_naming_the_line(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    bad = [*SMALL[:2], {"id": "m3", "title": "Sans durée", "duration_hours": "beaucoup"}]
    jobs = RebuildJobs(db)
    job = _wait_for(
        jobs,
        jobs.start(write_jsonl(tmp_path / "c.jsonl", bad), FakeEncoder(), tmp_path / "ix", ADMIN),
    )
    assert job.status == "failed"
    assert "line 3" in job.message and "duration_hours" in job.message


def test_jobs_left_running_by_a_stopped_server_are_marked_failed(
    db: sessionmaker[Session],
) -> None:
    gone = utcnow() - timedelta(seconds=1)  # its server stopped renewing the lease
    with db.begin() as s:
        s.add(
            CatalogJob(
                started_by="admin", started_at=utcnow(), status="running", total=9, lease_until=gone
            )
        )
    jobs = RebuildJobs(db)
    (job,) = jobs.recent()
    assert job.status == "failed" and job.message == INTERRUPTED and job.finished_at is not None


def test_wait_without_a_job_returns_at_once(db: sessionmaker[Session]) -> None:
    started = time.monotonic()
    RebuildJobs(db).wait(5)
    assert time.monotonic() - started < 1
    assert RebuildJobs(db).get(12345) is None
