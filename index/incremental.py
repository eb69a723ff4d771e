"""Sync an index with a catalog: publish a new generation only for what changed.

:func:`compare` tells the modules of a new catalog apart from the current generation's, by id
and content key: added, changed, removed, unchanged. :func:`sync_index` publishes nothing when
nothing changed (a second sync of the same source is a no-op). Otherwise it builds a new
generation through :func:`~index.builder.build_index` with a :class:`~index.carry.Carry`: only
the passages not embedded before are embedded; unchanged modules keep their vectors and
sentence analysis; BM25, FAISS and places are rebuilt from the merged set (cheap), and the
generation is published atomically (a sync killed midway leaves the current one served). When
the encoder or the passage settings differ from the current generation's, every module is
embedded again and the report says why; other BM25 weights publish a new generation with
the same vectors.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.model import Catalog, Module
from index.builder import Progress, build_index
from index.carry import Carry, StoredKey, stored_keys
from index.dense import DEFAULT_EXACT_THRESHOLD
from index.documents import DocumentConfig
from index.encoders import Encoder
from index.errors import GenerationError
from index.generations import (
    CURRENT,
    Generation,
    generation_names,
    open_current,
    pointer_damage,
)

FIRST_IDS = 5  # ids of each kind shown in a summary


@dataclass(frozen=True)
class CatalogChanges:
    """How a catalog differs from the current generation, by module id (catalog order)."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self, first: int = FIRST_IDS) -> dict[str, Any]:
        """Counts, and the first ``first`` ids of each kind."""
        out: dict[str, Any] = {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
        }
        for kind in ("added", "changed", "removed"):
            out[f"first_{kind}"] = list(getattr(self, kind)[:first])
        return out


def compare(old: Sequence[StoredKey], new: Sequence[Module]) -> CatalogChanges:
    """The changes from the rows ``old`` to the modules ``new``."""
    before = {key.id: key.content for key in old}
    now = {m.id for m in new}
    added = tuple(m.id for m in new if m.id not in before)
    changed = tuple(m.id for m in new if m.id in before and before[m.id] != m.content_key())
    removed = tuple(key.id for key in old if key.id not in now)
    return CatalogChanges(added, changed, removed, len(new) - len(added) - len(changed))


@dataclass(frozen=True)
class SyncReport:
    """What a sync did. ``generation`` is None when nothing changed (nothing published)."""

    changes: CatalogChanges
    generation: Generation | None
    previous: str | None  # the generation served before the sync
    modules: int
    embedded: int
    reused: int
    seconds: float
    full_reason: str | None  # why every module was embedded again, if so

    @property
    def published(self) -> bool:
        return self.generation is not None


def sync_index(
    catalog: Catalog,
    encoder: Encoder,
    index_dir: Path,
    *,
    sources: Sequence[str] = (),
    config: DocumentConfig | None = None,
    exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
    progress: Progress | None = None,
) -> SyncReport:
    """Bring ``index_dir`` in line with ``catalog``, embedding only what is new.

    Args:
        catalog: the whole catalog to serve (all sources merged).
        encoder: the encoder to embed with.
        index_dir: the index folder; may be empty (everything is then added).
        sources: names of the source files, recorded in the manifest.
        config: how modules become index input (default: :class:`DocumentConfig`).
        exact_threshold: as for :func:`~index.builder.build_index`.
        progress: called with (done, total) while embedding.

    Raises:
        GenerationError: the current generation is damaged (nothing is published).
        StorageError: the folder cannot be written (nothing is published).
    """
    started = time.perf_counter()
    config = config or DocumentConfig()
    current = _current(index_dir)
    old = stored_keys(current) if current is not None else []
    changes = compare(old, catalog.modules)
    full = _full_reason(current, encoder, config)
    previous = current.name if current is not None else None
    # Other BM25 weights need a new generation, not new vectors.
    same_settings = current is None or current.manifest.get("documents") == config.as_dict()
    if current is not None and full is None and not changes.any and same_settings:
        elapsed = time.perf_counter() - started
        return SyncReport(changes, None, previous, len(catalog), 0, 0, elapsed, None)
    carry = Carry.of(current, old, catalog.modules) if current is not None and not full else None
    summary = {
        "sources": list(sources),
        "previous": previous,
        **changes.summary(),
        "full_reembed": full,
    }
    report = build_index(
        catalog,
        encoder,
        index_dir,
        config=config,
        exact_threshold=exact_threshold,
        progress=progress,
        carry=carry,
        manifest_extra={"sync": summary},
    )
    return SyncReport(
        changes,
        report.generation,
        previous,
        report.modules,
        report.embedded,
        report.reused,
        time.perf_counter() - started,
        full,
    )


def _current(index_dir: Path) -> Generation | None:
    """The generation served now, checked; None when the folder has none yet."""
    if not (index_dir / CURRENT).exists() and not generation_names(index_dir):
        return None
    damage = pointer_damage(index_dir)
    if damage is not None:
        raise GenerationError(damage)
    return open_current(index_dir)


def _full_reason(
    current: Generation | None, encoder: Encoder, config: DocumentConfig
) -> str | None:
    if current is None:
        return None  # a first sync: everything is added, nothing to say
    built = current.manifest["encoder"]
    if built.get("id") != encoder.id or built.get("dim") != encoder.dim:
        return (
            f"the encoder changed: the current generation was built with {built.get('id')!r} "
            f"({built.get('dim')}-d), this sync uses {encoder.id!r} ({encoder.dim}-d)"
        )
    words = current.manifest.get("documents", {}).get("passage_words")
    if words is not None and words != config.passage_words:
        return (
            f"the passages changed: {words} description words embedded, now {config.passage_words}"
        )
    return None
