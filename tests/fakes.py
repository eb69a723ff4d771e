"""A deterministic fake encoder for unit tests: hashed bag of stems, L2-normalised."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from index.analyzer import analyze


class FakeEncoder:
    """Vectors from hashed analysed terms; similar wording gives similar vectors."""

    def __init__(self, dim: int = 64, name: str = "fake") -> None:
        self._dim = dim
        self._name = name
        self.passages_encoded = 0

    @property
    def id(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def load(self) -> None:
        return None

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        for term in analyze(text) or ["<empty>"]:
            h = int(hashlib.md5(term.encode()).hexdigest(), 16)
            v[h % self._dim] += 1.0 if (h >> 8) % 2 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return (
            np.stack([self._vec(t) for t in texts])
            if texts
            else np.zeros((0, self._dim), np.float32)
        )

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passages_encoded += len(texts)
        return self.encode_queries(texts)
