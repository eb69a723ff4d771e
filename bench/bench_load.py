#!/usr/bin/env python
"""Many people at once: ``POST /api/v1/search`` and the chat pages under 32 concurrent
clients, through a real ``boussole serve`` process, with ``/healthz`` probed during the run.

    python bench/bench_load.py                         # 10k modules, 32 clients, 30 s each
    python bench/bench_load.py --workers 2 --clients 32 --seconds 30
    PYTHONPATH=/path/to/other/checkout python bench/bench_load.py   # serve another checkout

With ``--workers`` above 1 it starts a redis-server of its own (Debian's) for the workers.

Prints, for each target: requests answered per second (200s), p50/p99 latency of every
answer, the 503s (and whether each carried ``Retry-After``), other statuses, the ``/healthz``
p50/p99/max during the run, and the machine's load average. The server is started with the
``boussole`` command of this Python, so ``PYTHONPATH`` chooses which code it serves; the
synthetic index (``synthetic.py``) is built with this checkout's code.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench_serve import free_port
from synthetic import build_synthetic, demo_query_texts, percentile

from assistant.settings import Settings
from index.encoders import make_encoder

FOLLOW_UPS = ["plutôt à distance", "et à Namur ?"]
_CID = re.compile(r'name="conversation_id" value="([^"]+)"')


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()
        self.retry_after = 0
        self.errors: Counter[str] = Counter()

    def add(self, started: float, response: httpx.Response) -> None:
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.statuses[response.status_code] += 1
        if response.status_code == 503 and response.headers.get("retry-after"):
            self.retry_after += 1


async def api_client(
    client: httpx.AsyncClient, key: str, texts: list[str], n: int, tally: Tally, until: float
) -> None:
    i = n
    while time.perf_counter() < until:
        body = {"text": f"{texts[i % len(texts)]} ({i})", "k": 10}
        t = time.perf_counter()
        try:
            r = await client.post("/api/v1/search", json=body, headers={"X-Api-Key": key})
            tally.add(t, r)
            await backoff(r)
        except httpx.HTTPError as exc:
            tally.errors[type(exc).__name__] += 1
        i += 32


RETRY: list[bool] = [True]


async def backoff(response: httpx.Response) -> None:
    """A well-behaved client waits as long as a 503 asks (``--ignore-retry-after``: it does not)."""
    if RETRY[0] and response.status_code == 503:
        await asyncio.sleep(float(response.headers.get("retry-after", "1")))


async def chat_client(
    client: httpx.AsyncClient, texts: list[str], n: int, tally: Tally, until: float
) -> None:
    i = n
    while time.perf_counter() < until:
        cid = ""
        for step, text in enumerate([texts[i % len(texts)], *FOLLOW_UPS]):
            if time.perf_counter() >= until or (step and not cid):
                break
            fragment = {"X-Boussole-Fragment": "1"} if step else {}
            t = time.perf_counter()
            try:
                r = await client.post(
                    "/chat", data={"message": text, "conversation_id": cid}, headers=fragment
                )
            except httpx.HTTPError as exc:
                tally.errors[type(exc).__name__] += 1
                break
            tally.add(t, r)
            if r.status_code != 200:
                await backoff(r)
                break
            found = r.headers.get("x-conversation-id") or (_CID.search(r.text) or [None, ""])[1]
            cid = found or ""
        i += 32


async def probe(base: str, until: float, out: list[float]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.perf_counter() < until:
            t = time.perf_counter()
            await client.get("/healthz")
            out.append((time.perf_counter() - t) * 1000)
            await asyncio.sleep(0.1)


async def run(
    target: str, base: str, key: str, clients: int, seconds: float
) -> tuple[Tally, list[float], float]:
    texts = demo_query_texts()
    tally = Tally()
    health: list[float] = []
    limits = httpx.Limits(max_connections=clients + 4)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        until = started + seconds
        work = [
            api_client(client, key, texts, n, tally, until)
            if target == "api"
            else chat_client(client, texts, n, tally, until)
            for n in range(clients)
        ]
        await asyncio.gather(probe(base, until, health), *work)
        elapsed = time.perf_counter() - started
    return tally, health, elapsed


def partner_key(env: dict[str, str]) -> str:
    boussole = Path(sys.executable).with_name("boussole")
    out = subprocess.run(
        [
            str(boussole),
            "partners",
            "add",
            "bench",
            "--origin",
            "http://localhost",
            "--rate-limit",
            "100000",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"\bsk_[A-Za-z0-9_-]+", out)
    if found is None:
        raise SystemExit(f"no secret key in the output of `boussole partners add`:\n{out}")
    return found[0]


def start(
    env: dict[str, str], port: int, workers: int, log: Path, wait: float = 600
) -> subprocess.Popen[bytes]:
    """``boussole serve`` on ``port`` (its log in ``log``), once every worker has finished its
    start-up (one "Application startup complete" line each in the log: with several workers,
    ``/healthz`` answers as soon as the first is up, while the others still load for seconds)
    and ``/healthz`` answers; stopped again if that takes more than ``wait`` seconds."""
    boussole = Path(sys.executable).with_name("boussole")
    command = [str(boussole), "serve"] + (["--workers", str(workers)] if workers > 1 else [])
    skip = log.stat().st_size if log.exists() else 0  # an earlier run's lines do not count
    out = log.open("ab")
    proc = subprocess.Popen(command, env=env, stdout=out, stderr=out)
    started = time.perf_counter()
    while True:
        with log.open("rb") as f:
            f.seek(skip)
            ready = f.read().count(b"Application startup complete") >= workers
        try:
            if ready and httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).is_success:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.perf_counter() - started > wait:
            proc.terminate()
            proc.wait(timeout=30)
            raise SystemExit(f"the server did not start; see {log}")
        time.sleep(0.1)


def start_redis(env: dict[str, str], folder: str) -> subprocess.Popen[bytes] | None:
    """A private ``redis-server`` for the workers to share, its URL put in ``env``; none when
    ``env`` already names one."""
    if env.get("BOUSSOLE_REDIS_URL"):
        return None
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--dir", folder, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env["BOUSSOLE_REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    time.sleep(0.5)
    return redis


def stop(proc: subprocess.Popen[bytes], redis: subprocess.Popen[bytes] | None) -> None:
    """Stop the server, then its private Redis (if any)."""
    proc.terminate()
    proc.wait(timeout=30)
    if redis is not None:
        redis.terminate()
        redis.wait(timeout=10)


def report(
    target: str, tally: Tally, health: list[float], elapsed: float, load: tuple[float, ...]
) -> None:
    ok = tally.statuses.get(200, 0)
    lat = tally.latencies or [0.0]
    other = {k: v for k, v in sorted(tally.statuses.items()) if k not in (200, 503)}
    print(
        f"{target:5s} {ok / elapsed:6.1f} rps (200s)  p50 {percentile(lat, 50):7.0f} ms  "
        f"p99 {percentile(lat, 99):7.0f} ms  max {max(lat):7.0f} ms  "
        f"503: {tally.statuses.get(503, 0)} ({tally.retry_after} with Retry-After)  "
        f"other: {other or '-'}  errors: {dict(tally.errors) or 0}"
    )
    h = health or [0.0]
    print(
        f"      /healthz during the run: n={len(h)} p50 {percentile(h, 50):.0f} ms  "
        f"p99 {percentile(h, 99):.0f} ms  max {max(h):.0f} ms;  load average "
        + " ".join(f"{x:.2f}" for x in load)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Boussole under many concurrent clients.")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--targets", default="api,chat", help="api, chat or both")
    parser.add_argument("--encoder", default=Settings().encoder)
    parser.add_argument("--index-dir", type=Path, help="reuse this built index (else build one)")
    parser.add_argument("--log", type=Path, help="write the server's log here")
    parser.add_argument(
        "--ignore-retry-after", action="store_true", help="clients retry at once after a 503"
    )
    args = parser.parse_args()
    RETRY[0] = not args.ignore_retry_after
    encoder = make_encoder(args.encoder)
    encoder.load()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir or Path(tmp) / "ix"
        if not (index_dir / "CURRENT").exists():
            build_synthetic(encoder, args.size, index_dir)
        del encoder
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
        env.update(
            BOUSSOLE_INDEX_DIR=str(index_dir),
            BOUSSOLE_PORT=str(port),
            BOUSSOLE_ENCODER=args.encoder,
            # INFO: uvicorn's start-up lines tell when every worker is up (no access log).
            BOUSSOLE_LOG_LEVEL="INFO",
            BOUSSOLE_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
            BOUSSOLE_SECRET_KEY_FILE=f"{tmp}/secret.key",
            BOUSSOLE_PUBLIC_RATE_LIMIT="1000000",
        )
        redis = start_redis(env, tmp) if args.workers > 1 else None  # workers share through Redis
        try:
            key = partner_key(env)
            proc = start(env, port, args.workers, args.log or Path(tmp) / "server.log")
        except BaseException:
            if redis is not None:
                redis.terminate()
            raise
        warm = {"text": "je cherche une formation", "k": 10}
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/search",
            json=warm,
            headers={"X-Api-Key": key},
            timeout=120,
        )
        if r.status_code != 200:
            raise SystemExit(f"warm-up search answered {r.status_code}: {r.text[:300]}")
        print(
            f"{args.size} modules, {args.clients} clients, {args.seconds:.0f} s per target, "
            f"{args.workers} worker(s), {os.cpu_count()} cores, clients "
            f"{'ignore' if args.ignore_retry_after else 'obey'} Retry-After, server code from "
            f"{env.get('PYTHONPATH') or 'the installed package'}"
        )
        try:
            for target in args.targets.split(","):
                base = f"http://127.0.0.1:{port}"
                tally, health, elapsed = asyncio.run(
                    run(target, base, key, args.clients, args.seconds)
                )
                report(target, tally, health, elapsed, os.getloadavg())
        finally:
            stop(proc, redis)


if __name__ == "__main__":
    main()
