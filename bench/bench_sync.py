#!/usr/bin/env python
"""Sync after a 1 % change: how many modules are embedded again, and how long it takes.

    python bench/bench_sync.py                       # 2,000 modules, the default encoder
    python bench/bench_sync.py --size 5000 --changed 0.01 --encoder e5-small-onnx

Builds a synthetic catalog (bench/synthetic.py: demo modules resampled with mixed
descriptions, so every passage is distinct) with a full ``build_index`` (every passage
embedded, timed), then changes the descriptions of ``--changed`` of the modules, adds and
removes a few, deletes the embedding cache (so only the generation's stored vectors can be
reused) and runs ``sync_index`` (timed), then syncs the same catalog again (nothing to
publish). Prints the counts, the times and the load average (the machine is shared: compare
figures of one run, not across runs).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import resample
from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from corpus.model import Catalog
from index.builder import build_index
from index.encoders import make_encoder
from index.generations import CACHE
from index.incremental import sync_index


class Counting:
    """The encoder, counting the passages it embeds."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.passages = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def encode_passages(self, texts: list[str]) -> object:
        self.passages += len(texts)
        return self.inner.encode_passages(texts)  # type: ignore[attr-defined]


def edited(catalog: Catalog, share: float) -> Catalog:
    """``catalog`` with ``share`` of its modules changed: 60 % new descriptions, 20 % removed,
    and as many added."""
    n = max(1, round(len(catalog) * share))
    step = len(catalog) // n
    picked = list(range(0, len(catalog), step))[:n]
    removed = set(picked[: n // 5])
    changed = set(picked[n // 5 : n - n // 5]) | set(picked[n - n // 5 :])
    modules = []
    for row, m in enumerate(catalog.modules):
        if row in removed:
            continue
        if row in changed:
            m = dataclasses.replace(m, description=f"Nouvelle session. {m.description or ''}")
        modules.append(m)
    base = catalog.modules
    for i in range(len(removed)):
        modules.append(dataclasses.replace(base[i], id=f"new-{i}", title=f"{base[i].title} (bis)"))
    return Catalog(tuple(modules), catalog.source + "-edited", catalog.checksum + "-edited")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of modules changed")
    parser.add_argument("--encoder", default="e5-small-onnx")
    args = parser.parse_args()
    encoder = Counting(make_encoder(args.encoder))
    encoder.load()
    catalog, _ = resample(load_catalog(demo_catalog_path()), args.size)
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        index_dir = Path(tmp) / "index"
        started = time.perf_counter()
        build = build_index(catalog, encoder, index_dir)  # type: ignore[arg-type]
        full = time.perf_counter() - started
        print(
            f"full build: {build.modules} modules, {encoder.passages} embedded in {full:.1f} s "
            f"(encoder {args.encoder})"
        )
        new = edited(catalog, args.changed)
        shutil.rmtree(index_dir / CACHE)  # only the generation's own vectors can be reused
        encoder.passages = 0
        started = time.perf_counter()
        report = sync_index(new, encoder, index_dir)  # type: ignore[arg-type]
        sync = time.perf_counter() - started
        c = report.changes
        print(
            f"sync: {len(c.added)} added, {len(c.changed)} changed, {len(c.removed)} removed, "
            f"{c.unchanged} unchanged; {encoder.passages} embedded, {report.reused} reused, "
            f"published {report.generation.name if report.generation else 'nothing'} "
            f"in {sync:.1f} s ({sync / full:.1%} of the full build)"
        )
        encoder.passages = 0
        started = time.perf_counter()
        again = sync_index(new, encoder, index_dir)  # type: ignore[arg-type]
        print(
            f"second sync: published {'nothing' if not again.published else 'a generation'}, "
            f"{encoder.passages} embedded, in {time.perf_counter() - started:.2f} s"
        )
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
