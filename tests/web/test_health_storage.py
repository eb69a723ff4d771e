"""The database file deleted or replaced while serving, or the index folder damaged:
``/healthz`` answers 503 with the reason, and writes fail loudly instead of vanishing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.console import open_console
from assistant.search import SearchService
from assistant.settings import Settings
from index.generations import CURRENT
from index.store import LoadedIndex
from tests.web.console_fixtures import PASSWORD, ConsoleApp, csrf_of
from web.app import create_app

ANA = "ana@forem.be"


@pytest.fixture
def sqlite_app(built_index: LoadedIndex, tmp_path: Path) -> Iterator[ConsoleApp]:
    settings = Settings(
        index_dir=tmp_path / "index",
        database_url=f"sqlite:///{tmp_path / 'db' / 'boussole.db'}",
        secret_key_file=tmp_path / "secret.key",
    )
    console = open_console(settings)
    console.accounts.add(ANA, PASSWORD, "counsellor")
    app = create_app(settings, services=SearchService(built_index), console=console)
    with TestClient(app):
        yield ConsoleApp(settings, console, app)
    console.close()


def _entered(app: ConsoleApp) -> TestClient:
    client = app.client()
    client.__enter__()  # runs the lifespan, as signed_in() does
    return client


def _db_file(app: ConsoleApp) -> Path:
    return Path(app.settings.database_url.removeprefix("sqlite:///"))


def _new_shortlist(client: TestClient, token: str) -> int:
    r = client.post(
        "/console/shortlists",
        data={"csrf": token, "reference": "DOS-42"},
        follow_redirects=False,
    )
    return r.status_code


def test_health_is_ok_when_database_and_index_are(sqlite_app: ConsoleApp) -> None:
    r = _entered(sqlite_app).get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_database_file_gone_while_serving_is_503_and_writes_fail(
    sqlite_app: ConsoleApp, tmp_path: Path, how: str
) -> None:
    client = sqlite_app.signed_in(ANA)
    token = csrf_of(client.get("/console/shortlists").text)
    assert _new_shortlist(client, token) == 303
    db_file = _db_file(sqlite_app)
    if how == "deleted":
        for file in db_file.parent.glob(db_file.name + "*"):
            file.unlink()
    else:
        copy = tmp_path / "copy.db"
        shutil.copy(db_file, copy)
        for file in db_file.parent.glob(db_file.name + "*"):
            file.unlink()
        copy.rename(db_file)
    health = client.get("/healthz")
    assert health.status_code == 503
    body = health.json()
    assert body["status"] == "unavailable"
    assert any("database" in reason and "replaced" in reason for reason in body["reasons"])
    refused = client.post(
        "/console/shortlists", data={"csrf": token, "reference": "DOS-43"}, follow_redirects=False
    )
    assert refused.status_code == 503 and "restart the server" in refused.text
    assert str(tmp_path) not in refused.text
    assert not db_file.exists() or how == "replaced"  # no empty database made in its place


def test_damaged_current_pointer_while_serving_is_503(sqlite_app: ConsoleApp) -> None:
    (sqlite_app.settings.index_dir / CURRENT).write_text("", encoding="utf-8")
    health = _entered(sqlite_app).get("/healthz")
    assert health.status_code == 503
    assert any("CURRENT pointer" in reason for reason in health.json()["reasons"])


def test_served_generation_folder_removed_is_503(
    sqlite_app: ConsoleApp, built_index: LoadedIndex
) -> None:
    shutil.rmtree(built_index.generation.path)
    health = _entered(sqlite_app).get("/healthz")
    assert health.status_code == 503
    assert any("generation" in reason for reason in health.json()["reasons"])
