"""Cancelling a catalog rebuild from the console, its expected end shown while it runs."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.services import LiveService
from tests.conftest import SMALL
from tests.web import test_console_admin_catalog as catalog_tests
from tests.web.console_fixtures import ConsoleApp, csrf_of
from tests.web.html_tools import parse
from tests.web.test_console_admin_catalog import (
    ADMIN,
    NEW_MODULE,
    GatedEncoder,
    current,
    jsonl,
    upload,
)

live_app = catalog_tests.live_app  # the app whose service swaps generations, as in production


def test_a_running_rebuild_shows_its_eta_and_can_be_cancelled(
    live_app: tuple[ConsoleApp, GatedEncoder, LiveService], tmp_path: Path
) -> None:
    console_app, encoder, _ = live_app
    admin = console_app.signed_in(ADMIN)
    index_dir = console_app.settings.index_dir
    served = current(index_dir)
    generations = sorted(p.name for p in (index_dir / "generations").iterdir())
    r = upload(admin, "catalogue.jsonl", jsonl([*SMALL, NEW_MODULE], tmp_path))
    job_url = r.headers["location"]
    assert encoder.waiting.wait(10)
    running = admin.get(job_url + ".json").json()
    assert running["status"] == "running" and isinstance(running["eta_seconds"], int)
    page = admin.get(job_url)
    eta = parse(page.text).find("p", id="job-eta").text
    assert eta.startswith("Fin prévue dans environ") and "min" in eta
    form = parse(page.text).find("form", action=job_url + "/cancel")
    assert form.find("button").text == "Annuler la reconstruction"
    refused = admin.post(job_url + "/cancel", data={"csrf": "forged"}, follow_redirects=False)
    assert refused.status_code == 403
    asked = admin.post(
        job_url + "/cancel", data={"csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert asked.status_code == 303 and asked.headers["location"] == job_url
    encoder.gate.set()
    deadline = time.monotonic() + 20
    while (job := admin.get(job_url + ".json").json())["status"] in ("running", "cancelling"):
        assert time.monotonic() < deadline, "the rebuild never stopped"
        time.sleep(0.05)
    assert job["status"] == "cancelled" and job["generation"] == ""
    assert current(index_dir) == served
    assert sorted(p.name for p in (index_dir / "generations").iterdir()) == generations
    assert "Annulée" in parse(admin.get(job_url).text).find("main").text
    uploads = index_dir.parent / "uploads"
    assert list(uploads.iterdir()) == []
