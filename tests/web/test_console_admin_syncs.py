"""The admin's catalog page lists the last `boussole catalog sync` runs."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from assistant.cli import app as cli
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.console_fixtures import ConsoleApp
from tests.web.html_tools import parse


def test_the_catalog_page_lists_the_last_syncs(
    console_app: ConsoleApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.cli.sync.make_encoder", lambda name: FakeEncoder())
    admin = console_app.signed_in("admin@forem.be")
    empty = parse(admin.get("/console/admin/catalog").text)
    assert empty.find_all("table", id="catalog-syncs") == []
    assert "Aucune synchronisation" in empty.find("main").text
    edited = copy.deepcopy(SMALL)
    edited[0]["title"] = "Premiers pas avec l'ordinateur"
    edited.append({"id": "m9", "title": "Soudage MIG/MAG"})
    source = write_jsonl(tmp_path / "forem-nuit.jsonl", edited)
    settings = console_app.settings
    argv = ["catalog", "sync", str(source), "--index-dir", str(settings.index_dir)]
    argv += ["--database-url", settings.database_url, "--quiet"]
    assert cli.main(argv) == 0
    assert cli.main(argv) == 0  # nothing changed the second time
    table = parse(admin.get("/console/admin/catalog").text).find("table", id="catalog-syncs")
    body = table.find("tbody").find_all("tr")
    rows = [[c.text for c in tr.children if not isinstance(c, str)] for tr in body]
    assert len(rows) == 2
    unchanged, published = rows
    assert published[1:5] == ["forem-nuit.jsonl", "1", "1", "0"]
    assert published[5].startswith("gen-") and published[6].endswith(" s")
    assert unchanged[5] == "inchangé : rien publié"
