#!/usr/bin/env python
"""Where a worker's memory goes: RSS, PSS and private memory after each loading stage.

    python bench/memory_stages.py --index-dir var/syn-100000/ix
    python bench/memory_stages.py --index-dir var/syn-100000/ix --code /path/to/other/checkout

Loads an index in this process as a worker does, stage by stage (the encoder, the index
generation, the search service's facets, the guidance service, the first answers, then
``--queries`` more), and prints after each the process's RSS (every resident page it maps,
shared file pages included), PSS (shared pages divided among the processes mapping them) and
private memory (what no other process could share), from ``/proc/self/smaps_rollup``, and the
change from the stage before. ``--code`` measures another checkout (the same index format).
The machine's load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rollup() -> dict[str, float]:
    """RSS, PSS and private memory of this process, in MB."""
    out: dict[str, float] = {"Private": 0.0}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        key, _, value = line.partition(":")
        mb = int(value.split()[0]) / 1024
        if key in ("Rss", "Pss"):
            out[key] = mb
        elif key in ("Private_Clean", "Private_Dirty"):
            out["Private"] += mb
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Memory of one worker, stage by stage.")
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--code", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument("--encoder", default="", help="encoder spec (default: the settings')")
    parser.add_argument("--queries", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from synthetic import TOWNS, demo_query_texts

    from assistant.search import SearchService
    from assistant.services import guidance_for
    from assistant.settings import Settings
    from index.encoders import make_encoder
    from index.store import LoadedIndex

    rows: list[tuple[str, dict[str, float], float]] = []
    last = [time.perf_counter()]

    def stage(name: str) -> None:
        gc.collect()
        now = time.perf_counter()
        rows.append((name, rollup(), now - last[0]))
        last[0] = now

    stage("python and libraries imported")
    encoder = make_encoder(args.encoder or Settings().encoder)
    encoder.load()
    encoder.encode_queries(["warm-up"])
    stage("encoder loaded, one query embedded")
    index = LoadedIndex.open(args.index_dir, encoder, verify=False)
    stage(f"index generation opened ({index.size} modules)")
    search = SearchService(index)
    stage("search service (facets)")
    guidance = guidance_for(search)
    stage("guidance service (gate, concepts)")
    texts = demo_query_texts()
    queries = [f"{texts[i % len(texts)]} J'habite à {TOWNS[i % 8][0]}. ({i})" for i in range(200)]
    for text in queries[:3]:
        guidance.guide(guidance.understand(text), k=5)
    stage("3 answers (constraints table)")
    for text in queries[3 : 3 + args.queries]:
        guidance.guide(guidance.understand(text), k=5)
    stage(f"{args.queries} more answers")
    one, five, _ = os.getloadavg()
    print(f"code {args.code}, index {args.index_dir} (load {one:.1f}/{five:.1f})")
    print(f"  {'stage':<40} {'RSS':>7} {'PSS':>7} {'private':>8} {'ΔRSS':>7} {'Δpriv':>7}  s")
    before = {"Rss": 0.0, "Private": 0.0}
    for name, r, seconds in rows:
        print(
            f"  {name:<40} {r['Rss']:7.0f} {r['Pss']:7.0f} {r['Private']:8.0f} "
            f"{r['Rss'] - before['Rss']:+7.0f} {r['Private'] - before['Private']:+7.0f}  "
            f"{seconds:.1f}"
        )
        before = r


if __name__ == "__main__":
    main()
