"""Belgian places: the packaged gazetteer, catalog place fields, and places in free text.

    gazetteer = default_gazetteer()                  # loads corpus/data/places.csv once
    gazetteer.resolve("Charleroi - Gosselies")       # Place(name='Gosselies', ...)
    gazetteer.find_in_text("j'habite près de Liège") # [PlaceMention(..., near=True)]

``gazetteer`` loads and resolves; ``finder`` finds mentions in free text without inventing
places; ``names`` folds names into lookup keys; ``words`` lists the words that decide whether a
name is really a place.
"""

from __future__ import annotations

from corpus.places.gazetteer import (
    Gazetteer,
    GazetteerError,
    Place,
    PlaceMention,
    default_gazetteer,
    distance_km,
)

__all__ = [
    "Gazetteer",
    "GazetteerError",
    "Place",
    "PlaceMention",
    "default_gazetteer",
    "distance_km",
]
