"""A content-addressed cache of passage embeddings, so a rebuild re-embeds only what changed.

Keys are SHA-256 of ``encoder id + NUL + passage text``. The cache is one ``.npz`` per
encoder, replaced atomically; a damaged cache file is ignored (and rebuilt), never fatal.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from index.staging import owned_prefix

logger = logging.getLogger(__name__)
# Work files are named after their process (``.tmp-<pid>-*.npz``), so a build killed while
# saving leaves one that the next start removes (``remove_stale_staging``).
WORK_PREFIX = ".tmp-"

Vectors = npt.NDArray[np.float32]


def content_key(encoder_id: str, text: str) -> str:
    """The cache key of one passage for one encoder."""
    return hashlib.sha256(f"{encoder_id}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """Embeddings by content key, loaded from and saved to ``path``."""

    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.dim = dim
        self._rows: dict[str, Vectors] = {}

    def load(self) -> None:
        """Read the cache file if there is a valid one."""
        if not self.path.exists():
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys = [k.decode("ascii") for k in data["keys"]]
                vectors = data["vectors"]
            if vectors.ndim != 2 or vectors.shape[1] != self.dim or len(keys) != len(vectors):
                raise ValueError("shape does not match")
        except Exception as exc:  # any damage: start afresh, the cache is only a speed-up
            logger.warning("ignoring damaged embedding cache %s: %s", self.path, exc)
            return
        self._rows = {k: vectors[i] for i, k in enumerate(keys)}

    def get(self, key: str) -> Vectors | None:
        return self._rows.get(key)

    def put(self, keys: Sequence[str], vectors: Vectors) -> None:
        for key, row in zip(keys, vectors, strict=True):
            self._rows[key] = row

    def __len__(self) -> int:
        return len(self._rows)

    def save(self, keep: Sequence[str]) -> None:
        """Write the entries named in ``keep`` (the current catalog's), atomically."""
        kept = [k for k in dict.fromkeys(keep) if k in self._rows]
        vectors = (
            np.stack([self._rows[k] for k in kept]).astype(np.float32)
            if kept
            else np.zeros((0, self.dim), dtype=np.float32)
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=owned_prefix(WORK_PREFIX), suffix=".npz"
        )
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(
                    fh,
                    keys=np.array([k.encode("ascii") for k in kept], dtype="S64"),
                    vectors=vectors,
                )
            Path(tmp).replace(self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
