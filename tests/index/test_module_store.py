"""The module store: every field survives the round trip; damage is refused with a clear line."""

from __future__ import annotations

import json
import mmap
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from corpus.model import Catalog, Module
from index.bm25 import BM25Index
from index.builder import build_index
from index.errors import GenerationError
from index.generations import open_current
from index.module_store import OFFSETS, RECORDS, ModuleStore, open_modules, write_modules
from index.store import LoadedIndex
from tests.fakes import FakeEncoder

FULL = Module(
    id="mod-ü.1@x",
    title="Soudure à l'arc — niveau 2 ✓",
    description="Ligne un.\nLigne deux : « guillemets », emoji 🧑‍🏭, CJK 焊接.",
    provider="Le Forem",
    city="Liège",
    postal_code="4000",
    region="Wallonie",
    duration_hours=37.5,
    level="Intermédiaire",
    format="hybride",
    certification="Brevet VCA",
    prerequisites="Aucun",
    audience="Demandeurs d'emploi",
    cost="Gratuit",
    language="nl",
    url="https://example.org/soudure?a=1&b=2",
    start_dates=(date(2027, 1, 18), date(2027, 9, 20)),
    tags=("soudure", "métal", ""),
    extra={
        "schedule": "le soir",
        "seats": 12,
        "ratio": 0.5,
        "open": True,
        "nested": {"a": [1, None]},
    },
)
EMPTY = Module(id="m0", title="")  # every optional field unknown (None, empty tuples, {})


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    modules = [FULL, EMPTY, FULL.__class__(id="m2", title="Deux", duration_hours=0.0)]
    write_modules(modules, tmp_path)
    store = ModuleStore(tmp_path, len(modules))
    assert len(store) == 3
    assert list(store) == modules  # a sequential scan
    assert list(store.ids()) == [m.id for m in modules]
    assert [store[i] for i in (2, 0, 1, -1)] == [modules[2], modules[0], modules[1], modules[2]]
    assert store[1:] == modules[1:]
    assert store[0].extra["nested"] == {"a": [1, None]}  # JSON values as the catalog gave them
    assert store[0].to_dict() == FULL.to_dict()
    with pytest.raises(IndexError):
        store[3]


def test_records_are_mapped_read_only(tmp_path: Path) -> None:
    write_modules([FULL], tmp_path)
    store = ModuleStore(tmp_path, 1)
    assert isinstance(store._map, mmap.mmap)
    with pytest.raises(TypeError):
        store._map[0] = 0  # ACCESS_READ: no worker can write the generation's file
    assert not store.offsets.flags.writeable


def test_built_generation_serves_modules_from_the_store(
    tmp_path: Path, small_catalog: Catalog, fake_encoder: FakeEncoder
) -> None:
    build_index(small_catalog, fake_encoder, tmp_path / "ix")
    index = LoadedIndex.open(tmp_path / "ix", fake_encoder)
    assert isinstance(index.modules, ModuleStore)
    assert list(index.modules) == list(small_catalog.modules)
    assert index.row_of() == {m.id: i for i, m in enumerate(small_catalog.modules)}


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda g: (g / RECORDS).write_bytes((g / RECORDS).read_bytes()[:-7]), "truncated"),
        (lambda g: (g / RECORDS).write_bytes(b"NOT" + (g / RECORDS).read_bytes()[3:]), "version"),
        (lambda g: np.save(g / OFFSETS, np.load(g / OFFSETS)[:-1]), "expected"),
        (lambda g: np.save(g / OFFSETS, np.load(g / OFFSETS)[::-1].copy()), "out of order"),
        (lambda g: (g / OFFSETS).write_bytes(b"garbage"), "cannot be read"),
        (lambda g: (g / RECORDS).unlink(), "cannot be read"),
    ],
)
def test_damaged_store_is_refused_naming_the_file(
    tmp_path: Path, small_catalog: Catalog, fake_encoder: FakeEncoder, damage, message: str
) -> None:
    build_index(small_catalog, fake_encoder, tmp_path / "ix")
    folder = open_current(tmp_path / "ix").path
    damage(folder)
    # verify=False: the store's own checks, not the manifest's checksums, catch it
    with pytest.raises(GenerationError, match=rf"modules\.\w+.*{message}.*rebuild"):
        LoadedIndex.open(tmp_path / "ix", fake_encoder, verify=False)
    with pytest.raises(GenerationError, match="rebuild"):  # and so does the checked open
        LoadedIndex.open(tmp_path / "ix", fake_encoder)


def test_garbled_record_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    write_modules([FULL, EMPTY], tmp_path)
    data = bytearray((tmp_path / RECORDS).read_bytes())
    start = int(np.load(tmp_path / OFFSETS)[1])
    data[start] = 0xC1  # a byte MessagePack never uses
    (tmp_path / RECORDS).write_bytes(bytes(data))
    store = ModuleStore(tmp_path, 2)
    assert store[0] == FULL
    with pytest.raises(GenerationError, match=rf"{RECORDS}: the module of row 1 .*rebuild"):
        store[1]
    with pytest.raises(GenerationError, match=rf"{RECORDS}.*rebuild"):
        list(store.scan())


def test_generation_built_before_the_store_is_still_served(
    tmp_path: Path, small_catalog: Catalog, fake_encoder: FakeEncoder, caplog
) -> None:
    build_index(small_catalog, fake_encoder, tmp_path / "ix")
    generation = open_current(tmp_path / "ix")
    folder = generation.path
    # The older layout: no store files, the BM25 matrix in one bm25.npz.
    bm25 = BM25Index.load(folder)
    from scipy import sparse

    sparse.save_npz(folder / "bm25.npz", bm25.matrix.tocsc(), compressed=False)
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name in (
        RECORDS,
        OFFSETS,
        *(f"bm25.{a}.npy" for a in ("data", "indices", "indptr", "shape")),
    ):
        (folder / name).unlink()
        data["files"].pop(name)
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    old = LoadedIndex.open(tmp_path / "ix", fake_encoder)
    assert isinstance(old.modules, tuple)
    assert old.modules == small_catalog.modules
    assert "rebuild the index to share them" in caplog.text
    np.testing.assert_array_equal(old.bm25.scores("informatique"), bm25.scores("informatique"))
    assert open_modules(folder, len(small_catalog)) == small_catalog.modules
    shutil.rmtree(tmp_path / "ix")


def test_bm25_arrays_are_mapped_read_only(tmp_path: Path) -> None:
    docs = [{"title": "comptabilité"}, {"title": "soudure à l'arc"}, {"title": "comptable"}]
    built = BM25Index.build(docs, {"title": 1.0})
    built.save(tmp_path)
    loaded = BM25Index.load(tmp_path)
    for array in (loaded.matrix.data, loaded.matrix.indices, loaded.matrix.indptr):
        assert not array.flags.writeable  # a view of the mapped file, not a copy
    np.testing.assert_array_equal(loaded.scores("soudure"), built.scores("soudure"))
