"""Structured filters and the row mask they select, computed before any ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from assistant.errors import InvalidQueryError
from corpus.audience import audience_groups, audience_regions
from corpus.model import FORMATS, LEVELS, Module
from corpus.text import fold

Mask = npt.NDArray[np.bool_]
T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """Hard constraints on modules. ``None`` means "no constraint".

    Attributes:
        city: a town name or a 4-digit postal code; keeps modules given there.
        max_hours: keeps modules whose known length is at most this many hours.
        level: one of ``initiation``, ``intermediaire``, ``avance``, ``certification``.
        format: one of ``presentiel``, ``distanciel``, ``hybride``.
        certification: ``True`` keeps modules leading to a certificate; a string keeps modules
            whose certificate (or title) names it, e.g. ``"CCNA"``.
        provider: keeps modules whose provider's name contains it (case and accents folded),
            e.g. ``"forem"`` for "Le Forem".
        starts_from: keeps modules with a start date on or after this day, and modules whose
            catalog entry gives no date (rolling entry, or dates not published yet: they are
            not known to be over, so they stay and their card says the dates are to be checked).
    """

    city: str | None = None
    max_hours: float | None = None
    level: str | None = None
    format: str | None = None
    certification: bool | str | None = None
    provider: str | None = None
    starts_from: date | None = None

    def __post_init__(self) -> None:
        if self.max_hours is not None and not self.max_hours > 0:
            raise InvalidQueryError("max_hours must be a positive number of hours")
        if self.level is not None and fold(self.level) not in LEVELS:
            raise InvalidQueryError(f"level must be one of {', '.join(LEVELS)}")
        if self.format is not None and fold(self.format) not in FORMATS:
            raise InvalidQueryError(f"format must be one of {', '.join(FORMATS)}")
        if isinstance(self.city, str) and not self.city.strip():
            raise InvalidQueryError(
                "city is empty; give a town name or a postal code, or leave it out"
            )
        if isinstance(self.provider, str) and not self.provider.strip():
            raise InvalidQueryError("provider is empty; give part of its name, or leave it out")

    @property
    def active(self) -> bool:
        return any(
            v not in (None, False)
            for v in (
                self.city,
                self.max_hours,
                self.level,
                self.format,
                self.certification,
                self.provider,
                self.starts_from,
            )
        )


class Facets:
    """Per-row facts of the modules, as arrays, so a filter is a few vector operations.

    Shared by the search filters, the guidance service's constraints and preferences, and the
    catalogue's orders; ``level`` and ``format`` hold the folded keys, or ``None`` when
    unknown. Computed in one pass over the modules (a module store decodes each once and
    keeps none); repeated values (towns, audiences, providers) are held once.
    """

    def __init__(
        self, modules: Sequence[Module], coords: npt.NDArray[np.float64] | None = None
    ) -> None:
        n = len(modules)
        self.hours = np.full(n, np.nan, dtype=np.float64)
        self.level = np.full(n, None, dtype=object)
        self.format = np.full(n, None, dtype=object)
        self.language = np.full(n, "fr", dtype=object)  # the language the module is taught in
        self.qualifying: Mask = np.zeros(n, dtype=bool)
        self.certified: Mask = np.zeros(n, dtype=bool)
        self.city = np.full(n, "", dtype=object)
        self.postal = np.full(n, "", dtype=object)
        # The last start date as a day number; NaN when the catalog gives none.
        self.last_start = np.full(n, np.nan, dtype=np.float64)
        self.groups: list[frozenset[str]] = []
        self.regions: list[frozenset[str]] = []
        self.cert_text: list[str] = []
        self.provider: list[str] = []
        self.town = np.full(n, "", dtype=object)  # the town as written, casefolded
        # Every start date as a day number, row by row: row r's are
        # start_days[start_offsets[r]:start_offsets[r + 1]].
        self.start_offsets = np.zeros(n + 1, dtype=np.int64)
        days: list[int] = []
        titles: list[tuple[str, str]] = []
        once: dict[object, object] = {}  # one copy of each repeated value
        audiences: dict[str | None, tuple[frozenset[str], frozenset[str]]] = {}

        def same(value: T) -> T:
            return once.setdefault(value, value)  # type: ignore[return-value]

        for row, m in enumerate(modules):
            if m.duration_hours is not None:
                self.hours[row] = m.duration_hours
            self.level[row] = same(m.level_key)
            self.format[row] = same(m.format_key)
            self.language[row] = same(m.language)
            if m.audience not in audiences:
                audiences[m.audience] = (
                    same(audience_groups(m.audience)),
                    same(audience_regions(m.audience)),
                )
            groups, regions = audiences[m.audience]
            self.groups.append(groups)
            self.regions.append(regions)
            certification = m.certification or ""
            self.qualifying[row] = fold(certification) == "qualifiante"
            self.certified[row] = bool(m.certification)
            self.city[row] = same(fold(m.city or "").strip())
            self.postal[row] = same((m.postal_code or "").strip())
            self.town[row] = same((m.city or "").casefold())
            self.cert_text.append(same(fold(f"{certification} {m.title}")))
            self.provider.append(same(fold(m.provider or "")))
            if m.start_dates:
                self.last_start[row] = max(m.start_dates).toordinal()
                days.extend(d.toordinal() for d in m.start_dates)
            self.start_offsets[row + 1] = len(days)
            titles.append((m.title.casefold(), m.id))
        self.distance_learning: Mask = np.asarray(self.format == "distanciel", dtype=bool)
        self.coords = coords if coords is not None else np.full((n, 2), np.nan, dtype=np.float64)
        self.start_days = np.asarray(days, dtype=np.int64)
        # Each row's place in the order of titles (then ids), as the catalogue lists them.
        self.title_rank = np.zeros(n, dtype=np.int64)
        self.title_rank[sorted(range(n), key=titles.__getitem__)] = np.arange(n)

    def past(self, cutoff: date | None) -> Mask:
        """Rows whose every start date is before ``cutoff`` (stale modules, see
        :mod:`corpus.freshness`); none when ``cutoff`` is ``None``. Undated rows are never past."""
        if cutoff is None:
            return np.zeros(len(self.last_start), dtype=bool)
        with np.errstate(invalid="ignore"):
            gone: Mask = self.last_start < cutoff.toordinal()
        return gone

    def names_place(self, text: str) -> bool:
        """Whether some module is given in the town or postal code ``text``."""
        place = fold(text).strip()
        return bool(place) and bool(np.any((self.city == place) | (self.postal == place)))

    def mask(self, filters: Filters) -> Mask | None:
        """Rows allowed by ``filters``; ``None`` when every row is allowed."""
        if not filters.active:
            return None
        keep = np.ones(len(self.hours), dtype=bool)
        if filters.max_hours is not None:
            with np.errstate(invalid="ignore"):
                keep &= self.hours <= filters.max_hours
        if filters.level is not None:
            keep &= self.level == fold(filters.level)
        if filters.format is not None:
            keep &= self.format == fold(filters.format)
        if filters.city is not None:
            place = fold(filters.city).strip()
            keep &= (self.city == place) | (self.postal == place)
        if filters.certification is True:
            keep &= self.certified
        elif isinstance(filters.certification, str) and filters.certification.strip():
            needle = fold(filters.certification).strip()
            keep &= self.certified & np.array([needle in t for t in self.cert_text], dtype=bool)
        if filters.provider is not None:
            name = fold(filters.provider).strip()
            keep &= np.array([name in p for p in self.provider], dtype=bool)
        if filters.starts_from is not None:
            undated = np.isnan(self.last_start)
            with np.errstate(invalid="ignore"):
                keep &= undated | (self.last_start >= filters.starts_from.toordinal())
        return keep
