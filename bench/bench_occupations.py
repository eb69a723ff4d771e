#!/usr/bin/env python
"""Occupation lexicon: load time and matching time per 1,000 characters.

    python bench/bench_occupations.py            # 5 loads, 2,000 texts
    python bench/bench_occupations.py --loads 10 --texts 5000

1. Load: ``OccupationLexicon.load()`` of the bundled table, each in a fresh process (so no
   word cache is warm), median and worst.
2. Match: ``find_in_text`` on 1,000-character texts cut from jobseeker-like sentences, p50
   and p99 per call.

Only public tools: time.perf_counter and subprocess.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.understanding import OccupationLexicon

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "J'ai travaillé quinze ans comme magasinier puis comme cariste chez un distributeur.",
    "Je voudrais devenir développeur web ou technicien helpdesk.",
    "Ma femme est aide-soignante et mon frère est chauffeur de bus.",
    "Je cherche une formation qualifiante courte près de Liège ou de Verviers.",
    "Ancienne caissière, je vise un poste de secrétaire médicale.",
    "Je ne connais pas grand-chose à l'informatique mais j'apprends vite.",
    "Ik was magazijnier en ik wil programmeur worden.",
    "I worked as a cleaner and I would like to become a nurse.",
    "J'ai le permis C, un peu d'expérience comme chauffeur-livreur.",
    "Pouvez-vous me conseiller une formation en comptabilité ? Merci beaucoup !",
]

_LOAD = (
    "import time; t0 = time.perf_counter(); "
    "from assistant.understanding.occupations import OccupationLexicon; t1 = time.perf_counter(); "
    "OccupationLexicon.load(); print(t1 - t0, time.perf_counter() - t1)"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def bench_load(loads: int) -> str:
    imports, reads = [], []
    for _ in range(loads):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        imports.append(float(out[0]))
        reads.append(float(out[1]))
    return (
        f"load() in a fresh process: median {statistics.median(reads) * 1000:.0f} ms, "
        f"worst {max(reads) * 1000:.0f} ms over {loads} (module import before it: median "
        f"{statistics.median(imports) * 1000:.0f} ms)"
    )


def bench_match(lexicon: OccupationLexicon, texts: int) -> str:
    rng = random.Random(0)
    samples = []
    for _ in range(texts):
        text = ""
        while len(text) < 1000:
            text += rng.choice(SENTENCES) + " "
        samples.append(text[:1000])
    lexicon.find_in_text(samples[0])
    timings = []
    mentions = 0
    for text in samples:
        start = time.perf_counter()
        mentions += len(lexicon.find_in_text(text))
        timings.append(time.perf_counter() - start)
    return (
        f"find_in_text on 1,000 characters: p50 {percentile(timings, 50) * 1000:.2f} ms, "
        f"p99 {percentile(timings, 99) * 1000:.2f} ms over {texts} texts "
        f"({mentions / texts:.1f} mentions per text)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--texts", type=int, default=2000)
    args = parser.parse_args()
    lexicon = OccupationLexicon.load()
    print(f"table: {len(lexicon)} occupations", flush=True)
    print(bench_load(args.loads), flush=True)
    print(bench_match(lexicon, args.texts), flush=True)


if __name__ == "__main__":
    main()
