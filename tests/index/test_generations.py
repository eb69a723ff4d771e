from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from corpus.loaders import load_catalog
from corpus.model import Catalog
from index.builder import build_index
from index.documents import DocumentConfig, passage_text
from index.errors import EncoderMismatchError, GenerationError
from index.generations import CURRENT, GENERATIONS, current_name, open_current
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder


class ExplodingEncoder(FakeEncoder):
    """Fails after a number of passages, as a crash mid-build would."""

    def __init__(self, fail_after: int) -> None:
        super().__init__()
        self.fail_after = fail_after

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        if self.passages_encoded + len(texts) > self.fail_after:
            raise RuntimeError("simulated crash")
        return super().encode_passages(texts)


def test_build_publishes_a_complete_generation(tmp_path: Path, small_catalog: Catalog) -> None:
    report = build_index(small_catalog, FakeEncoder(), tmp_path / "ix")
    generation = open_current(tmp_path / "ix")
    manifest = generation.manifest
    assert report.generation.name == generation.name == current_name(tmp_path / "ix")
    assert manifest["encoder"] == {"id": "fake", "dim": 64}
    assert manifest["catalog"]["sha256"] == small_catalog.checksum
    assert manifest["counts"]["modules"] == len(SMALL)
    assert {
        "modules.jsonl",
        "modules.msgpack",
        "modules.offsets.npy",
        "vectors.npy",
        "bm25.data.npy",
        "bm25_vocab.json",
    } <= set(manifest["files"])
    assert "numpy" in manifest["libraries"] and manifest["built_at"]


def test_crash_mid_build_leaves_previous_generation_serving(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    index_dir = tmp_path / "ix"
    first = build_index(small_catalog, FakeEncoder(), index_dir).generation.name
    records = [dict(r, description=(r["description"] or "") + " v2") for r in SMALL]
    changed = load_catalog(write_jsonl(tmp_path / "v2.jsonl", records))
    with pytest.raises(RuntimeError, match="simulated crash"):
        build_index(changed, ExplodingEncoder(fail_after=3), index_dir)
    assert current_name(index_dir) == first
    assert not list((index_dir / GENERATIONS).glob(".tmp-*"))
    assert LoadedIndex.open(index_dir, FakeEncoder()).size == len(SMALL)


def test_other_encoder_is_refused_with_a_clear_message(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    build_index(small_catalog, FakeEncoder(name="enc-a"), tmp_path / "ix")
    with pytest.raises(EncoderMismatchError, match=r"built with encoder 'enc-a'.*rebuild"):
        LoadedIndex.open(tmp_path / "ix", FakeEncoder(name="enc-b"))


def test_damaged_manifest_or_file_is_refused(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    generation = build_index(small_catalog, FakeEncoder(), index_dir).generation
    vectors = generation.path / "vectors.npy"
    original = vectors.read_bytes()
    vectors.write_bytes(original[:-8] + b"\0" * 8)
    with pytest.raises(GenerationError, match="checksum"):
        LoadedIndex.open(index_dir, FakeEncoder())
    vectors.write_bytes(original)
    (generation.path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GenerationError, match="damaged"):
        LoadedIndex.open(index_dir, FakeEncoder())
    (generation.path / "manifest.json").write_text(json.dumps({"encoder": {}}), encoding="utf-8")
    with pytest.raises(GenerationError, match=r"damaged \(format_version: field required"):
        LoadedIndex.open(index_dir, FakeEncoder())


def test_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(GenerationError, match="boussole index build"):
        LoadedIndex.open(tmp_path / "nothing", FakeEncoder())
    (tmp_path / "empty").mkdir()
    with pytest.raises(GenerationError, match="no published index"):
        LoadedIndex.open(tmp_path / "empty", FakeEncoder())
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / CURRENT).write_text("../../etc\n", encoding="utf-8")
    with pytest.raises(GenerationError, match="damaged"):
        LoadedIndex.open(tmp_path / "bad", FakeEncoder())


def test_rebuild_embeds_only_changed_modules(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    encoder = FakeEncoder()
    first = build_index(small_catalog, encoder, index_dir)
    assert first.embedded == len(SMALL)
    records = [dict(r) for r in SMALL]
    records[2]["title"] = "Excel expert : macros VBA"
    changed = load_catalog(write_jsonl(tmp_path / "v2.jsonl", records))
    second = build_index(changed, encoder, index_dir)
    assert (second.embedded, second.reused) == (1, len(SMALL) - 1)
    loaded = LoadedIndex.open(index_dir, encoder)
    passage = passage_text(changed.by_id()["m3"], DocumentConfig().passage_words)
    expected = encoder.encode_queries([passage])[0]
    row = loaded.row_of()["m3"]
    np.testing.assert_allclose(loaded.dense.vectors[row], expected, atol=1e-6)


def test_damaged_cache_is_ignored_not_fatal(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    build_index(small_catalog, FakeEncoder(), index_dir)
    for cache in (index_dir / "cache").iterdir():
        cache.write_bytes(b"garbage")
    report = build_index(small_catalog, FakeEncoder(), index_dir)
    assert report.embedded == len(SMALL)


def test_old_generations_are_pruned(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    names = [build_index(small_catalog, FakeEncoder(), index_dir).generation.name for _ in range(5)]
    kept = sorted(p.name for p in (index_dir / GENERATIONS).iterdir())
    assert kept == names[-3:]
