#!/usr/bin/env python
"""Gazetteer load time and ``find_in_text`` latency.

    python bench/bench_places.py
    python bench/bench_places.py --repeat 2000

1. Load: ``Gazetteer.load()`` of the packaged ``corpus/data/places.csv`` (file read, parse and
   index build), best and median of a few runs.
2. Free text: ``find_in_text`` on a 1,000-character jobseeker text (French, with a few Dutch
   and English bits, places, amounts, years, ordinary words that are also place names), and on
   a 1,000-character text made only of place names (the worst case); p50 and p99.

Only public tools: time.perf_counter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.places import Gazetteer

STORY = (
    "Bonjour, j'ai 47 ans et j'habite à Gosselies depuis 2019, mais je suis originaire de "
    "Marche. J'ai travaillé 12 ans comme magasinier chez un grossiste près de Liège, puis deux "
    "ans dans un spa à Spa. Je cherche une formation de plus de 300 heures, idéalement en ligne "
    "ou sur Charleroi, La Louvière ou Mons (7000), avec un budget de 1200 euros maximum. "
    "Je marche beaucoup et ça ne me dérange pas de prendre le train vers Namur ou Braine-l'Alleud. "
    "Mon permis B date de 2005. Disponible 38 heures par semaine, du lundi au vendredi. "
    "Ik spreek ook een beetje Nederlands: ik heb in Antwerpen gewoond en ik zoek werk in de buurt "
    "van Gent. I also speak English and lived near Brussels for a year. Mon code postal est le "
    "6041. Je préfère éviter les horaires de nuit et les formations de plus de 1500 heures. "
    "Merci de me contacter au 0471 12 34 56 ou par mail. J'ai un diplôme obtenu en 1998."
)


def text_of(length: int, sample: str) -> str:
    """``sample`` repeated and cut to ``length`` characters."""
    return (sample * (length // len(sample) + 1))[:length]


def timed(func: object, repeat: int) -> list[float]:
    """Milliseconds per call of a no-argument callable."""
    assert callable(func)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()

    loads = timed(Gazetteer.load, 7)
    print(f"load: best {min(loads):.1f} ms, median {statistics.median(loads):.1f} ms")

    gazetteer = Gazetteer.load()
    names = ", ".join(p.name for p in gazetteer.places[::7])
    for label, text in (
        ("story", text_of(1000, STORY)),
        ("names only", text_of(1000, names)),
    ):
        found = gazetteer.find_in_text(text)
        times = sorted(timed(lambda text=text: gazetteer.find_in_text(text), args.repeat))
        p99 = times[int(len(times) * 0.99) - 1]
        print(
            f"find_in_text, 1,000 chars, {label}: {len(found)} mentions, "
            f"p50 {statistics.median(times):.2f} ms, p99 {p99:.2f} ms"
        )
    for mention in gazetteer.find_in_text(STORY):
        span = STORY[mention.start : mention.end]
        near = " (near)" if mention.near else ""
        print(f"  {span!r} -> {mention.place.postal_code} {mention.place.name}{near}")


if __name__ == "__main__":
    main()
