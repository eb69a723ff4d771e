#!/usr/bin/env python
"""Page latency: the jobseeker's chat as a browser without JavaScript (whole page) and with it
(one turn), the module page and the catalogue, through the real app in-process.

    python bench/bench_pages.py                     # 10k modules, default encoder
    python bench/bench_pages.py --size 1000 --conversations 20

Each conversation posts a profile from the demo evaluation set, then two refinements. Times
are end to end through the ASGI app (routing, dialogue, guidance, templates), without the
network. Only public tools: time.perf_counter and Starlette's TestClient.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fastapi.testclient import TestClient
from synthetic import build_synthetic, demo_query_texts, percentile

from assistant.search import SearchService
from assistant.settings import Settings
from index.encoders import make_encoder
from index.store import LoadedIndex
from web.app import create_app

FOLLOW_UPS = ["plutôt à distance", "et à Namur ?"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Boussole page latency.")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=30)
    parser.add_argument("--encoder", default=Settings().encoder)
    args = parser.parse_args()
    encoder = make_encoder(args.encoder)
    encoder.load()
    texts = demo_query_texts()[: args.conversations]
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        build_synthetic(encoder, args.size, index_dir)
        settings = Settings(
            index_dir=index_dir,
            database_url=f"sqlite:///{tmp}/bench.db",
            secret_key_file=Path(tmp) / "secret.key",
            public_rate_limit=1_000_000,
        )
        service = SearchService(LoadedIndex.open(index_dir, encoder))
        with TestClient(create_app(settings, services=service)) as client:
            client.get("/")  # warm the templates
            whole: list[float] = []
            fragment: list[float] = []
            for text in texts:
                t0 = time.perf_counter()
                r = client.post("/chat", data={"message": text})
                whole.append(time.perf_counter() - t0)
                cid = re.search(r'name="conversation_id" value="([^"]*)"', r.text)
                for follow in FOLLOW_UPS:
                    t0 = time.perf_counter()
                    client.post(
                        "/chat",
                        data={"message": follow, "conversation_id": cid[1] if cid else ""},
                        headers={"X-Boussole-Fragment": "1"},
                    )
                    fragment.append(time.perf_counter() - t0)
            ids = [m.id for m in service.index.modules[:200]]
            module: list[float] = []
            for module_id in ids:
                t0 = time.perf_counter()
                client.get(f"/modules/{module_id}")
                module.append(time.perf_counter() - t0)
            browse: list[float] = []
            for page in range(1, 21):
                t0 = time.perf_counter()
                client.get(f"/modules?level=initiation&page={page}")
                browse.append(time.perf_counter() - t0)
    print(f"modules: {args.size}  encoder: {args.encoder}")
    for name, times in (
        ("chat, whole page (no JavaScript)", whole),
        ("chat, one turn (chat.js)", fragment),
        ("module page", module),
        ("catalogue page with a filter", browse),
    ):
        ms = [t * 1000 for t in times]
        print(
            f"{name:34s} n={len(ms):4d}  p50 {percentile(ms, 50):6.1f} ms  "
            f"p99 {percentile(ms, 99):6.1f} ms"
        )


if __name__ == "__main__":
    main()
