"""A running service swaps in a new generation, and keeps the old one when the new is bad."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.services import LiveService
from assistant.settings import Settings
from corpus.loaders import load_catalog
from corpus.model import Catalog
from index.builder import build_index
from index.generations import CURRENT
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.conftest import PartnerKeys
from web.app import create_app


def _live(index_dir: Path, encoder: FakeEncoder) -> LiveService:
    settings = Settings(index_dir=index_dir)
    return LiveService(
        settings, SearchService(LoadedIndex.open(index_dir, encoder)), check_seconds=0
    )


def test_new_generation_is_served_after_publish(tmp_path: Path, small_catalog: Catalog) -> None:
    encoder = FakeEncoder()
    index_dir = tmp_path / "ix"
    build_index(small_catalog, encoder, index_dir)
    live = _live(index_dir, encoder)
    more = [*SMALL, {"id": "m9", "title": "Soudage semi-automatique MIG/MAG"}]
    build_index(load_catalog(write_jsonl(tmp_path / "v2.jsonl", more)), encoder, index_dir)
    live.current()
    live.wait()
    assert live.current().index.size == 9


def test_damaged_new_generation_is_refused_and_old_keeps_serving(
    tmp_path: Path, small_catalog: Catalog, partner: PartnerKeys
) -> None:
    encoder = FakeEncoder()
    index_dir = tmp_path / "ix"
    first = build_index(small_catalog, encoder, index_dir).generation.name
    live = _live(index_dir, encoder)
    second = build_index(small_catalog, encoder, index_dir).generation
    manifest = json.loads((second.path / "manifest.json").read_text())
    manifest["encoder"]["id"] = "another-model"
    (second.path / "manifest.json").write_text(json.dumps(manifest))
    app = create_app(Settings(index_dir=index_dir), services=live, partners=partner.store)
    with TestClient(app, headers=partner.headers) as client:
        for _ in range(3):
            r = client.post("/api/v1/search", json={"text": "excel"})
            live.wait()
            assert r.status_code == 200 and r.json()["index"] == first
    assert (index_dir / CURRENT).read_text().strip() == second.name
