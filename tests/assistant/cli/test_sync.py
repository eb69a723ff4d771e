"""``boussole catalog sync``: the summary printed and stored, the lease, bad sources."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.cli import app as cli
from assistant.console import Actor
from assistant.console.rebuild import RebuildBusyError, RebuildJobs
from assistant.console.syncs import SyncLog, hold_lease
from assistant.db.models import CatalogJob
from corpus import importers
from corpus.importers import import_source
from index.generations import CURRENT, generation_names, open_current
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder

ENCODED: list[FakeEncoder] = []
ADMIN = Actor(None, "admin@forem.be", "admin")


@pytest.fixture(autouse=True)
def fake_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    def make(name: str) -> FakeEncoder:
        ENCODED.append(FakeEncoder())
        return ENCODED[-1]

    ENCODED.clear()
    monkeypatch.setattr("assistant.cli.sync.make_encoder", make)
    monkeypatch.setattr("assistant.cli.index.make_encoder", make)


def _served_modules(ix: Path) -> list[dict[str, Any]]:
    """The served generation's per-module keys (id and content hash), one dict a module."""
    keys = open_current(ix).path / "keys.jsonl"
    return [json.loads(line) for line in keys.read_text(encoding="utf-8").splitlines()]


def _sync(ix: Path, url: str, *sources: Path, extra: tuple[str, ...] = ()) -> int:
    args = ["catalog", "sync", *map(str, sources), "--index-dir", str(ix), "--quiet"]
    return cli.main([*args, "--database-url", url, *extra])


def _halves(tmp_path: Path, records: list[dict[str, Any]]) -> tuple[Path, Path]:
    return (
        write_jsonl(tmp_path / "forem.jsonl", records[:4]),
        write_jsonl(tmp_path / "bruxelles.jsonl", records[4:]),
    )


