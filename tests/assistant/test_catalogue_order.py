"""The catalogue's orders, sorted on the facets' arrays, are the orders the module fields give."""

from __future__ import annotations

import math
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from assistant.catalogue import Catalogue, Listing
from assistant.search import SearchService
from assistant.services import guidance_for
from corpus.loaders import load_catalog
from corpus.model import Module
from index.builder import build_index
from index.module_store import ModuleStore
from index.store import LoadedIndex
from tests.conftest import write_jsonl
from tests.fakes import FakeEncoder

TODAY = date(2027, 3, 1)


def _records(n: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    titles = ["Soudure", "soudure", "Écrire", "Abc", "abc", "Zèbre", "Bureautique"]
    towns = ["Mons", "mons", "Liège", "Arlon", None, "Écaussinnes"]
    days = [date(2026, 12, 1), date(2027, 3, 1), date(2027, 5, 2), date(2028, 1, 9)]
    out: list[dict[str, object]] = []
    for i in range(n):
        dates = rng.sample(days, rng.randrange(0, 3))
        out.append(
            {
                "id": f"m{rng.randrange(1000):03d}-{i}",
                "title": rng.choice(titles),
                "city": rng.choice(towns),
                "format": rng.choice(["presentiel", "distanciel", "hybride", None]),
                "start_dates": [d.isoformat() for d in dates],
            }
        )
    return out


def _reference(
    modules: list[Module],
    remote: np.ndarray,
    rows: list[int],
    scores: np.ndarray | None,
    sort: str,
    km: np.ndarray | None,
) -> list[int]:
    """The order as the fields say it (titles casefolded, then ids)."""
    day = TODAY.toordinal()

    def title(r: int) -> tuple[str, str]:
        return modules[r].title.casefold(), modules[r].id

    def key(r: int) -> tuple[object, ...]:
        if sort == "relevance" and scores is not None:
            return (-scores[r], *title(r))
        if sort == "town":
            far = math.inf if km is None or remote[r] or math.isnan(km[r]) else km[r]
            town = "" if remote[r] else (modules[r].city or "").casefold()
            return (bool(remote[r]), far, town or "\uffff", *title(r))
        if sort == "date":
            upcoming = [d.toordinal() for d in modules[r].start_dates if d.toordinal() >= day]
            return (min(upcoming) if upcoming else math.inf, *title(r))
        return title(r)

    return sorted(rows, key=key)


@pytest.mark.parametrize("sort", ["title", "relevance", "town", "date"])
def test_orders_match_the_modules_fields(tmp_path: Path, sort: str) -> None:
    catalog = load_catalog(write_jsonl(tmp_path / "c.jsonl", _records(120)))
    encoder = FakeEncoder()
    build_index(catalog, encoder, tmp_path / "ix")
    index = LoadedIndex.open(tmp_path / "ix", encoder)
    assert isinstance(index.modules, ModuleStore)
    catalogue = Catalogue(guidance_for(SearchService(index)))
    modules = list(catalog.modules)
    rng = np.random.default_rng(3)
    rows = np.sort(rng.choice(len(modules), 90, replace=False))
    scores = rng.choice([0.0, 0.5, 0.25], len(modules))  # many ties
    km = rng.choice([3.0, 12.0, np.nan], len(modules))
    for place in (km, None):
        listing = catalogue._order(rows, scores, sort, place, TODAY)  # type: ignore[arg-type]
        remote = catalogue.facts.distance_learning
        expected = _reference(modules, remote, [int(r) for r in rows], scores, sort, place)
        assert isinstance(listing, Listing) and len(listing) == len(rows)
        assert [x.module.id for x in listing[:]] == [modules[r].id for r in expected]
        first = listing[0]
        assert first.module == modules[expected[0]]
        if place is None or remote[expected[0]] or np.isnan(place[expected[0]]):
            assert first.distance_km is None
        else:
            assert first.distance_km == round(float(place[expected[0]]), 1)
