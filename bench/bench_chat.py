#!/usr/bin/env python
"""Chat turn latency: the dialogue over the guidance service, on a synthetic catalog.

    python bench/bench_chat.py                     # 10k modules, default encoder
    python bench/bench_chat.py --size 1000 --conversations 40

Each conversation opens with a profile taken from the demo evaluation set (with a town added
when it names none) and goes on with refinements ("plutôt à distance", "moins long",
"et à Namur ?", "pourquoi la 2 ?", "c'est payant ?", "autre chose"). Every turn is timed end
to end through ``Dialogue.reply``: understanding, query embedding, ranking, explanations,
templates. Only public tools: time.perf_counter.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


from synthetic import TOWNS, build_synthetic, demo_query_texts, percentile

from assistant.dialogue import Dialogue, MemoryStore
from assistant.search import SearchService
from assistant.services import guidance_for
from assistant.settings import Settings
from index.encoders import make_encoder
from index.store import LoadedIndex

FOLLOW_UPS = [
    "plutôt à distance",
    "moins long",
    "et à Namur ?",
    "pourquoi la 2 ?",
    "c'est payant ?",
    "autre chose",
]


def main() -> None:
    parser = argparse.ArgumentParser(description="Boussole chat turn latency.")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--encoder", default=Settings().encoder)
    args = parser.parse_args()
    encoder = make_encoder(args.encoder)
    encoder.load()
    texts = demo_query_texts()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        build_synthetic(encoder, args.size, index_dir)
        guidance = guidance_for(SearchService(LoadedIndex.open(index_dir, encoder)))
    dialogue = Dialogue(guidance, MemoryStore(), guidance.parser.parse)
    dialogue.reply(None, texts[0])  # warm-up
    first: list[float] = []
    later: list[float] = []
    for i in range(args.conversations):
        opening = f"{texts[i % len(texts)]} J'habite à {TOWNS[i % len(TOWNS)][0]}."
        t = time.perf_counter()
        reply = dialogue.reply(None, opening)
        first.append((time.perf_counter() - t) * 1000)
        for message in FOLLOW_UPS:
            t = time.perf_counter()
            reply = dialogue.reply(reply.conversation_id, message)
            later.append((time.perf_counter() - t) * 1000)
    every = first + later
    print(
        f"[{encoder.id}] {args.size} modules, {len(every)} turns in {args.conversations} "
        f"conversations: turn p50 {percentile(every, 50):.1f} ms, p99 "
        f"{percentile(every, 99):.1f} ms; first turns p50 {percentile(first, 50):.1f} ms, "
        f"p99 {percentile(first, 99):.1f} ms; follow-ups p50 {percentile(later, 50):.1f} ms, "
        f"p99 {percentile(later, 99):.1f} ms"
    )


if __name__ == "__main__":
    main()
