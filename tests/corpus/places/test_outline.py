"""The outline of Belgium drawn on module pages: closed, around the gazetteer, projected."""

from __future__ import annotations

import itertools

import numpy as np

from corpus.places import default_gazetteer
from corpus.places.outline import belgium_outline


def inside(ring: list[tuple[float, float]], points: np.ndarray) -> np.ndarray:
    """Ray casting: which of ``points`` (x, y rows) lie inside the closed ``ring``."""
    x, y = points[:, 0], points[:, 1]
    out = np.zeros(len(points), dtype=bool)
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        out ^= crosses & (x < at)
    return out


def km_to_ring(ring: list[tuple[float, float]], lon: float, lat: float) -> float:
    """Roughly how far (km) a point lies from the ring's nearest segment."""
    scale = np.cos(np.radians(50.5))
    a = np.array(ring[:-1]) * (scale, 1.0)
    b = np.array(ring[1:]) * (scale, 1.0)
    p = np.array([lon * scale, lat])
    t = np.clip(np.einsum("ij,ij->i", p - a, b - a) / np.einsum("ij,ij->i", b - a, b - a), 0, 1)
    nearest = a + (b - a) * t[:, None]
    return float(np.min(np.hypot(*(nearest - p).T)) * 111.2)


def test_the_outline_is_closed_and_holds_every_locality() -> None:
    outline = belgium_outline()
    assert outline.ring[0] == outline.ring[-1] and len(outline.ring) > 20
    places = default_gazetteer().places
    points = np.array([(p.lon, p.lat) for p in places])
    held = inside(list(outline.ring), points)
    # The hull runs through the border localities and is simplified to about 1.5 km: one may
    # lie just outside it, never farther.
    far = [
        (p.name, round(km, 1))
        for p, ok in zip(places, held, strict=True)
        if not ok and (km := km_to_ring(list(outline.ring), p.lon, p.lat)) > 2.5
    ]
    assert held.mean() > 0.95 and not far, far
    assert "GeoNames" in outline.attribution and "Statbel" in outline.attribution


def test_places_are_projected_where_they_lie() -> None:
    outline = belgium_outline()
    gazetteer = default_gazetteer()
    ostend, arlon, liege = (gazetteer.resolve(n) for n in ("Ostende", "Arlon", "Liège"))
    assert ostend and arlon and liege
    xo, yo = outline.point(ostend.lat, ostend.lon)
    xa, ya = outline.point(arlon.lat, arlon.lon)
    xl, yl = outline.point(liege.lat, liege.lon)
    assert xo < xl < xa + 40 and yo < yl < ya  # west to east, north to south
    for x, y in ((xo, yo), (xa, ya), (xl, yl)):
        assert 0 <= x <= outline.width and 0 <= y <= outline.height
    path = outline.path()
    assert path.startswith("M") and path.endswith("Z") and path.count("L") == len(outline.ring) - 1
