"""A guided query compares the query with the catalog once; masks then only pick rows."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.search import SearchService
from assistant.services import guidance_for
from index.dense import DenseIndex
from index.store import LoadedIndex


def test_guide_scans_the_vectors_once(
    built_index: LoadedIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[int] = []
    real = DenseIndex.cosines

    def counted(self: DenseIndex, query: np.ndarray) -> np.ndarray:
        scans.append(1)
        return real(self, query)

    def forbidden(*args: object, **kwargs: object) -> object:
        raise AssertionError("a prepared query must not search the index again")

    monkeypatch.setattr(DenseIndex, "cosines", counted)
    monkeypatch.setattr(DenseIndex, "search", forbidden)
    guidance = guidance_for(SearchService(built_index))
    profile = guidance.understand("Je voudrais apprendre Excel, j'habite à Mons")
    result = guidance.guide(profile, k=3)
    assert result.matches  # the small catalog has an Excel module
    assert len(scans) == 1


def test_prepared_ranking_equals_a_fresh_search(built_index: LoadedIndex) -> None:
    service = SearchService(built_index)
    prepared = service.prepare("tableur excel")
    mask = np.ones(built_index.size, dtype=bool)
    mask[0] = False
    for m in (None, mask):
        fresh = service.rank("tableur excel", m, 10)
        again = service.rank(prepared, m, 10)
        assert [(r.row, r.semantic_rank) for r in fresh] == [
            (r.row, r.semantic_rank) for r in again
        ]
