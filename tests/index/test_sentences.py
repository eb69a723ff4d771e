"""Description sentences analysed once at build time and stored with the generation."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus.model import Catalog
from index.builder import build_index
from index.generations import open_current
from index.sentences import FILE, OFFSETS, analyse_module, split_sentences
from index.store import LoadedIndex
from tests.fakes import FakeEncoder


def test_split_sentences_keeps_list_items_apart() -> None:
    text = "Programme : bases du tableur.\n- formules simples\n- graphiques ; mise en forme"
    assert split_sentences(text) == [
        "Programme :",
        "bases du tableur.",
        "formules simples",
        "graphiques ;",
        "mise en forme",
    ]
    assert split_sentences(None) == []


def test_build_stores_each_modules_analysis(
    tmp_path: Path, small_catalog: Catalog, fake_encoder: FakeEncoder
) -> None:
    build_index(small_catalog, fake_encoder, tmp_path / "ix")
    generation = open_current(tmp_path / "ix")
    assert {FILE, OFFSETS} <= set(generation.manifest["files"])  # sealed by checksums too
    index = LoadedIndex.open(tmp_path / "ix", fake_encoder)
    assert index.sentences.stored
    for row, module in enumerate(index.modules):
        assert index.sentences[row] == analyse_module(module)
    assert any(index.sentences[row].sentences for row in range(index.size))


def test_generation_without_stored_analysis_analyses_on_lookup(
    tmp_path: Path, small_catalog: Catalog, fake_encoder: FakeEncoder
) -> None:
    build_index(small_catalog, fake_encoder, tmp_path / "ix")
    # An older generation: no analysis files (and none in its manifest).
    generation = open_current(tmp_path / "ix")
    for name in (FILE, OFFSETS):
        (generation.path / name).unlink()
    manifest = generation.path / "manifest.json"
    text = manifest.read_text(encoding="utf-8")
    import json

    data = json.loads(text)
    for name in (FILE, OFFSETS):
        data["files"].pop(name)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    index = LoadedIndex.open(tmp_path / "ix", fake_encoder)
    assert not index.sentences.stored
    assert index.sentences[0] == analyse_module(index.modules[0])
    shutil.rmtree(tmp_path / "ix")
