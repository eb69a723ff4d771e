from __future__ import annotations

from pathlib import Path

import numpy as np

from index.bm25 import BM25Index, top_k
from index.dense import DenseIndex

DOCS = [
    {"title": "Excel initiation", "description": "tableur cellules formules"},
    {"title": "Word", "description": "traitement de texte, un peu d'Excel"},
    {"title": "Réseaux Cisco", "description": "routage commutation"},
]


def test_bm25_ranks_title_matches_first_and_ignores_unknown_terms() -> None:
    index = BM25Index.build(DOCS, {"title": 3.0, "description": 1.0})
    scores = index.scores("formation excel")
    assert top_k(scores, 3) == [0, 1]
    assert index.scores("zzz inconnu").sum() == 0


def test_a_misspelt_query_term_counts_as_the_catalog_term_it_is_close_to() -> None:
    docs = [
        {"title": "Comptabilité générale", "description": "bilan, journal, TVA"},
        {"title": "Soudure à l'arc", "description": "soudeur, postes de soudage"},
        {"title": "Cuisine de collectivité", "description": "commis de cuisine"},
    ]
    index = BM25Index.build(docs, {"title": 3.0, "description": 1.0})
    assert top_k(index.scores("comptabiliter"), 3) == [0]
    assert top_k(index.scores("soudurre"), 3) == [1]
    # A word the catalog lacks stays unknown: not close enough, or another first syllable.
    assert index.scores("coiffure").sum() == 0
    assert index.scores("compas").sum() == 0
    assert index.closest_term("cuis") is None  # too short to judge


def test_bm25_mask_excludes_rows_before_ranking() -> None:
    index = BM25Index.build(DOCS, {"title": 3.0, "description": 1.0})
    mask = np.array([False, True, True])
    assert top_k(index.scores("excel"), 3, mask) == [1]


def test_bm25_round_trip(tmp_path: Path) -> None:
    index = BM25Index.build(DOCS, {"title": 1.0, "description": 1.0})
    index.save(tmp_path)
    again = BM25Index.load(tmp_path)
    np.testing.assert_allclose(again.scores("réseau cisco"), index.scores("réseau cisco"))


def _clustered(n: int, dim: int = 48, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(n // 50, 4), dim))
    x = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32)


def test_approximate_index_keeps_recall_at_10_against_exact() -> None:
    vectors = _clustered(6000)
    exact = DenseIndex.build(vectors, exact_threshold=10_000)
    approx = DenseIndex.build(vectors, exact_threshold=1000)
    assert approx.approximate and not exact.approximate
    queries = _clustered(100, seed=11)
    found = total = 0
    for q in queries:
        truth = {r for r, _ in exact.search(q, 10)}
        found += len(truth & {r for r, _ in approx.search(q, 10)})
        total += 10
    assert found / total >= 0.98


def test_filtered_search_returns_k_allowed_rows_in_exact_order() -> None:
    vectors = _clustered(6000)
    approx = DenseIndex.build(vectors, exact_threshold=1000)
    q = _clustered(1, seed=3)[0]
    for allowed_share in (0.002, 0.5, 0.9):
        mask = np.random.default_rng(5).random(len(vectors)) < allowed_share
        hits = approx.search(q, 10, mask)
        assert len(hits) == min(10, int(mask.sum()))
        assert all(mask[r] for r, _ in hits)
        scores = [s for _, s in hits]
        assert scores == sorted(scores, reverse=True)
        allowed = np.flatnonzero(mask)
        best = allowed[np.argsort(-(vectors[allowed] @ q))[:10]]
        assert len({r for r, _ in hits} & set(best.tolist())) >= 9


def test_dense_round_trip_both_kinds(tmp_path: Path) -> None:
    vectors = _clustered(1500)
    for threshold in (100, 10_000):
        folder = tmp_path / str(threshold)
        folder.mkdir()
        built = DenseIndex.build(vectors, exact_threshold=threshold)
        built.save(folder)
        again = DenseIndex.load(folder)
        assert again.approximate == built.approximate
        assert again.search(vectors[42], 1)[0][0] == 42
