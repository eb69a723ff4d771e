#!/usr/bin/env python
"""Memory of ``boussole serve`` workers: what each holds alone and what they share.

    python bench/bench_memory.py --size 100000 --workers 2
    python bench/bench_memory.py --index-dir var/syn-100000/ix --workers 2
    PYTHONPATH=/path/to/other/checkout python bench/bench_memory.py ...   # serve another checkout

Starts a real ``boussole serve --workers N`` (with a redis-server of its own when N > 1) on a
synthetic index (``synthetic.py``; or a built one), sends searches until every worker has
answered a few, then reads each worker's ``/proc/PID/smaps_rollup``: RSS (every resident page
it maps), PSS (each shared page divided among the processes mapping it: what the worker
costs the machine), shared and private pages; and, from ``/proc/PID/smaps``, the RSS and PSS
of the generation's memory-mapped files (vectors, modules, BM25 arrays, sentences). The sum
of the workers' PSS is what the service costs; RSS counts shared pages once per worker. The
machine's load average is printed beside the figures. ``memory_stages.py`` breaks one
worker's memory down by loading stage.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench_load import partner_key, start, start_redis, stop
from bench_serve import free_port
from synthetic import build_synthetic, demo_query_texts

from assistant.settings import Settings
from index.encoders import make_encoder

ROLLUP = ("Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty")


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            out += [child, *descendants(child)]
    return out


def rollup(pid: int) -> dict[str, float]:
    """The smaps_rollup fields of ``pid``, in MB."""
    out: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, value = line.partition(":")
        if key in ROLLUP:
            out[key] = int(value.split()[0]) / 1024
    return out


def mapped_files(pid: int, folder: Path) -> dict[str, tuple[float, float]]:
    """RSS and PSS (MB) of each file of ``folder`` that ``pid`` maps."""
    out: dict[str, tuple[float, float]] = {}
    name = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if "-" in parts[0] and len(parts) >= 5 and ":" in parts[3]:  # a mapping's header
            path = parts[5] if len(parts) > 5 else ""
            name = Path(path).name if path.startswith(str(folder)) else None
        elif name and parts[0] in ("Rss:", "Pss:"):
            rss, pss = out.get(name, (0.0, 0.0))
            kb = int(parts[1]) / 1024
            out[name] = (rss + kb, pss) if parts[0] == "Rss:" else (rss, pss + kb)
    return out


def workers_of(proc: subprocess.Popen[bytes], expected: int) -> list[int]:
    """The worker processes of a ``serve`` (the one process itself with one worker)."""
    if expected == 1:
        return [proc.pid]
    found = []
    for pid in descendants(proc.pid):
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
            found.append(pid)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description="Per-worker memory of boussole serve.")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--searches", type=int, default=40, help="searches sent before reading")
    parser.add_argument("--encoder", default=Settings().encoder)
    parser.add_argument("--index-dir", type=Path, help="reuse this built index (else build one)")
    parser.add_argument("--log", type=Path, help="write the server's log here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir or Path(tmp) / "ix"
        if not (index_dir / "CURRENT").exists():
            encoder = make_encoder(args.encoder)
            encoder.load()
            build_synthetic(encoder, args.size, index_dir)
            del encoder
        current = (index_dir / "CURRENT").read_text().strip()
        generation = (index_dir / current).resolve()
        if not generation.is_dir():
            generation = (index_dir / "generations" / current).resolve()
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
        env.update(
            BOUSSOLE_INDEX_DIR=str(index_dir),
            BOUSSOLE_PORT=str(port),
            BOUSSOLE_ENCODER=args.encoder,
            BOUSSOLE_LOG_LEVEL="INFO",  # start() reads uvicorn's start-up lines
            BOUSSOLE_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
            BOUSSOLE_SECRET_KEY_FILE=f"{tmp}/secret.key",
        )
        redis = start_redis(env, tmp) if args.workers > 1 else None
        key = partner_key(env)
        started = time.perf_counter()
        try:
            proc = start(env, port, args.workers, args.log or Path(tmp) / "server.log")
        except BaseException:
            if redis is not None:
                redis.terminate()
            raise
        ready = time.perf_counter() - started
        try:
            texts = demo_query_texts()
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                for i in range(args.searches):
                    body = {"text": f"{texts[i % len(texts)]} ({i})", "k": 10}
                    r = client.post("/api/v1/search", json=body, headers={"X-Api-Key": key})
                    r.raise_for_status()
            time.sleep(1)
            pids = workers_of(proc, args.workers)
            one, five, _ = os.getloadavg()
            print(
                f"{index_dir} ({generation.name}), {args.workers} worker(s), ready in "
                f"{ready:.1f} s, after {args.searches} searches (load {one:.1f}/{five:.1f}), "
                f"server code from {env.get('PYTHONPATH') or 'the installed package'}"
            )
            total_pss = 0.0
            for pid in pids:
                r = rollup(pid)
                total_pss += r["Pss"]
                files = mapped_files(pid, generation)
                mapped = ", ".join(f"{n} {a:.0f}/{b:.0f}" for n, (a, b) in sorted(files.items()))
                print(
                    f"  worker {pid}: RSS {r['Rss']:.0f} MB, PSS {r['Pss']:.0f} MB, shared "
                    f"{r['Shared_Clean'] + r['Shared_Dirty']:.0f} MB, private "
                    f"{r['Private_Clean'] + r['Private_Dirty']:.0f} MB; mapped index files "
                    f"RSS/PSS MB: {mapped or 'none'}"
                )
            print(f"  sum of PSS over {len(pids)} worker(s): {total_pss:.0f} MB")
        finally:
            stop(proc, redis)


if __name__ == "__main__":
    main()
