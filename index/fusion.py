"""Rank fusion: combine ranked lists from several retrievers into one. Pure Python.

Reciprocal-rank fusion (Cormack, Clarke & Büttcher, 2009): a document at 1-based rank ``r``
in list ``i`` earns ``w_i / (k + r)``; a document absent from a list earns nothing from it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

DEFAULT_RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[K]],
    *,
    weights: Mapping[str, float] | None = None,
    k: int = DEFAULT_RRF_K,
) -> list[tuple[K, float]]:
    """Fuse ranked lists of ids.

    Args:
        rankings: name of each retriever → its ids, best first.
        weights: name → weight (default 1.0 for every list).
        k: the RRF constant; larger values flatten the contribution of top ranks.

    Returns:
        ``(id, fused score)`` pairs, best first; ties keep the order of first appearance.
    """
    if k < 0:
        raise ValueError("the RRF constant k must be >= 0")
    scores: dict[K, float] = {}
    for name, ranked in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        if weight == 0:
            continue
        for rank, doc in enumerate(ranked, 1):
            scores[doc] = scores.get(doc, 0.0) + weight / (k + rank)
    # sorted() is stable, so equal scores keep first-appearance order.
    return sorted(scores.items(), key=lambda item: -item[1])
