"""The sentences of module descriptions and their analysed terms, computed once per index.

Guidance quotes the sentence of a module's description that best says why it fits. Splitting
descriptions and analysing every sentence of every match on each query cost about 15 ms; the
builder does it once and stores it with the generation (``sentences.jsonl`` and the byte
offset of each row's line in ``sentences.offsets.npy``). A loaded index reads one row's line
on demand through a memory map, so the analysis takes no memory until it is looked up.
"""

from __future__ import annotations

import json
import mmap
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.model import Module
from index.analyzer import analyze

FILE = "sentences.jsonl"
OFFSETS = "sentences.offsets.npy"
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+-\s+")


def split_sentences(description: str | None) -> list[str]:
    """The sentences (and list items) of a description, stripped of bullets."""
    return [s.strip(" -•") for s in _SENTENCE.split(description or "") if s.strip()]


@dataclass(frozen=True)
class ModuleSentences:
    """One module's description sentences with their terms, and the terms of its title+tags."""

    sentences: tuple[str, ...]
    terms: tuple[frozenset[str], ...]  # analysed terms of each sentence
    main: frozenset[str]  # analysed terms of the title and tags: what the module is about


def analyse_module(module: Module) -> ModuleSentences:
    """Split and analyse ``module``'s description (what the builder stores)."""
    sentences = split_sentences(module.description)
    return ModuleSentences(
        tuple(sentences),
        tuple(frozenset(analyze(s)) for s in sentences),
        frozenset(analyze(f"{module.title} {' '.join(module.tags)}")),
    )


def write_sentences(
    modules: Iterable[Module], folder: Path, reuse: Sequence[bytes | None] | None = None
) -> None:
    """Store the analysis of every module's description in ``folder``.

    ``reuse`` holds, by row, a line already stored for that module by an earlier generation
    (the module unchanged since), or None: those rows are copied, not analysed again.
    """
    offsets = [0]
    with (folder / FILE).open("wb") as fh:
        for position, module in enumerate(modules):
            kept = reuse[position] if reuse is not None else None
            if kept is not None:
                fh.write(kept)
                offsets.append(offsets[-1] + len(kept))
                continue
            a = analyse_module(module)
            row = {
                "s": list(a.sentences),
                "t": [sorted(t) for t in a.terms],
                "m": sorted(a.main),
            }
            line = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
            fh.write(line)
            offsets.append(offsets[-1] + len(line))
    np.save(folder / OFFSETS, np.asarray(offsets, dtype=np.int64))


class SentenceStore:
    """Looks up the stored analysis of a row; computes it for generations built before it."""

    def __init__(self, modules: Sequence[Module], folder: Path | None = None) -> None:
        self.modules = modules
        self._map: mmap.mmap | None = None
        self._offsets: np.ndarray | None = None
        if folder is not None and (folder / FILE).is_file() and (folder / OFFSETS).is_file():
            offsets = np.load(folder / OFFSETS)
            if len(offsets) == len(modules) + 1:
                self._offsets = offsets
                if offsets[-1] > 0:
                    with (folder / FILE).open("rb") as fh:
                        self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)

    @property
    def stored(self) -> bool:
        """True when lookups read the index's stored analysis."""
        return self._offsets is not None

    def __getitem__(self, row: int) -> ModuleSentences:
        if self._offsets is None:
            return analyse_module(self.modules[row])
        if self._map is None:
            return ModuleSentences((), (), frozenset())
        start, end = int(self._offsets[row]), int(self._offsets[row + 1])
        data = json.loads(self._map[start:end])
        return ModuleSentences(
            tuple(data["s"]), tuple(frozenset(t) for t in data["t"]), frozenset(data["m"])
        )
