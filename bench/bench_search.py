#!/usr/bin/env python
"""Index build throughput and search latency, per encoder and catalog size.

    python bench/bench_search.py                       # e5-small and minilm; 1k, 10k, 100k
    python bench/bench_search.py --encoders e5-small --sizes 10000 --queries 300

1. Build: a full build of the demo catalog into an empty folder (modules/s, embedding
   included), then a rebuild after 1 % of the modules changed (its time as a share of the
   full build: only the changed modules are embedded again).
2. Search: synthetic catalogs of 1k, 10k and 100k modules resampled from the demo one
   (see ``synthetic.py``), published as real index generations and loaded as the service
   loads them. Each query is timed end to end through ``SearchService.search``, query
   embedding included; p50 and p99 over the query set, unfiltered and with a city + hours
   filter. Peak resident memory of this process is printed after each size.

Only public tools: time.perf_counter and the resource module.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from synthetic import TOWNS, demo_vectors, noisy_vectors, percentile, resample, seed_cache

from assistant.filters import Filters
from assistant.search import SearchService
from corpus.demo import demo_catalog_path, demo_queries_path
from corpus.loaders import load_catalog
from corpus.model import Catalog
from index.builder import build_index
from index.encoders import Encoder, make_encoder
from index.store import LoadedIndex


def bench_build(encoder: Encoder, catalog: Catalog) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        full = build_index(catalog, encoder, index_dir)
        modules = list(catalog.modules)
        n_changed = max(1, len(modules) // 100)
        for row in range(0, len(modules), len(modules) // n_changed)[:n_changed]:
            m = modules[row]
            # A new title changes the embedded passage, as a real edit would.
            modules[row] = dataclasses.replace(m, title=f"{m.title} (nouvelle session)")
        changed = Catalog(tuple(modules), catalog.source, "changed")
        rebuilt = build_index(changed, encoder, index_dir)
    return (
        f"build: {len(catalog)} modules in {full.seconds:.1f} s = "
        f"{len(catalog) / full.seconds:.1f} modules/s; rebuild after {rebuilt.embedded} changed "
        f"({rebuilt.embedded / len(catalog):.1%}): {rebuilt.seconds:.2f} s = "
        f"{rebuilt.seconds / full.seconds:.1%} of the full build"
    )


def hnsw_recall(service: SearchService, queries: list[str]) -> float:
    """Share of the exact top 10 that the HNSW graph returns, over ``queries``."""
    dense = service.index.dense
    found = 0
    for q in queries:
        vector = service.embed(q)
        exact = set(np.argsort(-(dense.vectors @ vector))[:10].tolist())
        found += len(exact & {row for row, _ in dense.search(vector, 10)})
    return found / (10 * len(queries))


def bench_size(
    encoder: Encoder, catalog: Catalog, base_vectors: object, size: int, queries: list[str]
) -> str:
    synthetic, sources = resample(catalog, size)
    vectors = noisy_vectors(base_vectors, sources)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        seed_cache(index_dir, encoder, synthetic, vectors)
        started = time.perf_counter()
        report = build_index(synthetic, encoder, index_dir)
        build_s = time.perf_counter() - started
        assert report.embedded == 0, "the seeded cache should cover every module"
        started = time.perf_counter()
        service = SearchService(LoadedIndex.open(index_dir, encoder))
        load_s = time.perf_counter() - started
        for q in queries[:5]:
            service.search(q)
        plain, filtered, embed = [], [], []
        for i, q in enumerate(queries):
            t = time.perf_counter()
            service.search(q, k=10)
            plain.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            service.search(q, k=10, filters=Filters(city=TOWNS[i % len(TOWNS)][0], max_hours=200))
            filtered.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            encoder.encode_queries([q])
            embed.append((time.perf_counter() - t) * 1000)
        kind = "HNSW" if service.index.dense.approximate else "exact"
        if service.index.dense.approximate:
            kind += f", recall@10 vs exact {hnsw_recall(service, queries[:100]):.3f}"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{size:>6} modules ({kind}): search p50 {percentile(plain, 50):.1f} ms, "
        f"p99 {percentile(plain, 99):.1f} ms; filtered p50 {percentile(filtered, 50):.1f} ms, "
        f"p99 {percentile(filtered, 99):.1f} ms; query embedding alone p50 "
        f"{statistics.median(embed):.1f} ms; index build (no embedding) {build_s:.1f} s, "
        f"load {load_s:.2f} s; peak RSS so far {rss:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Boussole build and search benchmark.")
    parser.add_argument("--encoders", nargs="+", default=["e5-small", "minilm"])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="timed queries per size")
    parser.add_argument("--skip-build", action="store_true", help="skip the demo build timing")
    args = parser.parse_args()
    catalog = load_catalog(demo_catalog_path())
    texts = [
        json.loads(line)["text"]
        for line in demo_queries_path().read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    # Distinct strings, so no layer can answer a repeated query from a cache.
    queries = [
        f"{texts[i % len(texts)]}{'' if i < len(texts) else f' ({i})'}" for i in range(args.queries)
    ]
    print(f"machine: {os.cpu_count()} cores; {len(queries)} queries per size", flush=True)
    for name in args.encoders:
        encoder = make_encoder(name)
        encoder.load()
        if not args.skip_build:
            print(f"[{encoder.id}] {bench_build(encoder, catalog)}", flush=True)
        base = demo_vectors(encoder, catalog)
        for size in args.sizes:
            print(f"[{encoder.id}] {bench_size(encoder, catalog, base, size, queries)}", flush=True)


if __name__ == "__main__":
    main()
