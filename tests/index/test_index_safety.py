"""A damaged index folder is refused with one line; nothing is built over it or pruned."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.services import LiveService, ensure_index
from assistant.settings import Settings
from corpus.model import Catalog
from index.builder import build_index
from index.errors import GenerationError
from index.generations import CURRENT, GENERATIONS, file_digest, open_current
from index.store import LoadedIndex
from tests.conftest import write_jsonl
from tests.fakes import FakeEncoder


def _settings(index_dir: Path, catalog: Path) -> Settings:
    return Settings(index_dir=index_dir, catalog=catalog)


def _generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in (index_dir / GENERATIONS).iterdir())


@pytest.mark.parametrize("pointer", ["", "\n", "../etc", ".tmp-x"])
def test_damaged_current_is_refused_never_rebuilt_over(
    tmp_path: Path, small_catalog: Catalog, pointer: str
) -> None:
    index_dir = tmp_path / "ix"
    build_index(small_catalog, FakeEncoder(), index_dir)
    before = _generations(index_dir)
    (index_dir / CURRENT).write_text(pointer, encoding="utf-8")
    other = write_jsonl(tmp_path / "other.jsonl", [{"id": "x1", "title": "Autre"}])
    with pytest.raises(GenerationError, match=r"CURRENT is damaged") as caught:
        ensure_index(_settings(index_dir, other), FakeEncoder())
    assert "\n" not in str(caught.value)
    assert _generations(index_dir) == before
    assert (index_dir / CURRENT).read_text(encoding="utf-8") == pointer


def test_missing_current_beside_generations_is_refused(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    index_dir = tmp_path / "ix"
    build_index(small_catalog, FakeEncoder(), index_dir)
    before = _generations(index_dir)
    (index_dir / CURRENT).unlink()
    with pytest.raises(GenerationError, match=r"no CURRENT.*1 generation"):
        ensure_index(_settings(index_dir, tmp_path / "none.jsonl"), FakeEncoder())
    assert _generations(index_dir) == before


def test_empty_folder_gets_the_configured_catalog(tmp_path: Path, small_catalog_file: Path) -> None:
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / CURRENT).write_text("", encoding="utf-8")  # no generation at all: allowed
    report = ensure_index(_settings(index_dir, small_catalog_file), FakeEncoder())
    assert report is not None and open_current(index_dir).name == report.generation.name


def test_build_over_damaged_pointer_prunes_nothing(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    for _ in range(3):
        build_index(small_catalog, FakeEncoder(), index_dir)
    before = _generations(index_dir)
    (index_dir / CURRENT).write_text("", encoding="utf-8")
    new = build_index(small_catalog, FakeEncoder(), index_dir).generation.name
    assert _generations(index_dir) == sorted([*before, new])


def _rewrite_manifest(generation_path: Path, **changes: object) -> None:
    path = generation_path / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("encoder", "fake"),
        ("files", ["vectors.npy"]),
        ("counts", {"modules": "many"}),
        ("format_version", "1"),
        ("generation", 3),
    ],
)
def test_wrong_typed_manifest_is_refused_in_one_line(
    tmp_path: Path, small_catalog: Catalog, field: str, value: object
) -> None:
    index_dir = tmp_path / "ix"
    generation = build_index(small_catalog, FakeEncoder(), index_dir).generation
    _rewrite_manifest(generation.path, **{field: value})
    with pytest.raises(GenerationError, match=rf"manifest.json is damaged \({field}") as caught:
        LoadedIndex.open(index_dir, FakeEncoder())
    assert "\n" not in str(caught.value)


def test_loader_thread_refuses_a_wrong_typed_manifest_once(
    tmp_path: Path, small_catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    index_dir = tmp_path / "ix"
    build_index(small_catalog, FakeEncoder(), index_dir)
    live = LiveService(
        Settings(index_dir=index_dir),
        _service(index_dir),
        check_seconds=0,
    )
    served = live.current().index.generation.name
    bad = build_index(small_catalog, FakeEncoder(), index_dir).generation
    _rewrite_manifest(bad.path, encoder="fake")
    for _ in range(3):
        live.current()
        live.wait()
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert live.current().index.generation.name == served
    assert len(refusals) == 1 and "encoder" in refusals[0].getMessage()


def _service(index_dir: Path):  # type: ignore[no-untyped-def]
    from assistant.search import SearchConfig, SearchService

    return SearchService(LoadedIndex.open(index_dir, FakeEncoder()), SearchConfig())


def _reseal(generation_path: Path, name: str) -> None:
    """Rewrite the manifest's size and checksum of ``name``, as a careless copy would."""
    path = generation_path / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    file = generation_path / name
    manifest["files"][name] = {"bytes": file.stat().st_size, "sha256": file_digest(file)}
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_truncated_vectors_with_matching_checksum_are_refused_at_open(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    index_dir = tmp_path / "ix"
    generation = build_index(small_catalog, FakeEncoder(), index_dir).generation
    vectors = np.load(generation.path / "vectors.npy")
    np.save(generation.path / "vectors.npy", vectors[:-1])
    _reseal(generation.path, "vectors.npy")
    n = len(small_catalog)
    with pytest.raises(
        GenerationError, match=rf"vectors.npy holds {n - 1} rows.*manifest says {n}"
    ):
        open_current(index_dir)


def test_vectors_of_another_dtype_are_refused(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    generation = build_index(small_catalog, FakeEncoder(), index_dir).generation
    vectors = np.load(generation.path / "vectors.npy")
    np.save(generation.path / "vectors.npy", vectors.astype(np.float64))
    _reseal(generation.path, "vectors.npy")
    with pytest.raises(GenerationError, match=r"vectors.npy holds float64.*float32"):
        open_current(index_dir)


def test_nan_vectors_are_refused(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    generation = build_index(small_catalog, FakeEncoder(), index_dir).generation
    vectors = np.load(generation.path / "vectors.npy")
    vectors[1, 3] = np.nan
    np.save(generation.path / "vectors.npy", vectors)
    _reseal(generation.path, "vectors.npy")
    with pytest.raises(GenerationError, match=r"vectors.npy holds 1 vector.*not finite"):
        LoadedIndex.open(index_dir, FakeEncoder())


def test_truncated_module_list_is_refused_at_open(tmp_path: Path, small_catalog: Catalog) -> None:
    index_dir = tmp_path / "ix"
    generation = build_index(small_catalog, FakeEncoder(), index_dir).generation
    modules = generation.path / "modules.jsonl"
    lines = modules.read_text(encoding="utf-8").splitlines(keepends=True)
    modules.write_text("".join(lines[:-1]), encoding="utf-8")
    _reseal(generation.path, "modules.jsonl")
    n = len(small_catalog)
    with pytest.raises(GenerationError, match=rf"modules.jsonl holds {n - 1} .*manifest says {n}"):
        open_current(index_dir)
