#!/usr/bin/env python
"""How fast ``boussole serve`` is ready on a built index, how much memory it holds, and the
HTTP latency of ``POST /api/v1/search``.

    python bench/bench_serve.py                 # 10k synthetic modules, default encoder
    python bench/bench_serve.py --size 1000 --requests 300

The index is a real generation built from a synthetic catalog (see ``synthetic.py``); the
server is a separate process started with the ``boussole`` command, timed from launch until
``/healthz`` answers 200. Memory is the server's VmRSS and VmHWM from /proc.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


from synthetic import build_synthetic, demo_query_texts, percentile

from assistant.settings import Settings
from index.encoders import make_encoder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def memory_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="Boussole serve benchmark.")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--encoder", default=Settings().encoder)
    args = parser.parse_args()
    encoder = make_encoder(args.encoder)
    encoder.load()
    texts = demo_query_texts()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        build_synthetic(encoder, args.size, index_dir)
        port = free_port()
        env = {
            **os.environ,
            "BOUSSOLE_INDEX_DIR": str(index_dir),
            "BOUSSOLE_PORT": str(port),
            "BOUSSOLE_ENCODER": args.encoder,
            "BOUSSOLE_LOG_LEVEL": "WARNING",
        }
        boussole = Path(sys.executable).with_name("boussole")
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(boussole), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).is_success:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.perf_counter() - started > 120:
                    raise SystemExit("the server did not start")
                time.sleep(0.05)
            ready = time.perf_counter() - started
            latencies = []
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                for i in range(args.requests):
                    body = {"text": f"{texts[i % len(texts)]} ({i})", "k": 10}
                    t = time.perf_counter()
                    client.post("/api/v1/search", json=body).raise_for_status()
                    latencies.append((time.perf_counter() - t) * 1000)
            rss, hwm = memory_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    print(
        f"[{encoder.id}] {args.size} modules: ready in {ready:.2f} s; HTTP search p50 "
        f"{p50:.1f} ms, p99 {p99:.1f} ms over {args.requests} requests; server RSS "
        f"{rss:.0f} MB (peak {hwm:.0f} MB)"
    )


if __name__ == "__main__":
    main()
