"""A long rebuild shows when it should end and can be cancelled, the served index unchanged."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

from assistant.cli import app as cli
from assistant.console import Actor
from assistant.console.rebuild import Job, RebuildJobs
from index.generations import CURRENT, GENERATIONS
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder

ADMIN = Actor(None, "admin@forem.be", "admin")


class GatedEncoder(FakeEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self.gate = threading.Event()

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.waiting.set()
        assert self.gate.wait(20), "the test never opened the gate"
        return super().encode_passages(texts)


def test_eta_from_the_pace_so_far() -> None:
    start = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    job = Job(1, "a", start, None, "running", 25, 100, "", "", now=start + timedelta(minutes=1))
    assert job.eta_seconds == 180
    assert job.as_dict()["eta_seconds"] == 180
    assert Job(1, "a", start, None, "running", 0, 100, "", "", now=start).eta_seconds is None
    over = Job(1, "a", start, start, "done", 100, 100, "", "", now=start)
    assert over.eta_seconds is None


def _running(db: sessionmaker[Session], built_index: LoadedIndex, tmp_path: Path):  # type: ignore[no-untyped-def]
    index_dir = built_index.generation.path.parent.parent
    encoder = GatedEncoder()
    records = [dict(r, title=r["title"] + " v2") for r in SMALL]
    upload = write_jsonl(tmp_path / "up.jsonl", records)
    jobs = RebuildJobs(db, progress_every=0)
    job_id = jobs.start(upload, encoder, index_dir, ADMIN, discard=True)
    assert encoder.waiting.wait(10)
    return jobs, job_id, encoder, index_dir, upload


def _state(index_dir: Path) -> tuple[str, list[str]]:
    return (
        (index_dir / CURRENT).read_text(encoding="utf-8"),
        sorted(p.name for p in (index_dir / GENERATIONS).iterdir()),
    )


def test_cancel_stops_the_rebuild_and_keeps_the_served_index(
    db: sessionmaker[Session], built_index: LoadedIndex, tmp_path: Path
) -> None:
    index_dir = built_index.generation.path.parent.parent
    before = _state(index_dir)
    jobs, job_id, encoder, index_dir, upload = _running(db, built_index, tmp_path)
    assert jobs.cancel(job_id, ADMIN) is True
    encoder.gate.set()
    jobs.wait(30)
    job = jobs.get(job_id)
    assert job is not None and job.status == "cancelled" and not job.running
    assert _state(index_dir) == before  # no new generation, no staging left
    assert not upload.exists()
    assert jobs.cancel(job_id, ADMIN) is False  # over: nothing to cancel


def test_cli_cancels_the_running_rebuild(
    db: sessionmaker[Session], built_index: LoadedIndex, tmp_path: Path, database_url: str
) -> None:
    index_dir = built_index.generation.path.parent.parent
    before = _state(index_dir)
    jobs, job_id, encoder, index_dir, _ = _running(db, built_index, tmp_path)
    assert cli.main(["index", "cancel", "--database-url", database_url]) == 0
    encoder.gate.set()
    jobs.wait(30)
    job = jobs.get(job_id)
    assert job is not None and job.status == "cancelled"
    assert _state(index_dir) == before
    assert cli.main(["index", "cancel", "--database-url", database_url]) == 1  # none running
