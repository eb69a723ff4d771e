#!/usr/bin/env python
"""Import speed of ``boussole catalog import`` (``corpus.importers.import_source``).

    python bench/bench_import.py
    python bench/bench_import.py --actions 20000 --repeat 3

Writes synthetic sources of ``--actions`` records into a temporary folder: an LHEO file
(the shipped sample's formations repeated, two actions each, renumbered) and a semicolon
CSV (the shipped French CSV's rows repeated, with its mapping), then imports each
``--repeat`` times and prints the best and median seconds and records per second, and the
peak memory of the LHEO import (tracemalloc). Only public tools: time.perf_counter and
tracemalloc.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.importers import import_source

PACKAGE = Path(__file__).resolve().parent.parent / "corpus" / "importers"

FORMATION = """<formation numero="F{n}"><intitule-formation>Formation {n} : soudage et \
métallerie</intitule-formation><objectif-formation>Souder des assemblages en acier selon un mode \
opératoire, lire des plans et contrôler la qualité des soudures réalisées.</objectif-formation>\
<contenu-formation>Lecture de plans, préparation, réglage du poste, soudage en toutes positions, \
contrôle visuel, sécurité à l'atelier.</contenu-formation><certifiante>1</certifiante>\
<certification><code-RNCP>35012</code-RNCP></certification>
<action numero="F{n}-A"><modalites-enseignement>0</modalites-enseignement><lieu-de-formation>\
<coordonnees><adresse><codepostal>6000</codepostal><ville>Charleroi</ville></adresse></coordonnees>\
</lieu-de-formation><session><periode><debut>20260907</debut><fin>20261218</fin></periode>\
</session><nombre-heures-total>534</nombre-heures-total><langue-formation>fr</langue-formation>\
</action>
<action numero="F{n}-B"><modalites-enseignement>1</modalites-enseignement><session><periode>\
<debut>20261005</debut><fin>20270129</fin></periode></session><duree-indicative>120 heures\
</duree-indicative><extras><extra info="x">ignoré</extra></extras></action>
<organisme-formation-responsable><nom-organisme>Centre {n}</nom-organisme>\
</organisme-formation-responsable></formation>
"""


def lheo_source(folder: Path, actions: int) -> Path:
    path = folder / "offres.xml"
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="http://lheo.gouv.fr/2.3">')
        out.write("<offres>\n")
        for n in range(actions // 2):
            out.write(FORMATION.format(n=n))
        out.write("</offres></lheo>\n")
    return path


def csv_source(folder: Path, records: int) -> Path:
    header, *rows = (PACKAGE / "samples" / "formations-fr.csv").read_text("utf-8").splitlines()
    path = folder / "formations.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for n in range(records):
            row = rows[n % len(rows)].split(";")
            row[0] = f"CF-{n}"
            out.write(";".join(row) + "\n")
    return path


def timed(label: str, run: Callable[[], int], repeat: int) -> None:
    seconds, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        seconds.append(time.perf_counter() - started)
    best, median = min(seconds), statistics.median(seconds)
    print(
        f"{label}: {count} records, best {best:.2f} s, median {median:.2f} s, "
        f"{count / best:,.0f} records/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared: timings are noisy)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xml = lheo_source(folder, args.actions)
        csv = csv_source(folder, args.actions)
        print(f"LHEO file {xml.stat().st_size / 1e6:.1f} MB, CSV {csv.stat().st_size / 1e6:.1f} MB")
        timed("lheo", lambda: import_source(xml).imported, args.repeat)
        mapping = PACKAGE / "mappings" / "csv-fr-jours.toml"
        timed("csv+mapping", lambda: import_source(csv, mapping=mapping).imported, args.repeat)
        tracemalloc.start()
        import_source(xml)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"lheo peak Python memory {peak / 1e6:.0f} MB (lxml's C tree not counted)")


if __name__ == "__main__":
    main()
