"""A BM25 index over fielded French text, held as one sparse matrix.

Each field's term frequencies are weighted (title counts more than description), summed, and
normalised by the weighted document length, as BM25F does with one shared ``b``. The index is
a CSC matrix ``documents × terms`` of final per-term scores, so a query is a sum of a few
columns: a dense score for every document, on which any filter mask applies before ranking.
The matrix's three arrays are saved as ``.npy`` files and memory-mapped when loaded: a query
touches only the pages of its terms' columns, and workers share them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse

from index.analyzer import analyze

Scores = npt.NDArray[np.float32]

# A query term the catalog never uses is read as the catalog's closest term when it is a
# likely misspelling of it ("comptabiliter" → the stem of "comptabilité"): long enough to
# judge, the same first three letters, and a close edit similarity. Shorter or farther
# terms stay unknown, so a subject the catalog lacks is not turned into one it has.
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SIMILARITY = 80.0
_ARRAYS = ("data", "indices", "indptr")  # a CSC matrix, one .npy file each


class BM25Index:
    """Lexical index. Build with :meth:`build`, persist with :meth:`save`/:meth:`load`."""

    def __init__(self, matrix: sparse.csc_matrix, vocabulary: dict[str, int]) -> None:
        self.matrix = matrix
        self.vocabulary = vocabulary
        self._prefixes: dict[str, list[str]] | None = None
        self._corrections: dict[str, int | None] = {}

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])

    @classmethod
    def build(
        cls,
        documents: Sequence[Mapping[str, str]],
        field_weights: Mapping[str, float],
        *,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> BM25Index:
        """Index documents given as ``{field name: text}``; fields absent from
        ``field_weights`` are ignored."""
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(documents), dtype=np.float64)
        for row, doc in enumerate(documents):
            tf: Counter[int] = Counter()
            weighted: dict[int, float] = {}
            for name, weight in field_weights.items():
                text = doc.get(name)
                if not text or weight <= 0:
                    continue
                tf.clear()
                for term in analyze(text):
                    tf[vocabulary.setdefault(term, len(vocabulary))] += 1
                for term_id, count in tf.items():
                    weighted[term_id] = weighted.get(term_id, 0.0) + weight * count
                    lengths[row] += weight * count
            for term_id, value in weighted.items():
                rows.append(row)
                cols.append(term_id)
                vals.append(value)
        n_docs = len(documents)
        shape = (n_docs, max(len(vocabulary), 1))
        tf_matrix = sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)
        df = np.bincount(tf_matrix.indices, minlength=shape[1]).astype(np.float64)
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        avg_len = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
        norm = k1 * (1.0 - b + b * lengths / avg_len)
        coo = tf_matrix.tocoo()
        tf_vals = coo.data
        scores = idf[coo.col] * tf_vals * (k1 + 1.0) / (tf_vals + norm[coo.row])
        matrix = sparse.csc_matrix(
            (scores.astype(np.float32), (coo.row, coo.col)), shape=shape, dtype=np.float32
        )
        return cls(matrix, vocabulary)

    def query_terms(self, text: str) -> list[int]:
        """The known term ids of a query, each once, in order of first appearance; a
        misspelt term counts as the catalog term it is closest to (:meth:`closest_term`)."""
        seen: dict[int, None] = {}
        for term in analyze(text):
            term_id = self.vocabulary.get(term)
            if term_id is None:
                term_id = self.closest_term(term)
            if term_id is not None:
                seen.setdefault(term_id, None)
        return list(seen)

    def closest_term(self, term: str) -> int | None:
        """The id of the catalog term ``term`` is most likely a misspelling of, or None."""
        if len(term) < FUZZY_MIN_LENGTH or not term.isalpha():
            return None
        if term not in self._corrections:
            if len(self._corrections) >= 4096:  # bounded: people type endless new words
                self._corrections.clear()
            self._corrections[term] = self._closest(term)
        return self._corrections[term]

    def _closest(self, term: str) -> int | None:
        candidates = self._by_prefix().get(term[:3], [])
        found = process.extractOne(
            term, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SIMILARITY
        )
        return None if found is None else self.vocabulary[found[0]]

    def _by_prefix(self) -> dict[str, list[str]]:
        if self._prefixes is None:
            prefixes: dict[str, list[str]] = {}
            for known in self.vocabulary:
                if len(known) >= 4 and known.isalpha():
                    prefixes.setdefault(known[:3], []).append(known)
            self._prefixes = prefixes
        return self._prefixes

    def scores(self, text: str) -> Scores:
        """A BM25 score for every document (0 where no query term occurs)."""
        terms = self.query_terms(text)
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        summed = self.matrix[:, terms].sum(axis=1)
        return np.asarray(summed, dtype=np.float32).ravel()

    def save(self, folder: Path) -> None:
        """Write the matrix's arrays (``bm25.data.npy``, ``bm25.indices.npy``,
        ``bm25.indptr.npy``, ``bm25.shape.npy``) and ``bm25_vocab.json`` into ``folder``."""
        matrix = self.matrix.tocsc()
        for name in _ARRAYS:
            np.save(folder / f"bm25.{name}.npy", np.ascontiguousarray(getattr(matrix, name)))
        np.save(folder / "bm25.shape.npy", np.asarray(matrix.shape, dtype=np.int64))
        (folder / "bm25_vocab.json").write_text(
            json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        """Read an index written by :meth:`save`, its arrays memory-mapped read-only (the
        pages are shared by every worker serving the generation); a generation written
        before, as one ``bm25.npz``, is read into memory."""
        if (folder / "bm25.npz").exists() and not (folder / "bm25.data.npy").exists():
            matrix = sparse.load_npz(folder / "bm25.npz").tocsc()
        else:
            arrays = [np.load(folder / f"bm25.{name}.npy", mmap_mode="r") for name in _ARRAYS]
            shape = tuple(int(n) for n in np.load(folder / "bm25.shape.npy"))
            matrix = sparse.csc_matrix(tuple(arrays), shape=shape, copy=False)
        vocabulary = json.loads((folder / "bm25_vocab.json").read_text(encoding="utf-8"))
        return cls(matrix, vocabulary)


def top_k(scores: Scores, k: int, mask: npt.NDArray[np.bool_] | None = None) -> list[int]:
    """Rows of the ``k`` highest positive scores, best first, among rows where ``mask`` holds."""
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    positive = int(np.count_nonzero(scores > 0))
    k = min(k, positive)
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    order = part[np.lexsort((part, -scores[part]))]
    return [int(i) for i in order[:k]]
