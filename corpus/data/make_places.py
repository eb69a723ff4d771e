#!/usr/bin/env python
"""Derive ``places.csv`` (the packaged Belgian gazetteer) from the shared postal-locality CSV.

    python corpus/data/make_places.py /path/to/gazetteer/be_postal_localities.csv
    python corpus/data/make_places.py SOURCE.csv -o corpus/data/places.csv

The source is ``be_postal_localities.csv`` (GeoNames + Statbel, CC BY 4.0; see ``NOTICE.md``).
What this script does, so that the output can be rebuilt byte for byte:

1. keeps the columns the product needs, in this order: ``postal_code, name_fr, name_nl,
   municipality, province, region, lat, lon``;
2. trims every cell and lower-cases the particles that the source left capitalised inside
   hyphenated names ("Villers-Le-Bouillet" → "Villers-le-Bouillet");
3. checks every row (4-digit postal code, a name, a municipality, a known region and province,
   coordinates inside Belgium) and stops on the first bad one;
4. drops exact duplicate rows and keeps the source order (by postal code).

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from pathlib import Path

log = logging.getLogger("make_places")

COLUMNS = ("postal_code", "name_fr", "name_nl", "municipality", "province", "region", "lat", "lon")
REGIONS = frozenset({"Wallonie", "Bruxelles", "Vlaanderen"})
PROVINCES = frozenset(
    {
        "Anvers",
        "Brabant flamand",
        "Brabant wallon",
        "Flandre occidentale",
        "Flandre orientale",
        "Hainaut",
        "Liège",
        "Limbourg",
        "Luxembourg",
        "Namur",
    }
)
# Belgium's bounding box, with a small margin.
LAT_RANGE = (49.45, 51.55)
LON_RANGE = (2.50, 6.45)
# French particles that belong in lower case when they are not the first part of a name.
PARTICLES = frozenset({"Le", "La", "Les", "Lez", "Lès", "Devant", "Sur", "Sous", "En", "Aux", "Au"})
PARTICLES |= frozenset({"De", "Des", "Du", "Et", "Par", "Delà"})
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "places.csv"


class SourceError(ValueError):
    """The source CSV is not what this script expects; names the row and the problem."""


def fix_particles(name: str) -> str:
    """Lower-case particles inside a hyphenated name: ``Villers-Devant-Orval`` → ``-devant-``."""
    parts = name.split("-")
    return "-".join([parts[0], *(p.lower() if p in PARTICLES else p for p in parts[1:])])


def clean_row(raw: dict[str, str], line: int) -> tuple[str, ...]:
    """One output row from one source row, or :class:`SourceError`."""
    row = {key: (raw.get(key) or "").strip() for key in COLUMNS}
    for key in ("name_fr", "name_nl", "municipality"):
        row[key] = fix_particles(row[key])

    def fail(reason: str) -> SourceError:
        return SourceError(f"row {line}: {reason}")

    if not (len(row["postal_code"]) == 4 and row["postal_code"].isdigit()):
        raise fail(f"postal_code {row['postal_code']!r} is not 4 digits")
    if not (row["name_fr"] or row["name_nl"]):
        raise fail("no name_fr nor name_nl")
    if not row["municipality"]:
        raise fail("no municipality")
    if row["region"] not in REGIONS:
        raise fail(f"unknown region {row['region']!r}")
    if (row["region"] == "Bruxelles") != (row["province"] == ""):
        raise fail("province must be empty for Bruxelles and only there")
    if row["province"] and row["province"] not in PROVINCES:
        raise fail(f"unknown province {row['province']!r}")
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        raise fail("lat/lon are not numbers") from None
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        raise fail(f"({lat}, {lon}) is outside Belgium")
    return tuple(row[key] for key in COLUMNS)


def derive(source: Path) -> list[tuple[str, ...]]:
    """Read and clean the source CSV; rows in source order, exact duplicates dropped."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise SourceError(f"{source}: missing columns {sorted(missing)}")
        rows: list[tuple[str, ...]] = []
        seen: set[tuple[str, ...]] = set()
        for line, raw in enumerate(reader, start=1):
            row = clean_row(raw, line)
            if row not in seen:
                seen.add(row)
                rows.append(row)
    return rows


def write(rows: list[tuple[str, ...]], output: Path) -> None:
    """Write the gazetteer as UTF-8 CSV with ``\\n`` line ends (stable across platforms)."""
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="be_postal_localities.csv")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        rows = derive(args.source)
    except (OSError, SourceError) as error:
        log.error("make_places: %s", error)
        return 1
    write(rows, args.output)
    log.info("%s: %d rows, %d postal codes", args.output, len(rows), len({r[0] for r in rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
