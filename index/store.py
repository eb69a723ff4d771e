"""A loaded index generation: modules, BM25, vectors, and the encoder that made them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus.model import Module
from index.bm25 import BM25Index, top_k
from index.dense import DenseIndex
from index.encoders import Encoder
from index.errors import GenerationError
from index.generations import Generation, open_current
from index.module_store import ModuleStore, open_modules
from index.sentences import SentenceStore

Mask = npt.NDArray[np.bool_]


@dataclass
class LoadedIndex:
    """Everything a search needs. Rows are catalog positions.

    The modules, the BM25 matrix, the vectors and the sentence analysis are memory maps of
    the generation's files (shared by every worker serving it); a module is decoded when its
    row is looked up (:class:`~index.module_store.ModuleStore`).
    """

    generation: Generation
    modules: Sequence[Module]
    bm25: BM25Index
    dense: DenseIndex
    encoder: Encoder
    places: npt.NDArray[np.float64]  # latitude, longitude per row; NaN where unknown
    sentences: SentenceStore  # each row's description, split and analysed at build time

    @classmethod
    def open(cls, index_dir: Path, encoder: Encoder, *, verify: bool = True) -> LoadedIndex:
        """Load the current generation of ``index_dir``; refuse one built by another encoder.

        Raises:
            GenerationError: nothing published, damaged files, or an encoder mismatch.
        """
        generation = open_current(index_dir, encoder_id=encoder.id, verify=verify)
        try:
            modules = open_modules(generation.path, int(generation.manifest["counts"]["modules"]))
            bm25 = BM25Index.load(generation.path)
            dense = DenseIndex.load(generation.path)
            places = np.load(generation.path / "places.npy")
        except GenerationError:
            raise
        except Exception as exc:
            raise GenerationError(f"{generation.path} cannot be read ({exc}); rebuild it") from exc
        if not (len(modules) == bm25.size == dense.size == len(places)):
            raise GenerationError(f"{generation.path} is inconsistent (row counts); rebuild it")
        if dense.dim != encoder.dim:
            raise GenerationError(
                f"{generation.path} holds {dense.dim}-d vectors, encoder {encoder.id} makes "
                f"{encoder.dim}-d ones; rebuild the index"
            )
        encoder.load()
        sentences = SentenceStore(modules, generation.path)
        return cls(generation, modules, bm25, dense, encoder, places, sentences)

    @property
    def size(self) -> int:
        return len(self.modules)

    def row_of(self) -> dict[str, int]:
        modules = self.modules
        ids = modules.ids() if isinstance(modules, ModuleStore) else (m.id for m in modules)
        return {module_id: row for row, module_id in enumerate(ids)}

    def lexical(self, text: str, k: int, mask: Mask | None = None) -> list[tuple[int, float]]:
        """Top ``k`` rows by BM25 among allowed rows (only rows sharing a term with ``text``)."""
        scores = self.bm25.scores(text)
        return [(row, float(scores[row])) for row in top_k(scores, k, mask)]

    def semantic(
        self, vector: npt.NDArray[np.float32], k: int, mask: Mask | None = None
    ) -> list[tuple[int, float]]:
        """Top ``k`` rows by cosine similarity among allowed rows."""
        return self.dense.search(vector, k, mask)

    def describe(self) -> dict[str, object]:
        """The manifest facts worth showing (health checks, CLI)."""
        m = self.generation.manifest
        return {
            "generation": self.generation.name,
            "built_at": m.get("built_at"),
            "encoder": m["encoder"],
            "modules": self.size,
            "catalog_sha256": m["catalog"].get("sha256"),
        }
