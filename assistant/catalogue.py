"""Browsing the catalogue: filters, a place and a radius, optional words, and an order.

The catalogue answers as the chat does on the two points a person notices:

- **Place**: a town (or postal code) is a point, not a label. Classroom and hybrid modules
  within the radius of it are kept (Gosselies is in "Charleroi, 15 km"); distance courses
  are in reach from everywhere and stay. A foreign town only the catalog names (no
  coordinates) keeps the modules given there.
- **Words**: the chat's relevance gate (:mod:`assistant.guidance.gate`) decides which modules
  are about them at all; off-topic modules are never listed. When none on topic passes the
  filters, the nearest on-topic ones are listed instead, without the place and the level, and
  the answer says so (``nearest``); when the catalog has nothing on the words, nothing is
  listed (``nothing_on_topic``).

Orders: ``relevance`` (with words, the default; the fused score weighed by the gate's
confidence, as the chat ranks), ``town`` (by distance from the place, the default with a
place and no words; else by town name; distance courses last), ``date`` (the next start date
from today first; undated last), ``title`` (the default otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from assistant.errors import InvalidQueryError
from assistant.filters import Filters
from assistant.guidance import GuidanceService
from assistant.guidance.need import names_a_subject
from assistant.guidance.service import TOPIC_WEIGHT
from corpus.model import Module
from corpus.places import default_gazetteer
from index.placement import haversine_km

Sort = Literal["relevance", "town", "date", "title"]
SORTS: tuple[Sort, ...] = ("relevance", "town", "date", "title")
RADII_KM = (5, 10, 15, 30, 60)
DEFAULT_RADIUS_KM = 15  # the chat's first step (assistant.guidance.reach)
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Listed:
    """One module of the list and, when a place was given, its distance (km; None for a
    distance course or a module without coordinates)."""

    module: Module
    distance_km: float | None = None


class Listing(Sequence[Listed]):
    """The ordered rows of a listing; a row's module is decoded when its page is shown."""

    def __init__(
        self, catalogue: Catalogue, rows: npt.NDArray[np.intp], km: npt.NDArray[np.float64] | None
    ) -> None:
        self._catalogue = catalogue
        self.rows = rows
        self._km = km

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, i: int) -> Listed: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Listed, ...]: ...

    def __getitem__(self, i: int | slice) -> Listed | tuple[Listed, ...]:
        if isinstance(i, slice):
            return tuple(self._listed(int(r)) for r in self.rows[i])
        return self._listed(int(self.rows[i]))

    def _listed(self, row: int) -> Listed:
        c = self._catalogue
        return Listed(c.modules[row], c._distance(row, self._km))


@dataclass(frozen=True)
class Browse:
    """The whole ordered list (the pages are cut from it) and what the person must be told."""

    listed: Sequence[Listed]
    sort: Sort
    place: str | None = None  # the place as the gazetteer names it
    nearest: bool = False  # nothing on topic passed the filters: the nearest on-topic ones
    nothing_on_topic: bool = False  # the catalog has nothing on the words


@dataclass(frozen=True)
class BrowseQuery:
    """What the person asked: ``filters.city`` is the place; ``words`` optional."""

    filters: Filters
    radius_km: float = DEFAULT_RADIUS_KM
    words: str | None = None
    sort: Sort | None = None  # None: relevance with words, else town with a place, else title
    # The jobseekers' view: modules whose every session starts before this day are not listed
    # (corpus.freshness); None lists them all (the console).
    hide_before: date | None = None

    def __post_init__(self) -> None:
        if not 0 < self.radius_km <= 200:
            raise InvalidQueryError("radius_km must be a number of kilometres, from 1 to 200")
        if self.sort is not None and self.sort not in SORTS:
            raise InvalidQueryError(f"sort must be one of {', '.join(SORTS)}")


