"""Belgium's outline, for a small static map: the ring and a flat projection into a picture.

    outline = belgium_outline()                    # loads corpus/data/belgium_outline.json once
    outline.path()                                 # "M12.3 45.6L..." for an SVG <path d=...>
    outline.point(50.41, 4.44)                     # (x, y) of Charleroi in the same picture

The ring is the concave hull of the gazetteer's postal localities (GeoNames and Statbel,
CC BY 4.0), made by ``corpus/data/make_outline.py``; see ``corpus/data/NOTICE.md``. The
projection is equirectangular with longitudes scaled by the cosine of Belgium's middle
latitude: at this size, no other projection would look different.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from corpus.places.gazetteer import GazetteerError

MIDDLE_LATITUDE = 50.5
WIDTH = 400.0  # the picture's width; its height follows from the outline's shape
MARGIN = 8.0


@dataclass(frozen=True)
class Outline:
    """A closed ring of (longitude, latitude) and the picture it is drawn in."""

    ring: tuple[tuple[float, float], ...]
    attribution: str

    @functools.cached_property
    def _frame(self) -> tuple[float, float, float, float]:
        """West, north, the scale (units a degree of latitude) and the picture's height."""
        scale_x = math.cos(math.radians(MIDDLE_LATITUDE))
        west = min(lon for lon, _ in self.ring)
        east = max(lon for lon, _ in self.ring)
        north = max(lat for _, lat in self.ring)
        south = min(lat for _, lat in self.ring)
        unit = (WIDTH - 2 * MARGIN) / ((east - west) * scale_x)
        height = (north - south) * unit + 2 * MARGIN
        return west, north, unit, height

    @property
    def width(self) -> float:
        return WIDTH

    @property
    def height(self) -> float:
        return round(self._frame[3], 1)

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        """Where ``(lat, lon)`` falls in the picture (x to the right, y down)."""
        west, north, unit, _ = self._frame
        x = MARGIN + (lon - west) * math.cos(math.radians(MIDDLE_LATITUDE)) * unit
        y = MARGIN + (north - lat) * unit
        return round(x, 1), round(y, 1)

    def path(self) -> str:
        """The outline as SVG path data (absolute moves and lines, closed)."""
        points = [self.point(lat, lon) for lon, lat in self.ring]
        return "M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z"


@functools.cache
def belgium_outline() -> Outline:
    """The packaged outline (read once).

    Raises:
        GazetteerError: the data file is missing or malformed.
    """
    where = "corpus/data/belgium_outline.json"
    try:
        data = json.loads(
            resources.files("corpus").joinpath("data", "belgium_outline.json").read_text("utf-8")
        )
        ring = tuple((float(lon), float(lat)) for lon, lat in data["ring"])
        attribution = str(data["attribution"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GazetteerError(f"{where}: cannot read the outline ({error})") from None
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise GazetteerError(f"{where}: the ring must be closed and have at least 4 points")
    return Outline(ring, attribution)
