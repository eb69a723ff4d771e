"""Place modules on the map at index time: ``city`` / ``postal_code`` → coordinates.

Distance-learning modules are kept with their organiser's coordinates (if any); the search
treats them as reachable from everywhere. Towns the gazetteer does not know are reported by
the build, never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from corpus.model import Module
from corpus.places import Gazetteer

Coordinates = npt.NDArray[np.float64]


def place_modules(
    modules: Sequence[Module], gazetteer: Gazetteer
) -> tuple[Coordinates, Counter[str]]:
    """Latitude/longitude per module (NaN where unknown) and the towns that could not be placed,
    with how many modules name each."""
    coords = np.full((len(modules), 2), np.nan, dtype=np.float64)
    unplaced: Counter[str] = Counter()
    cache: dict[tuple[str | None, str | None], tuple[float, float] | None] = {}
    for row, module in enumerate(modules):
        key = (module.city, module.postal_code)
        if key not in cache:
            cache[key] = _resolve(module, gazetteer)
        found = cache[key]
        if found is not None:
            coords[row] = found
        elif module.city or module.postal_code:
            unplaced[module.city or module.postal_code or ""] += 1
    return coords, unplaced


def _resolve(module: Module, gazetteer: Gazetteer) -> tuple[float, float] | None:
    for value in (module.city, module.postal_code):
        if value:
            place = gazetteer.resolve(value)
            if place is not None:
                return (place.lat, place.lon)
    return None


def haversine_km(lat: float, lon: float, coords: Coordinates) -> npt.NDArray[np.float64]:
    """Great-circle distance from one point to each row of ``coords`` (NaN stays NaN)."""
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2, lon2 = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    distance = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return np.asarray(distance, dtype=np.float64)
