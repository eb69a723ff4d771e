"""The dense index: module vectors, inner product on unit vectors (= cosine).

Vectors are held once, in pages every worker process serving the generation shares. Up to
``exact_threshold`` rows, they are a memory map of ``vectors.npy`` and a search is one exact
scan: a matrix-vector product, then the best k among allowed rows. Above it, an HNSW graph
(FAISS) answers unfiltered queries; ``hnsw.faiss`` is read with ``IO_FLAG_MMAP_IFC`` (FAISS
maps the file's vectors and neighbour lists instead of copying them), and the vectors are read
from the graph's own storage instead of a second copy. Its ``ef_search`` keeps recall@10 ≥ 0.98
against exact search (checked by the tests and by ``bench/``). A generation's files never
change once published, so mapping them is safe; the mapped arrays are read-only.

Filters are applied *before* ranking, so the k results are the best k among allowed rows. A
caller that ranks one query under several filters computes :meth:`DenseIndex.cosines` once
and takes the best allowed rows from it with :func:`best_rows` (no further scan).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]

DEFAULT_EXACT_THRESHOLD = 200_000  # exact costs ~30 ms more than HNSW at 100k, recall 1.0
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 1024  # recall@10 0.998 vs exact at 100k real-query probes; about 2 ms
SMALL_SUBSET = 4_096

# faiss ships stubs that lack the search-parameter classes; reach them untyped.
_faiss: Any = faiss
# Map an index file's arrays rather than read them (FAISS >= 1.11); older FAISS copies them.
_MMAP_FLAG: int = getattr(_faiss, "IO_FLAG_MMAP_IFC", 0)


class DenseIndex:
    """Vectors of modules (one row per module, same order as the catalog)."""

    def __init__(self, vectors: Vectors, index: faiss.Index | None = None) -> None:
        self.vectors = vectors
        self.index = index  # the HNSW graph, or None: exact scans of ``vectors``

    @property
    def approximate(self) -> bool:
        return self.index is not None

    @property
    def size(self) -> int:
        return int(self.vectors.shape[0])

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    @classmethod
    def build(
        cls, vectors: Vectors, *, exact_threshold: int = DEFAULT_EXACT_THRESHOLD
    ) -> DenseIndex:
        """Index unit vectors; approximate (HNSW) when there are more than
        ``exact_threshold`` of them."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors) > exact_threshold:
            hnsw = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            hnsw.hnsw.efSearch = HNSW_EF_SEARCH
            hnsw.add(vectors)
            return cls(_storage_view(hnsw), hnsw)
        return cls(vectors)

    def cosines(self, query: Vectors) -> npt.NDArray[np.float32]:
        """The cosine of ``query`` to every row (one scan)."""
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
        out: npt.NDArray[np.float32] = self.vectors @ q
        return out

    def search(self, query: Vectors, k: int, mask: Mask | None = None) -> list[tuple[int, float]]:
        """The ``k`` rows most similar to ``query`` among rows where ``mask`` holds.

        Returns:
            ``(row, cosine)`` pairs, best first; fewer than ``k`` only when fewer rows are
            allowed.
        """
        if k <= 0 or self.size == 0:
            return []
        if self.index is None:
            return best_rows(self.cosines(query), k, mask)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        if mask is None:
            return self._graph_search(q, min(k, self.size), None)
        allowed = np.flatnonzero(mask).astype(np.int64)
        wanted = min(k, len(allowed))
        if wanted == 0:
            return []
        if len(allowed) > SMALL_SUBSET:
            hits = self._graph_search(q, wanted, allowed)
            if len(hits) == wanted:
                return hits
        # Few rows allowed, or a selective filter cut the graph's paths: scan those rows.
        scores = self.vectors[allowed] @ q[0]
        return [(int(allowed[i]), float(scores[i])) for i in _best(scores, wanted)]

    def _graph_search(
        self, q: Vectors, k: int, allowed: npt.NDArray[np.int64] | None
    ) -> list[tuple[int, float]]:
        selector = None if allowed is None else _faiss.IDSelectorBatch(allowed)
        params = _faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
        assert self.index is not None
        distances, labels = self.index.search(q, k, params=params)
        del selector  # kept alive until the search returned
        return [
            (int(row), float(score))
            for row, score in zip(labels[0], distances[0], strict=True)
            if row >= 0
        ]

    def save(self, folder: Path) -> None:
        """Write ``vectors.npy``, or ``hnsw.faiss`` (which holds them) when approximate."""
        if self.index is None:
            np.save(folder / "vectors.npy", np.ascontiguousarray(self.vectors))
        else:
            faiss.write_index(self.index, str(folder / "hnsw.faiss"))

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        """Read an index written by :meth:`save` (exact vectors memory-mapped)."""
        graph = folder / "hnsw.faiss"
        if graph.exists():
            hnsw = faiss.read_index(str(graph), _MMAP_FLAG)
            return cls(_storage_view(hnsw), hnsw)
        vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        return cls(vectors)


def best_rows(
    scores: npt.NDArray[np.float32], k: int, mask: Mask | None = None
) -> list[tuple[int, float]]:
    """The ``k`` best ``(row, score)`` among rows where ``mask`` holds, best first (ties by
    row)."""
    if mask is None:
        rows = _best(scores, k)
        return [(int(r), float(scores[r])) for r in rows]
    allowed = np.flatnonzero(mask)
    if len(allowed) == len(scores):
        return best_rows(scores, k)
    picked = _best(scores[allowed], k)
    return [(int(allowed[i]), float(scores[allowed[i]])) for i in picked]


def _best(scores: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.intp]:
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    # Stable on row order among equal scores, as the exact scan always was.
    order = np.lexsort((part, -scores[part]))
    out: npt.NDArray[np.intp] = part[order]
    return out


def _storage_view(hnsw: Any) -> Vectors:
    """The graph's own copy of the vectors, as an array (no copy)."""
    storage: Any = faiss.downcast_index(hnsw.storage)
    n, d = hnsw.ntotal, hnsw.d
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    view: Vectors = faiss.rev_swig_ptr(storage.get_xb(), n * d).reshape(n, d)
    view.flags.writeable = False  # a mapped file's pages, or the graph's own: never written
    return view
