"""What a new generation takes over from the current one: vectors and sentence analysis.

Every generation stores ``keys.jsonl``: per row, the module id, the module's content key (a
hash of everything it says, :meth:`~corpus.model.Module.content_key`) and the key of the
passage that was embedded for it (encoder id + passage text, :func:`~index.cache.content_key`).
A sync compares content keys to tell added, changed, removed and unchanged modules apart, and
hands the builder a :class:`Carry`: the current generation's vectors, found by passage key (a
module whose embedded text is unchanged keeps its vector even if another field changed), and
the sentence analysis of the modules that did not change at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.loaders import load_catalog
from corpus.model import Module
from index.cache import EmbeddingCache, content_key
from index.dense import DenseIndex
from index.documents import passage_text
from index.errors import GenerationError
from index.generations import Generation
from index.sentences import FILE as SENTENCES
from index.sentences import OFFSETS

KEYS = "keys.jsonl"


@dataclass(frozen=True)
class StoredKey:
    """One row of a generation: its module id, content key and embedded passage's key."""

    id: str
    content: str
    passage: str


def write_keys(folder: Path, modules: Sequence[Module], passage_keys: Sequence[str]) -> None:
    """Store each row's id, content key and passage key in ``folder`` (``keys.jsonl``)."""
    with (folder / KEYS).open("w", encoding="utf-8") as fh:
        for module, passage in zip(modules, passage_keys, strict=True):
            row = {"id": module.id, "content": module.content_key(), "passage": passage}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def stored_keys(generation: Generation) -> list[StoredKey]:
    """The rows of ``generation``; computed from its modules when it predates ``keys.jsonl``.

    Raises:
        GenerationError: the file cannot be read.
    """
    path = generation.path / KEYS
    if not path.is_file():
        return list(_computed(generation))
    try:
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return [StoredKey(r["id"], r["content"], r["passage"]) for r in rows]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GenerationError(f"{path} cannot be read ({exc}); rebuild the index") from exc


def _computed(generation: Generation) -> Iterator[StoredKey]:
    manifest = generation.manifest
    words = int(manifest.get("documents", {}).get("passage_words", 48))
    for module in load_catalog(generation.path / "modules.jsonl"):
        passage = content_key(generation.encoder_id, passage_text(module, words))
        yield StoredKey(module.id, module.content_key(), passage)


@dataclass(frozen=True)
class Carry:
    """The current generation's work a new build takes over (see the module docstring).

    Attributes:
        folder: the current generation's folder.
        passages: old row of each passage key.
        sentence_rows: for each new row, the old row whose sentence analysis it keeps, or None.
    """

    folder: Path
    passages: dict[str, int]
    sentence_rows: tuple[int | None, ...]

    @classmethod
    def of(cls, generation: Generation, old: Sequence[StoredKey], new: Sequence[Module]) -> Carry:
        row_of = {key.content: row for row, key in enumerate(old)}
        same = tuple(row_of.get(m.content_key()) for m in new)
        return cls(generation.path, {k.passage: row for row, k in enumerate(old)}, same)

    def seed(self, cache: EmbeddingCache) -> None:
        """Put the current generation's vectors in ``cache``, by passage key."""
        vectors = DenseIndex.load(self.folder).vectors
        if not self.passages:
            return
        keys = list(self.passages)
        rows = np.fromiter(self.passages.values(), dtype=np.int64, count=len(keys))
        cache.put(keys, np.asarray(vectors[rows], dtype=np.float32))

    def sentence_lines(self) -> list[bytes | None]:
        """Each new row's stored sentence line from the current generation, or None."""
        file, offsets_file = self.folder / SENTENCES, self.folder / OFFSETS
        if not (file.is_file() and offsets_file.is_file()):
            return [None] * len(self.sentence_rows)
        offsets = np.load(offsets_file)
        data = file.read_bytes()
        out: list[bytes | None] = []
        for old in self.sentence_rows:
            if old is None or old + 1 >= len(offsets):
                out.append(None)
            else:
                out.append(data[int(offsets[old]) : int(offsets[old + 1])])
        return out
