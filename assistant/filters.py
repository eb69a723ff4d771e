"""Structured filters and the row mask they select, computed before any ranking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from assistant.errors import InvalidQueryError
from corpus.audience import audience_groups, audience_regions
from corpus.model import FORMATS, LEVELS, Module
from corpus.text import fold

Mask = npt.NDArray[np.bool_]


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

    Shared by the search filters and the guidance service's constraints and preferences;
    ``level`` and ``format`` hold the folded keys, or ``None`` when unknown.
    """

    def __init__(
        self, modules: tuple[Module, ...], coords: npt.NDArray[np.float64] | None = None
    ) -> None:
        self.hours = np.array(
            [m.duration_hours if m.duration_hours is not None else np.nan for m in modules],
            dtype=np.float64,
        )
        self.level = np.array([m.level_key for m in modules], dtype=object)
        self.format = np.array([m.format_key for m in modules], dtype=object)
        self.distance_learning: Mask = np.asarray(self.format == "distanciel", dtype=bool)
        self.groups = [audience_groups(m.audience) for m in modules]
        self.regions = [audience_regions(m.audience) for m in modules]
        self.qualifying: Mask = np.array(
            [fold(m.certification or "") == "qualifiante" for m in modules], dtype=bool
        )
        self.coords = (
            coords if coords is not None else np.full((len(modules), 2), np.nan, dtype=np.float64)
        )
        self.city = np.array([fold(m.city or "").strip() for m in modules], dtype=object)
        self.postal = np.array([(m.postal_code or "").strip() for m in modules], dtype=object)
        self.certified: Mask = np.array([bool(m.certification) for m in modules], dtype=bool)
        self.cert_text = [fold(f"{m.certification or ''} {m.title}") for m in modules]
        self.provider = [fold(m.provider or "") for m in modules]
        # The last start date as a day number; NaN when the catalog gives none.
        self.last_start = np.array(
            [max(m.start_dates).toordinal() if m.start_dates else np.nan for m in modules],
            dtype=np.float64,
        )

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
