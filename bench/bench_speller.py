#!/usr/bin/env python
"""Memory and time of the speller's word lists: the parser built, then a first parse per
language (the word lists load on first use unless warmed), then peak and current RSS.

    python bench/bench_speller.py [--warm]

``--warm`` loads the word lists first, as the web app's warm-up does, and times that apart.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Our own sentences, one per language, each with a word the speller must look up.
TEXTS = (
    "Je cherche une formasion en comptabiliter près de Namur",
    "Ik zoek een opleiding boekhoudinng in Gent",
    "I am looking for an accountting course near Liège",
    "Ich suche eine Ausbildung als Buchhaltterin in Eupen",
)


def rss_mb() -> tuple[float, float]:
    """Peak RSS (getrusage) and current RSS (/proc), in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    current = 0.0
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    return peak, current


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", action="store_true", help="load the word lists first")
    args = parser.parse_args()
    from assistant.services import profile_parser

    t0 = time.perf_counter()
    parse = profile_parser().parse
    built = time.perf_counter() - t0
    print("parser built: {:.2f} s, RSS peak/now {:.0f}/{:.0f} MB".format(built, *rss_mb()))
    if args.warm:
        from assistant.understanding import spelling

        t0 = time.perf_counter()
        getattr(spelling, "warm_up", lambda: None)()
        print(f"word lists warmed: {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    for text in TEXTS:
        parse(text)
    print(f"first parse of {len(TEXTS)} languages: {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    for text in TEXTS:
        parse(text)
    print(f"second parse: {time.perf_counter() - t0:.3f} s")
    print("RSS peak/now: {:.0f}/{:.0f} MB".format(*rss_mb()))


if __name__ == "__main__":
    main()
