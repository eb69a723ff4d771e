"""Catalog sync with the real encoder: one edited module embedded, the index as a full build's."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import numpy as np

from corpus.loaders import load_catalog
from index.builder import build_index
from index.encoders import Encoder
from index.generations import CACHE
from index.incremental import sync_index
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl


def test_a_sync_embeds_the_edited_module_only_and_finds_it(tmp_path: Path, e5: Encoder) -> None:
    index_dir = tmp_path / "index"
    build_index(load_catalog(write_jsonl(tmp_path / "v1.jsonl", SMALL)), e5, index_dir)
    records = copy.deepcopy(SMALL)
    records[4] = {
        "id": "m5",
        "title": "Soudeur : soudage semi-automatique MIG/MAG",
        "description": "Souder l'acier au poste semi-automatique, lire un plan, sécurité.",
        "tags": ["soudure", "métallurgie"],
    }
    edited = load_catalog(write_jsonl(tmp_path / "v2.jsonl", records))
    shutil.rmtree(index_dir / CACHE)  # the vectors kept come from the generation itself
    report = sync_index(edited, e5, index_dir, sources=["v2.jsonl"])
    assert report.changes.changed == ("m5",) and report.embedded == 1
    assert report.reused == len(SMALL) - 1
    synced = LoadedIndex.open(index_dir, e5)
    build_index(edited, e5, tmp_path / "fresh")
    fresh = LoadedIndex.open(tmp_path / "fresh", e5)
    np.testing.assert_allclose(synced.dense.vectors, fresh.dense.vectors, atol=2e-3)
    query = e5.encode_queries(["je veux devenir soudeur"])[0]
    assert synced.semantic(query, 1)[0][0] == synced.row_of()["m5"]
    assert not sync_index(edited, e5, index_dir).published
