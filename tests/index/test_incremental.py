"""Incremental sync: only new passages are embedded, nothing is published when nothing changed."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus.loaders import load_catalog
from corpus.model import Catalog
from index.builder import build_index
from index.carry import KEYS
from index.errors import GenerationError
from index.generations import CACHE, CURRENT, generation_names, open_current
from index.incremental import sync_index
from index.sentences import SentenceStore, analyse_module
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder


def _catalog(tmp_path: Path, records: list[dict[str, Any]], name: str = "c.jsonl") -> Catalog:
    return load_catalog(write_jsonl(tmp_path / name, records))


def _edited() -> list[dict[str, Any]]:
    """SMALL with m2's description changed, m5's city changed, m8 removed and m9 added."""
    records = copy.deepcopy(SMALL[:7])
    records[1]["description"] = "Tableur pour débutants : saisie, sommes et premiers graphiques."
    records[4]["city"] = "Namur"
    records.append({"id": "m9", "title": "Soudure à l'arc", "tags": ["soudure"]})
    return records


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "index"
    build_index(_catalog(tmp_path, SMALL, "first.jsonl"), FakeEncoder(), folder)
    return folder


def test_only_new_passages_are_embedded_even_without_the_cache(
    tmp_path: Path, index_dir: Path
) -> None:
    shutil.rmtree(index_dir / CACHE)  # the vectors come from the generation itself
    encoder = FakeEncoder()
    report = sync_index(_catalog(tmp_path, _edited()), encoder, index_dir, sources=["c.jsonl"])
    changes = report.changes
    assert (changes.added, changes.changed, changes.removed) == (("m9",), ("m2", "m5"), ("m8",))
    assert changes.unchanged == 5
    # m5 changed only its city: its embedded passage is the same, so its vector is kept.
    assert encoder.passages_encoded == 2 == report.embedded
    assert report.reused == 6 and report.full_reason is None
    assert report.generation is not None
    assert open_current(index_dir).name == report.generation.name != report.previous
    sync = report.generation.manifest["sync"]
    assert sync["added"] == 1 and sync["first_changed"] == ["m2", "m5"]
    assert sync["removed"] == 1 and sync["sources"] == ["c.jsonl"]


def test_the_synced_index_equals_a_full_build(tmp_path: Path, index_dir: Path) -> None:
    edited = _catalog(tmp_path, _edited())
    sync_index(edited, FakeEncoder(), index_dir)
    synced = LoadedIndex.open(index_dir, FakeEncoder())
    fresh_dir = tmp_path / "fresh"
    build_index(edited, FakeEncoder(), fresh_dir)
    fresh = LoadedIndex.open(fresh_dir, FakeEncoder())
    assert [m.id for m in synced.modules] == [m.id for m in fresh.modules]
    np.testing.assert_allclose(synced.dense.vectors, fresh.dense.vectors, atol=1e-6)
    assert synced.sentences.stored
    for row, module in enumerate(synced.modules):
        assert synced.sentences[row] == analyse_module(module)
    query = FakeEncoder().encode_queries(["tableur graphiques"])[0]
    assert synced.semantic(query, 3) == fresh.semantic(query, 3)
    assert synced.lexical("soudure", 3) == fresh.lexical("soudure", 3)
    assert (synced.generation.path / KEYS).read_text() == (fresh.generation.path / KEYS).read_text()


def test_a_second_sync_publishes_nothing(tmp_path: Path, index_dir: Path) -> None:
    edited = _catalog(tmp_path, _edited())
    first = sync_index(edited, FakeEncoder(), index_dir)
    names = generation_names(index_dir)
    encoder = FakeEncoder()
    second = sync_index(edited, encoder, index_dir)
    assert first.published and not second.published
    assert not second.changes.any and second.changes.unchanged == len(edited)
    assert encoder.passages_encoded == 0
    assert generation_names(index_dir) == names
    assert second.previous == first.generation.name == open_current(index_dir).name


def test_the_same_catalog_as_the_build_publishes_nothing(tmp_path: Path, index_dir: Path) -> None:
    before = (index_dir / CURRENT).read_text()
    report = sync_index(_catalog(tmp_path, SMALL, "again.jsonl"), FakeEncoder(), index_dir)
    assert not report.published and report.embedded == 0
    assert (index_dir / CURRENT).read_text() == before


def test_another_encoder_embeds_everything_and_says_why(tmp_path: Path, index_dir: Path) -> None:
    other = FakeEncoder(name="fake-v2")
    report = sync_index(_catalog(tmp_path, SMALL, "same.jsonl"), other, index_dir)
    assert report.published and not report.changes.any
    assert other.passages_encoded == len(SMALL) == report.embedded
    assert report.full_reason is not None and "fake-v2" in report.full_reason
    assert LoadedIndex.open(index_dir, other).generation.encoder_id == "fake-v2"


def test_other_passage_settings_embed_everything(tmp_path: Path, index_dir: Path) -> None:
    from index.documents import DocumentConfig

    encoder = FakeEncoder()
    config = DocumentConfig(passage_words=5)
    report = sync_index(_catalog(tmp_path, SMALL, "s.jsonl"), encoder, index_dir, config=config)
    assert (
        report.full_reason is not None
        and "48 description words embedded, now 5" in report.full_reason
    )
    assert report.published and encoder.passages_encoded == len(SMALL)


def test_other_bm25_weights_publish_with_the_same_vectors(tmp_path: Path, index_dir: Path) -> None:
    from index.documents import DEFAULT_FIELD_WEIGHTS, DocumentConfig

    encoder = FakeEncoder()
    config = DocumentConfig(field_weights={**DEFAULT_FIELD_WEIGHTS, "title": 5.0})
    report = sync_index(_catalog(tmp_path, SMALL, "w.jsonl"), encoder, index_dir, config=config)
    assert report.published and report.full_reason is None and encoder.passages_encoded == 0
    assert open_current(index_dir).manifest["documents"]["field_weights"]["title"] == 5.0
    again = sync_index(_catalog(tmp_path, SMALL, "w.jsonl"), encoder, index_dir, config=config)
    assert not again.published


def test_an_empty_folder_gets_everything_as_added(tmp_path: Path) -> None:
    folder = tmp_path / "new-index"
    report = sync_index(_catalog(tmp_path, SMALL), FakeEncoder(), folder)
    assert len(report.changes.added) == len(SMALL) and report.published
    assert LoadedIndex.open(folder, FakeEncoder()).size == len(SMALL)


def test_a_generation_without_keys_is_compared_from_its_modules(
    tmp_path: Path, index_dir: Path
) -> None:
    """Generations built before keys.jsonl existed: the keys are computed from modules.jsonl."""
    current = open_current(index_dir)
    (current.path / KEYS).unlink()
    manifest = current.manifest
    manifest["files"].pop(KEYS)

    (current.path / "manifest.json").write_text(json.dumps(manifest))
    encoder = FakeEncoder()
    report = sync_index(_catalog(tmp_path, _edited()), encoder, index_dir)
    assert report.changes.changed == ("m2", "m5") and encoder.passages_encoded == 2


def test_a_damaged_generation_is_refused_and_nothing_published(
    tmp_path: Path, index_dir: Path
) -> None:
    current = open_current(index_dir)
    (current.path / "vectors.npy").write_bytes(b"damaged")
    with pytest.raises(GenerationError, match=r"vectors\.npy"):
        sync_index(_catalog(tmp_path, _edited()), FakeEncoder(), index_dir)
    assert generation_names(index_dir) == [current.name]


def test_a_failing_encoder_leaves_the_served_generation(tmp_path: Path, index_dir: Path) -> None:
    class Broken(FakeEncoder):
        def encode_passages(self, texts: Any) -> np.ndarray:
            raise RuntimeError("model crashed")

    before = generation_names(index_dir)
    with pytest.raises(RuntimeError):
        sync_index(_catalog(tmp_path, _edited()), Broken(), index_dir)
    assert generation_names(index_dir) == before
    assert not [p for p in (index_dir / "generations").iterdir() if p.name.startswith(".")]
    assert open_current(index_dir).name == before[0]


def test_sentence_store_reads_carried_lines(tmp_path: Path, index_dir: Path) -> None:
    edited = _catalog(tmp_path, _edited())
    sync_index(edited, FakeEncoder(), index_dir)
    store = SentenceStore(edited.modules, open_current(index_dir).path)
    assert store.stored
    assert [store[i] for i in range(len(edited))] == [analyse_module(m) for m in edited]
