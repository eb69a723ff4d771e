"""Loading a catalog from the console: refused whole when bad, rebuilt in the background when
good, while the old generation keeps answering; the service then serves the new one."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select

from assistant.console import open_console
from assistant.db.models import CatalogJob
from assistant.search import SearchService
from assistant.services import LiveService
from assistant.settings import Settings
from corpus.demo import demo_catalog_path
from index.generations import CURRENT
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.console_fixtures import PASSWORD, ConsoleApp, csrf_of
from tests.web.html_tools import parse
from web.app import create_app
from web.console.admin_catalog import UPLOAD_BODY_BYTES

ADMIN = "admin@forem.be"
NEW_MODULE = {"id": "m9", "title": "Soudage semi-automatique MIG/MAG", "city": "Liège"}


class GatedEncoder(FakeEncoder):
    """The fake encoder, whose passages wait until the test opens the gate (queries never do)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self.gate = threading.Event()

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.waiting.set()
        assert self.gate.wait(20), "the test never opened the gate"
        return super().encode_passages(texts)


def upload(client: TestClient, name: str, content: bytes) -> Response:
    token = csrf_of(client.get("/console/admin/catalog").text)
    return client.post(
        "/console/admin/catalog",
        data={"csrf": token},
        files={"catalog": (name, content, "application/octet-stream")},
        follow_redirects=False,
    )


def jsonl(records: list[dict[str, object]], tmp_path: Path) -> bytes:
    return write_jsonl(tmp_path / "to-upload.jsonl", records).read_bytes()


def current(index_dir: Path) -> str:
    return (index_dir / CURRENT).read_text().strip()


# -- refused files ---------------------------------------------------------------------------


def test_the_page_shows_the_generation_served(console_app: ConsoleApp) -> None:
    r = console_app.signed_in(ADMIN).get("/console/admin/catalog")
    assert r.status_code == 200
    page = parse(r.text)
    facts = page.find("dl").text
    assert current(console_app.settings.index_dir) in facts and "8" in facts and "fake" in facts
    form = page.find("form", action="/console/admin/catalog")
    assert form.attrs["enctype"] == "multipart/form-data"
    assert page.find("label", for_="catalog-file").text == "Fichier du catalogue"
    # 50 MB at most: the 64 KB body limit of searches does not apply to this upload.
    assert "de 50 Mo au plus" in page.find("p", id="upload-help").text


