"""Vectors held once; one scan per query, the best allowed rows taken from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.dense import DenseIndex, best_rows


def _unit(n: int, d: int = 16, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_exact_index_holds_vectors_once_as_a_memory_map(tmp_path: Path) -> None:
    vectors = _unit(300)
    DenseIndex.build(vectors).save(tmp_path)
    loaded = DenseIndex.load(tmp_path)
    assert loaded.index is None and not loaded.approximate  # no FAISS copy
    assert isinstance(loaded.vectors, np.memmap)
    np.testing.assert_array_equal(np.asarray(loaded.vectors), vectors)


def test_approximate_index_reads_vectors_from_the_graph(tmp_path: Path) -> None:
    vectors = _unit(1500)
    built = DenseIndex.build(vectors, exact_threshold=1000)
    built.save(tmp_path)
    assert not (tmp_path / "vectors.npy").exists()
    loaded = DenseIndex.load(tmp_path)
    assert loaded.approximate and not loaded.vectors.flags.owndata
    np.testing.assert_array_equal(loaded.vectors, vectors)


def test_best_rows_are_the_exact_best_among_allowed() -> None:
    vectors = _unit(500)
    dense = DenseIndex.build(vectors)
    query = _unit(1, seed=3)[0]
    mask = np.zeros(500, dtype=bool)
    mask[::7] = True
    scores = dense.cosines(query)
    expected = sorted(np.flatnonzero(mask), key=lambda r: -scores[r])[:10]
    assert [r for r, _ in best_rows(scores, 10, mask)] == expected
    assert [r for r, _ in dense.search(query, 10, mask)] == expected
    assert [r for r, _ in best_rows(scores, 10)] == list(np.argsort(-scores)[:10])
    assert best_rows(scores, 10, np.zeros(500, dtype=bool)) == []
    assert len(best_rows(scores, 1000, mask)) == int(mask.sum())


def test_equal_scores_keep_row_order() -> None:
    scores = np.array([0.5, 0.9, 0.5, 0.9, 0.1], dtype=np.float32)
    assert [r for r, _ in best_rows(scores, 4)] == [1, 3, 0, 2]
