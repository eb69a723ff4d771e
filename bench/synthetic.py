"""Synthetic catalogs for benchmarks, resampled from the demo catalog.

Each synthetic module copies a demo module's facts and mixes its description with the
sentences of another module of the same kind, with a new id and town, so BM25 sees varied text.
Vectors are the real vectors of the source module plus small noise: a 100k-module catalog
needs no 100k-module embedding run, while the vector space keeps the demo's structure.
"""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.model import Catalog
from index.cache import EmbeddingCache, content_key
from index.documents import DocumentConfig, passage_text
from index.encoders import Encoder

TOWNS = [
    ("Mons", "7000"),
    ("Charleroi", "6000"),
    ("Liège", "4000"),
    ("Namur", "5000"),
    ("Bruxelles", "1000"),
    ("Tournai", "7500"),
    ("Arlon", "6700"),
    ("Wavre", "1300"),
]


def resample(catalog: Catalog, size: int, seed: int = 1) -> tuple[Catalog, list[int]]:
    """A catalog of ``size`` modules, and for each the row of its source demo module."""
    rng = random.Random(seed)
    base = catalog.modules
    by_kind: dict[str, list[int]] = {}
    for row, m in enumerate(base):
        by_kind.setdefault(m.id.split("-")[0], []).append(row)
    modules, sources = [], []
    for i in range(size):
        row = rng.randrange(len(base))
        m = base[row]
        sibling = base[rng.choice(by_kind[m.id.split("-")[0]])]
        sentences = (m.description or "").split(". ") + (sibling.description or "").split(". ")
        rng.shuffle(sentences)
        town, code = rng.choice(TOWNS)
        modules.append(
            dataclasses.replace(
                m,
                id=f"syn-{i}",
                description=". ".join(sentences[:6]),
                city=town,
                postal_code=code,
                extra={},
            )
        )
        sources.append(row)
    return Catalog(tuple(modules), f"synthetic-{size}", f"synthetic-{size}-{seed}"), sources


def noisy_vectors(base: np.ndarray, sources: list[int], seed: int = 0) -> np.ndarray:
    """Unit vectors near ``base[sources]``."""
    rng = np.random.default_rng(seed)
    x = base[sources] + rng.normal(scale=0.02, size=(len(sources), base.shape[1]))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32)


def seed_cache(index_dir: Path, encoder: Encoder, catalog: Catalog, vectors: np.ndarray) -> None:
    """Pre-fill the embedding cache so ``build_index`` embeds nothing for ``catalog``."""
    config = DocumentConfig()
    keys = [content_key(encoder.id, passage_text(m, config.passage_words)) for m in catalog]
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in encoder.id)
    cache = EmbeddingCache(index_dir / "cache" / f"{safe}.npz", encoder.dim)
    cache.put(keys, vectors)
    cache.save(keys)


def demo_vectors(encoder: Encoder, catalog: Catalog) -> np.ndarray:
    """The real passage vectors of the demo catalog."""
    passages = [passage_text(m, DocumentConfig().passage_words) for m in catalog]
    return encoder.encode_passages(passages)


def build_synthetic(encoder: Encoder, size: int, index_dir: Path) -> Catalog:
    """Publish an index generation of ``size`` resampled modules in ``index_dir``, embedding
    only the demo catalog (its vectors, with noise, stand for the synthetic modules')."""
    from corpus.demo import demo_catalog_path
    from corpus.loaders import load_catalog
    from index.builder import build_index

    demo = load_catalog(demo_catalog_path())
    synthetic, sources = resample(demo, size)
    seed_cache(index_dir, encoder, synthetic, noisy_vectors(demo_vectors(encoder, demo), sources))
    build_index(synthetic, encoder, index_dir)
    return synthetic


def demo_query_texts() -> list[str]:
    """The texts of the demo evaluation queries."""
    import json

    from corpus.demo import demo_queries_path

    lines = demo_queries_path().read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]