def test_a_bad_catalog_is_refused_with_its_line_and_nothing_is_built(
    console_app: ConsoleApp, tmp_path: Path
) -> None:
    admin = console_app.signed_in(ADMIN)
    before = current(console_app.settings.index_dir)
    bad = [*SMALL[:3], {"id": "m4", "title": "Sans durée", "duration_hours": "-3"}]
    r = upload(admin, "nouveau catalogue.jsonl", jsonl(bad, tmp_path))
    assert r.status_code == 422
    error = parse(r.text).find(cls="error").text
    assert "nouveau_catalogue.jsonl, line 4" in error and "duration_hours" in error
    assert "rien n'a été reconstruit" in error
    assert str(tmp_path) not in r.text  # the server's folders are not shown
    assert current(console_app.settings.index_dir) == before
    with console_app.console.db() as db:
        assert db.scalar(select(func.count()).select_from(CatalogJob)) == 0  # no job started
    uploads = console_app.settings.index_dir.parent / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("catalogue.xlsx", b"PK\x03\x04", ".jsonl ou .csv"),
        ("catalogue.csv", b"id,title\n", "holds no module"),
        ("catalogue.jsonl", "é".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_other_bad_files(console_app: ConsoleApp, name: str, content: bytes, expected: str) -> None:
    r = upload(console_app.signed_in(ADMIN), name, content)
    assert r.status_code == 422 and expected in parse(r.text).find(cls="error").text


def test_a_catalog_larger_than_a_search_body_is_accepted(console_app: ConsoleApp) -> None:
    # The demo catalog (449 KB) is far over the 64 KB body limit of searches.
    content = demo_catalog_path().read_bytes()
    assert len(content) > console_app.settings.max_body_bytes
    admin = console_app.signed_in(ADMIN)
    r = upload(admin, "catalogue.jsonl", content)
    assert r.status_code == 303, r.text[:300]
    # Let the job finish before the database goes: a thread left running would hold it.
    deadline = time.monotonic() + 120
    while admin.get(r.headers["location"] + ".json").json()["status"] == "running":
        assert time.monotonic() < deadline, "the rebuild did not finish"
        time.sleep(0.1)


def test_a_file_over_the_upload_limit_is_refused(console_app: ConsoleApp) -> None:
    r = upload(console_app.signed_in(ADMIN), "big.jsonl", b"x" * (UPLOAD_BODY_BYTES + 1))
    assert r.status_code == 413


def test_no_file(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    token = csrf_of(admin.get("/console/admin/catalog").text)
    r = admin.post("/console/admin/catalog", data={"csrf": token})
    assert r.status_code == 422 and "Choisissez un fichier" in r.text


def test_unknown_job(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    assert admin.get("/console/admin/catalog/jobs/999").status_code == 404
    assert admin.get("/console/admin/catalog/jobs/999.json").status_code == 404


# -- a rebuild -------------------------------------------------------------------------------


@pytest.fixture
def live_app(
    built_index: LoadedIndex, tmp_path: Path, database_url: str
) -> Iterator[tuple[ConsoleApp, GatedEncoder, LiveService]]:
    """Like ``console_app``, but the service looks for new generations as in production."""
    settings = Settings(
        index_dir=tmp_path / "index", database_url=database_url, secret_key_file=tmp_path / "k"
    )
    console = open_console(settings)
    console.accounts.add(ADMIN, PASSWORD, "admin")
    encoder = GatedEncoder()
    index = LoadedIndex.open(settings.index_dir, encoder)
    live = LiveService(settings, SearchService(index), check_seconds=0)
    app = create_app(settings, services=live, console=console)
    with TestClient(app):
        yield ConsoleApp(settings, console, app), encoder, live
    encoder.gate.set()
    console.close()


def test_a_good_catalog_is_rebuilt_in_the_background(
    live_app: tuple[ConsoleApp, GatedEncoder, LiveService], tmp_path: Path
) -> None:
    console_app, encoder, live = live_app
    admin = console_app.signed_in(ADMIN)
    old = current(console_app.settings.index_dir)
    _, _, secret = console_app.console.partners.add("Portail", ["https://portail.example"])
    api = console_app.client().__enter__()  # as signed_in() does: runs the lifespan
    api.headers["Authorization"] = f"Bearer {secret}"

    r = upload(admin, "catalogue.jsonl", jsonl([*SMALL, NEW_MODULE], tmp_path))
    assert r.status_code == 303
    job_url = r.headers["location"]
    assert job_url.startswith("/console/admin/catalog/jobs/")
    assert encoder.waiting.wait(10)  # embedding the new module, held at the gate

    # While it runs: the old generation answers, the job page follows the progress.
    for text in ("excel", "cariste à Liège", "réseaux cisco"):
        answer = api.post("/api/v1/search", json={"text": text})
        assert answer.status_code == 200 and answer.json()["index"] == old
    assert api.get("/healthz").json()["generation"] == old
    page = parse(admin.get(job_url).text)
    assert not page.find_all("meta", http_equiv="refresh")  # reloads only when asked to
    follow = page.find("a", href=job_url + "?follow=1")
    followed = parse(admin.get(follow.attrs["href"]).text)
    assert followed.find("meta", http_equiv="refresh").attrs["content"] == "2"
    assert followed.find("a", href=job_url).text == "Arrêter le rechargement automatique"
    bar = page.find("progress")
    assert (bar.attrs["value"], bar.attrs["max"]) == ("8", "9")
    assert page.find("p", id="job-progress-text").text == "8 modules sur 9 (88 %)"
    assert page.find("label", for_="job-progress")
    running = admin.get(job_url + ".json").json()
    assert running["status"] == "running" and (running["done"], running["total"]) == (8, 9)
    second = upload(admin, "autre.jsonl", jsonl(SMALL, tmp_path))
    assert (
        second.status_code == 409 and "déjà en cours" in parse(second.text).find(cls="error").text
    )

    encoder.gate.set()
    deadline = time.monotonic() + 20
    while admin.get(job_url + ".json").json()["status"] == "running":
        assert time.monotonic() < deadline, "the rebuild never finished"
        time.sleep(0.05)
    finished = admin.get(job_url + ".json").json()
    assert finished["status"] == "done", finished["message"]
    assert finished["done"] == finished["total"] == 9 and finished["generation"] != old
    assert current(console_app.settings.index_dir) == finished["generation"]

    health = api.get("/healthz").json()
    while health["generation"] != finished["generation"]:
        assert time.monotonic() < deadline, "the service never swapped"
        live.wait()
        health = api.get("/healthz").json()
    assert health["modules"] == 9 and health["encoder"] == "fake"
    assert api.get("/api/v1/modules/m9").status_code == 200
    page = parse(admin.get(job_url + "?follow=1").text)
    assert not page.find_all("meta", http_equiv="refresh")  # over: nothing to follow
    assert "9 modules indexés" in page.find("main").text
    catalog_page = parse(admin.get("/console/admin/catalog").text)
    assert finished["generation"] in catalog_page.find("dl").text
    uploads = console_app.settings.index_dir.parent / "uploads"
    assert list(uploads.iterdir()) == []  # the uploaded copy is gone once built
