#!/usr/bin/env python
"""Derive ``belgium_outline.json`` (the outline drawn on module pages) from ``places.csv``.

    python corpus/data/make_outline.py                 # writes corpus/data/belgium_outline.json
    python corpus/data/make_outline.py -o OUT.json --ratio 0.15 --tolerance 0.015

The outline is the concave hull of the 2,785 postal localities of the packaged gazetteer
(GeoNames and Statbel, CC BY 4.0; see ``NOTICE.md``), not the legal border: it runs through
the localities nearest the border, a few kilometres inside it. What this script does, so that
the output can be rebuilt byte for byte:

1. reads every locality's longitude and latitude and scales longitudes by cos(50.5°), so that
   the hull is taken on a map where a degree east is as long as it is at Belgium's middle;
2. takes shapely's concave hull (``ratio`` 0.15: tight enough to show the coast, the
   Voeren strip and the Ardennes' southern point; tighter, the sparse Ardennes villages cut
   deep false bays; no holes), simplifies it (Douglas-Peucker, ``tolerance`` 0.015° of the
   scaled map, about 1.5 km) and scales the longitudes back;
3. writes the ring (longitude, latitude; 3 decimals, about 100 m) with its source and
   attribution, as JSON.

Needs shapely (``pip install shapely``); run once when the gazetteer changes. The app only
reads the JSON (``corpus.places.outline``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE / "places.csv"
DEFAULT_OUTPUT = HERE / "belgium_outline.json"
MIDDLE_LATITUDE = 50.5
ATTRIBUTION = (
    "Contains data from GeoNames (geonames.org) and Statbel (statbel.fgov.be), CC BY 4.0; "
    "concave hull of the postal localities' positions, simplified."
)


def localities(path: Path) -> list[tuple[float, float]]:
    """(longitude, latitude) of every row of a gazetteer CSV."""
    with path.open(encoding="utf-8", newline="") as f:
        return [(float(row["lon"]), float(row["lat"])) for row in csv.DictReader(f)]


def outline(
    points: list[tuple[float, float]], ratio: float, tolerance: float
) -> list[tuple[float, float]]:
    """The simplified concave hull of ``points``, as a closed ring of (lon, lat)."""
    import shapely
    from shapely.geometry import MultiPoint, Polygon

    scale = math.cos(math.radians(MIDDLE_LATITUDE))
    hull = shapely.concave_hull(
        MultiPoint([(lon * scale, lat) for lon, lat in points]), ratio=ratio, allow_holes=False
    )
    shape = hull.simplify(tolerance, preserve_topology=True)
    if not isinstance(shape, Polygon):
        raise SystemExit(f"the hull is a {shape.geom_type}, not one polygon: raise --ratio")
    return [(round(x / scale, 3), round(y, 3)) for x, y in shape.exterior.coords]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--ratio", type=float, default=0.15)
    parser.add_argument("--tolerance", type=float, default=0.015)
    args = parser.parse_args(argv)
    ring = outline(localities(args.source), args.ratio, args.tolerance)
    data = {
        "source": "corpus/data/places.csv (postal localities)",
        "attribution": ATTRIBUTION,
        "licence": "https://creativecommons.org/licenses/by/4.0/",
        "method": f"concave hull, ratio {args.ratio}, simplified to {args.tolerance}",
        "ring": [list(p) for p in ring],
    }
    args.output.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"{args.output}: {len(ring)} points\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