def test_two_sources_are_merged_and_each_sync_is_stored(
    tmp_path: Path,
    database_url: str,
    db: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ix = tmp_path / "ix"
    first, second = _halves(tmp_path, SMALL)
    assert _sync(ix, database_url, first, second) == 0
    assert ENCODED[-1].passages_encoded == len(SMALL)
    edited = copy.deepcopy(SMALL)
    edited[5]["title"] = "Développeur web full stack"
    del edited[6]
    first, second = _halves(tmp_path, edited)
    capsys.readouterr()
    assert _sync(ix, database_url, first, second) == 0
    out = capsys.readouterr().out
    assert "changed: m6" in out and "removed: m7" in out
    assert "0 added, 1 changed, 1 removed, 6 unchanged" in out
    assert ENCODED[-1].passages_encoded == 1
    assert _sync(ix, database_url, first, second) == 0
    assert "nothing published" in capsys.readouterr().out
    syncs = SyncLog(db).recent()
    assert [s.status for s in syncs] == ["unchanged", "published", "published"]
    latest = syncs[1]
    assert (latest.added, latest.changed, latest.removed, latest.embedded) == (0, 1, 1, 1)
    assert latest.sources == "forem.jsonl + bruxelles.jsonl"
    assert syncs[0].generation == "" and latest.generation == open_current(ix).name
    assert syncs[2].added == len(SMALL) and latest.seconds > 0
    # The lease rows: each sync held one, and none is left running.
    with db() as s:
        jobs = s.scalars(select(CatalogJob).order_by(CatalogJob.id)).all()
    assert [(j.started_by, j.status) for j in jobs] == [("cli", "done")] * 3
    assert jobs[1].generation == latest.generation


def test_a_bad_source_publishes_nothing_and_is_stored_as_failed(
    tmp_path: Path,
    database_url: str,
    db: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ix = tmp_path / "ix"
    good = write_jsonl(tmp_path / "good.jsonl", SMALL)
    assert _sync(ix, database_url, good) == 0
    served = (ix / CURRENT).read_text()
    bad = write_jsonl(tmp_path / "bad.jsonl", [*SMALL[:2], {"id": "m9", "duration_hours": -3}])
    capsys.readouterr()
    assert _sync(ix, database_url, bad) == 1
    err = capsys.readouterr().err.strip().splitlines()
    refused = [line for line in err if "bad.jsonl, line" in line]
    assert len(refused) == 1 and "bad.jsonl, line 3" in refused[0] and "title" in refused[0]
    assert (ix / CURRENT).read_text() == served and len(generation_names(ix)) == 1
    failed = SyncLog(db).recent()[0]
    assert failed.status == "failed" and "bad.jsonl, line 3" in failed.note


def test_an_id_in_two_sources_is_refused_naming_both(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_jsonl(tmp_path / "one.jsonl", SMALL[:3])
    second = write_jsonl(tmp_path / "two.jsonl", SMALL[2:])
    assert _sync(tmp_path / "ix", database_url, first, second) == 1
    err = capsys.readouterr().err
    assert "'m3'" in err and "one.jsonl" in err and "two.jsonl" in err
    assert not (tmp_path / "ix" / CURRENT).exists()


def test_an_lheo_source_is_imported_and_published(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = Path(importers.__file__).parent / "samples" / "lheo-offres.xml"
    ix = tmp_path / "ix"
    assert _sync(ix, database_url, sample, extra=("--format", "lheo")) == 0
    served = import_source(sample).catalog
    assert len(served) > 0
    assert {m["id"] for m in _served_modules(ix)} == {m.id for m in served}


def test_skip_invalid_publishes_the_valid_records_and_names_the_others(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "c.jsonl"
    good = [json.dumps(r, ensure_ascii=False) for r in SMALL[:3]]
    source.write_text("\n".join([*good, '{"id": "x"}']) + "\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert _sync(ix, database_url, source) == 1
    assert not (ix / CURRENT).exists()
    assert _sync(ix, database_url, source, extra=("--skip-invalid",)) == 0
    err = capsys.readouterr().err
    skipped = [line for line in err.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 1 and "c.jsonl" in skipped[0] and "title" in skipped[0]
    assert "Refusal(" not in err  # said as one line, not as the record's repr
    assert {m["id"] for m in _served_modules(ix)} == {r["id"] for r in SMALL[:3]}


def test_a_running_console_rebuild_stops_the_sync(
    tmp_path: Path, database_url: str, db: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    ix = tmp_path / "ix"
    source = write_jsonl(tmp_path / "c.jsonl", SMALL)
    with hold_lease(db):  # stands for a rebuild running in the console
        assert _sync(ix, database_url, source) == 1
    assert "rebuild is running" in capsys.readouterr().err
    assert not (ix / CURRENT).exists()
    assert SyncLog(db).recent()[0].status == "failed"


def test_a_sync_holds_the_lease_the_console_rebuild_needs(
    tmp_path: Path, db: sessionmaker[Session]
) -> None:
    catalog = write_jsonl(tmp_path / "c.jsonl", SMALL)
    with hold_lease(db) as lease:
        with pytest.raises(RebuildBusyError):
            RebuildJobs(db).start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
        lease.progress(3, 8)
        with db() as s:
            row = s.get(CatalogJob, lease.job_id)
            assert row is not None and (row.status, row.done, row.total) == ("running", 3, 8)
    with db() as s:
        assert s.get(CatalogJob, lease.job_id).status == "done"  # type: ignore[union-attr]
    jobs = RebuildJobs(db)
    job = jobs.start(catalog, FakeEncoder(), tmp_path / "ix", ADMIN)
    jobs.wait(30)
    assert job > lease.job_id


def test_cancelling_from_the_console_stops_the_sync(
    tmp_path: Path, db: sessionmaker[Session]
) -> None:
    from assistant.console.rebuild import RebuildCancelledError, request_cancel

    with pytest.raises(RebuildCancelledError), hold_lease(db) as lease:
        assert request_cancel(db) == [lease.job_id]
        lease.progress(1, 8)
    with db() as s:
        assert s.get(CatalogJob, lease.job_id).status == "cancelled"  # type: ignore[union-attr]


def test_without_database_nothing_is_recorded(
    tmp_path: Path, database_url: str, db: sessionmaker[Session]
) -> None:
    source = write_jsonl(tmp_path / "c.jsonl", SMALL)
    assert _sync(tmp_path / "ix", database_url, source, extra=("--no-database",)) == 0
    assert (tmp_path / "ix" / CURRENT).exists()
    assert SyncLog(db).recent() == []
