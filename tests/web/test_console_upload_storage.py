"""A catalog upload on a full or read-only disk: a clear error page, the served index as it
was, no uploaded copy or staging left behind; copies left by a killed server are removed."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.settings import Settings
from index.generations import CURRENT, GENERATIONS
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.web.console_fixtures import ConsoleApp
from tests.web.html_tools import parse
from tests.web.test_console_admin_catalog import ADMIN, NEW_MODULE, upload
from web.app import create_app
from web.console import admin_catalog


class FullDisk(io.BytesIO):
    """A file whose writes fail as on a full disk once a few bytes are in."""

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def _uploads(console_app: ConsoleApp) -> list[str]:
    folder = console_app.settings.index_dir.parent / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _state(console_app: ConsoleApp) -> tuple[str, list[str]]:
    index_dir = console_app.settings.index_dir
    return (
        (index_dir / CURRENT).read_text(encoding="utf-8"),
        sorted(p.name for p in (index_dir / GENERATIONS).iterdir()),
    )


def _content(tmp_path: Path) -> bytes:
    return write_jsonl(tmp_path / "up.jsonl", [*SMALL, NEW_MODULE]).read_bytes()


def test_full_disk_while_saving_the_upload_is_a_clear_page(
    console_app: ConsoleApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = console_app.signed_in(ADMIN)
    before = _state(console_app)
    real_open = open

    def full_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and "uploads" in str(file):
            real_open(file, mode).close()  # the file exists, as a partial copy would
            return FullDisk()
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(admin_catalog, "open", full_open, raising=False)
    r = upload(admin, "catalogue.jsonl", _content(tmp_path))
    assert r.status_code == 507
    error = parse(r.text).find(cls="error").text
    assert "disque" in error and "inchangé" in error
    assert str(tmp_path) not in r.text
    assert _state(console_app) == before and _uploads(console_app) == []


def test_read_only_uploads_folder_is_a_clear_page(
    console_app: ConsoleApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = console_app.signed_in(ADMIN)
    before = _state(console_app)

    def read_only(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(admin_catalog.tempfile, "mkstemp", read_only)
    r = upload(admin, "catalogue.jsonl", _content(tmp_path))
    assert r.status_code == 507 and "disque" in parse(r.text).find(cls="error").text
    assert _state(console_app) == before and _uploads(console_app) == []


def test_full_disk_during_the_rebuild_fails_the_job_and_keeps_the_index(
    console_app: ConsoleApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = console_app.signed_in(ADMIN)
    before = _state(console_app)

    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("index.dense.np.save", no_space)
    r = upload(admin, "catalogue.jsonl", _content(tmp_path))
    assert r.status_code == 303
    deadline = time.monotonic() + 30
    while (job := admin.get(r.headers["location"] + ".json").json())["status"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job["status"] == "failed" and "No space left on device" in job["message"]
    assert _state(console_app) == before and _uploads(console_app) == []


def test_uploads_left_by_a_killed_server_are_removed_at_the_next_upload(
    console_app: ConsoleApp, tmp_path: Path
) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    folder = console_app.settings.index_dir.parent / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / f"catalog-{proc.pid}-abcd-catalogue.jsonl"
    left.write_bytes(b"x" * 1024)
    admin = console_app.signed_in(ADMIN)
    r = upload(admin, "catalogue.csv", b"id,title\n")  # refused, but the folder is tidied
    assert r.status_code == 422
    assert not left.exists() and _uploads(console_app) == []


def test_uploads_left_by_a_killed_server_are_removed_when_the_app_starts(
    built_index: LoadedIndex, tmp_path: Path
) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    settings = Settings(index_dir=tmp_path / "index", secret_key_file=tmp_path / "k")
    folder = settings.index_dir.parent / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / f"catalog-{proc.pid}-abcd-catalogue.jsonl"
    left.write_bytes(b"x" * 1024)
    mine = folder / f"catalog-{os.getpid()}-efgh-catalogue.jsonl"  # a live process's upload
    mine.write_bytes(b"y")
    with TestClient(create_app(settings, services=SearchService(built_index))):
        assert not left.exists() and mine.exists()