class Catalogue:
    """Lists the modules of one loaded index (through its guidance service's gate)."""

    def __init__(self, guidance: GuidanceService) -> None:
        self.guidance = guidance
        self.search = guidance.search
        self.facts = guidance.facts
        self.modules = self.search.index.modules

    def browse(self, query: BrowseQuery, today: date | None = None) -> Browse:
        """The modules ``query`` selects, in its order.

        Raises:
            InvalidQueryError: a bad filter, or a place neither Belgian nor of the catalog.
        """
        place, km, near = self._place(query)
        if query.words and not names_a_subject(query.words):
            # "formation", "cours du soir": no subject to rank on; the filters decide alone.
            kept = None if query.sort == "relevance" else query.sort
            query = replace(query, words=None, sort=kept)
        rest = replace(query.filters, city=None)
        shown = ~self.facts.past(query.hide_before)
        mask = self._mask(rest) & near & shown
        default: Sort = "relevance" if query.words else ("town" if km is not None else "title")
        sort: Sort = query.sort or default
        if not query.words:
            sort = "title" if sort == "relevance" else sort
            rows = np.flatnonzero(mask)
            return Browse(self._order(rows, None, sort, km, today), sort, place)
        scores, on_topic = self._relevance(query.words, shown)
        if not on_topic.any():
            return Browse((), sort, place, nothing_on_topic=True)
        hits = mask & on_topic
        if hits.any():
            return Browse(self._order(np.flatnonzero(hits), scores, sort, km, today), sort, place)
        # Nothing on topic passes: the nearest on-topic modules without the place and the
        # level (closest to the place first, unless the person chose an order).
        hits = self._mask(replace(rest, level=None)) & on_topic
        hits = hits if hits.any() else on_topic
        if query.sort is None and km is not None:
            sort = "town"
        listed = self._order(np.flatnonzero(hits), scores, sort, km, today)
        return Browse(listed, sort, place, nearest=True)

    # -- steps ------------------------------------------------------------------------------

    def _mask(self, filters: Filters) -> Mask:
        mask = self.facts.mask(filters)
        return np.ones(len(self.modules), dtype=bool) if mask is None else mask

    def _place(self, query: BrowseQuery) -> tuple[str | None, npt.NDArray[np.float64] | None, Mask]:
        """The place's name, the distance to every module, and the rows in reach of it."""
        everywhere = np.ones(len(self.modules), dtype=bool)
        city = query.filters.city
        if city is None:
            return None, None, everywhere
        found = default_gazetteer().resolve(city)
        if found is None:
            if self.facts.names_place(city):  # a town only the catalog names: by its name
                exact = self.facts.mask(Filters(city=city))
                return city.strip(), None, everywhere if exact is None else exact
            raise InvalidQueryError(f"city: {city!r} is not a Belgian town or postal code we know")
        km = haversine_km(found.lat, found.lon, self.facts.coords)
        with np.errstate(invalid="ignore"):
            near = (km <= query.radius_km) | self.facts.distance_learning
        return found.name, km, near

    def _relevance(self, words: str, shown: Mask) -> tuple[npt.NDArray[np.float64], Mask]:
        """Each module's score for ``words`` (0 where off topic) and the on-topic rows among
        the ``shown`` ones."""
        gate = self.guidance.gate
        prepared = self.search.prepare(self.search.check_text(words))
        catalog = None if shown.all() else shown
        p = gate.probabilities(
            words, prepared.vector, prepared.lexical_scores, catalog, prepared.cosines
        )
        p = np.where(shown, p, 0.0)
        # The gate's "surely on topic" level, not its lower threshold: the chat shows its best
        # five and may include a module merely near the need; a list the person pages
        # through must be about the words (at the threshold, "excel" at Charleroi listed a
        # generative-AI course).
        answered = bool((p >= gate.model.answered_level).any())
        on_topic = (p >= gate.model.confident) & answered
        scores = np.zeros(len(p), dtype=np.float64)
        if on_topic.any():
            for r in self.search.rank(prepared, on_topic, int(on_topic.sum())):
                scores[r.row] = r.score * float(p[r.row]) ** TOPIC_WEIGHT
            # Rows neither retriever ranked (no shared word, far vector) stay listed, last.
        return scores, on_topic

    def _order(
        self,
        rows: npt.NDArray[np.intp],
        scores: npt.NDArray[np.float64] | None,
        sort: Sort,
        km: npt.NDArray[np.float64] | None,
        today: date | None,
    ) -> Listing:
        """``rows`` in the order asked, ties by title then id; sorted on the facets' arrays,
        so that no module is decoded before its page is shown."""
        facts = self.facts
        rows = np.asarray(rows, dtype=np.intp)
        keys: list[npt.NDArray[Any]] = [facts.title_rank[rows]]  # the last key sorts first
        if sort == "relevance" and scores is not None:
            keys.append(-scores[rows])
        elif sort == "town":
            remote = facts.distance_learning[rows]
            far = (
                np.full(len(rows), math.inf)
                if km is None
                else np.nan_to_num(km[rows], nan=math.inf)
            )
            far[remote] = math.inf
            towns = facts.town[rows]
            towns[remote] = ""
            names, codes = np.unique(towns.astype(str), return_inverse=True)
            codes = codes.reshape(-1)
            if len(names) and names[0] == "":  # no town: after every named one
                codes = np.where(codes == 0, len(names), codes)
            keys += [codes, far, remote]
        elif sort == "date":
            keys.append(self._next_start(today)[rows])
        ordered = rows[np.lexsort(keys)] if len(rows) else rows
        return Listing(self, ordered, km)

    def _next_start(self, today: date | None) -> npt.NDArray[np.float64]:
        """Each row's first start date from ``today`` on, as a day number; inf when none."""
        facts = self.facts
        day = (today or date.today()).toordinal()
        days = np.where(facts.start_days >= day, facts.start_days, np.iinfo(np.int64).max)
        out = np.full(len(facts.hours), math.inf)
        starts, ends = facts.start_offsets[:-1], facts.start_offsets[1:]
        dated = ends > starts
        if dated.any():
            firsts = np.minimum.reduceat(days, starts[dated])
            out[dated] = np.where(firsts == np.iinfo(np.int64).max, math.inf, firsts)
        return out

    def _distance(self, row: int, km: npt.NDArray[np.float64] | None) -> float | None:
        if km is None or self.facts.distance_learning[row] or math.isnan(km[row]):
            return None
        return round(float(km[row]), 1)
