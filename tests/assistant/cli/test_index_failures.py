"""The command line facing a damaged index folder or a disk it cannot write: one line, the
published index unchanged, no staging left behind."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.cli import app as cli
from index.generations import CURRENT, GENERATIONS, current_name
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder


@pytest.fixture(autouse=True)
def fake_encoders(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("index", "serve"):
        monkeypatch.setattr(f"assistant.cli.{module}.make_encoder", lambda name: FakeEncoder())
    monkeypatch.setenv("BOUSSOLE_ENCODER", "fake")


def _build(catalog: Path, ix: Path) -> int:
    return cli.main(
        ["index", "build", "--catalog", str(catalog), "--index-dir", str(ix), "--quiet"]
    )


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_serve_refuses_an_empty_current_in_one_line_and_builds_nothing(
    tmp_path: Path, small_catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ix = tmp_path / "ix"
    assert _build(small_catalog_file, ix) == 0
    before = sorted((ix / GENERATIONS).iterdir())
    (ix / CURRENT).write_text("", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["serve", "--index-dir", str(ix), "--port", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "CURRENT is damaged" in err[0]
    assert sorted((ix / GENERATIONS).iterdir()) == before
    assert (ix / CURRENT).read_text(encoding="utf-8") == ""


def _no_space(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _read_only(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.EROFS, "Read-only file system")


@pytest.mark.parametrize(
    ("target", "failure", "words"),
    [
        ("index.generations.tempfile.mkdtemp", _read_only, "Read-only file system"),
        ("index.dense.np.save", _no_space, "No space left on device"),
        ("index.generations._write_atomic", _no_space, "No space left on device"),
    ],
)
def test_index_build_on_a_full_or_read_only_disk_is_one_line_and_changes_nothing(
    tmp_path: Path,
    small_catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    failure: Any,
    words: str,
) -> None:
    ix = tmp_path / "ix"
    assert _build(small_catalog_file, ix) == 0
    served = current_name(ix)
    before = sorted(p.name for p in (ix / GENERATIONS).iterdir())
    changed = write_jsonl(tmp_path / "v2.jsonl", [dict(r, title=r["title"] + " v2") for r in SMALL])
    capsys.readouterr()
    monkeypatch.setattr(target, failure)
    assert _build(changed, ix) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert words in err[0] and "published index is unchanged" in err[0]
    assert current_name(ix) == served
    assert sorted(p.name for p in (ix / GENERATIONS).iterdir()) == before


def test_stale_staging_of_a_killed_build_is_removed_at_start(
    tmp_path: Path, small_catalog_file: Path
) -> None:
    ix = tmp_path / "ix"
    assert _build(small_catalog_file, ix) == 0
    stale = ix / GENERATIONS / f".tmp-{_dead_pid()}-abcd"
    stale.mkdir()
    np.save(stale / "vectors.npy", np.zeros((3, 4), np.float32))
    assert _build(small_catalog_file, ix) == 0
    assert not stale.exists()
    assert not list((ix / GENERATIONS).glob(".tmp-*"))
