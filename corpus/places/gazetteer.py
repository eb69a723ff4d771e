"""Belgian places: the packaged gazetteer, catalog place fields, and places in free text.

    gazetteer = default_gazetteer()                  # loads corpus/data/places.csv once
    gazetteer.resolve("Charleroi - Gosselies")       # Place(name='Gosselies', ...)
    gazetteer.find_in_text("j'habite près de Liège") # [PlaceMention(..., near=True)]

The data (GeoNames and Statbel, CC BY 4.0) and its attribution are described in
``corpus/data/NOTICE.md``. Free-text matching rules are in :mod:`corpus.places.finder`.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from corpus.errors import CorpusError
from corpus.places.finder import find_mentions
from corpus.places.names import NameIndex, RowNames, name_key
from corpus.places.words import (
    EXONYMS,
    FUZZY_BLOCK,
    GERMAN_SPEAKING_CODES,
    IGNORED_QUALIFIERS,
    PROVINCES,
)

EARTH_RADIUS_KM = 6371.0088
COLUMNS = ("postal_code", "name_fr", "name_nl", "municipality", "province", "region", "lat", "lon")
_CODE = re.compile(r"(?:B\s*-?\s*)?(\d{4})", re.IGNORECASE)
_PARTS = re.compile(r"\s*[()\[\],;/|]\s*|\s+[-–—]\s+")
_CODE_AND_NAME = re.compile(r"(?:B\s*-?\s*)?(\d{4})\s+(.+)|(.+?)\s+(\d{4})", re.IGNORECASE)


class Named(Protocol):
    """Anything naming a place by its gazetteer name and postal code (a :class:`Place`, or
    the profile's place reference)."""

    @property
    def name(self) -> str: ...

    @property
    def postal_code(self) -> str: ...


class GazetteerError(CorpusError):
    """The gazetteer file is missing or malformed; names the file and the row."""


@dataclass(frozen=True)
class Place:
    """One postal locality."""

    name: str  # the locality as written in French where there is a French name (else NL)
    postal_code: str
    municipality: str
    province: str | None
    region: str  # Wallonie / Bruxelles / Vlaanderen
    lat: float
    lon: float


@dataclass(frozen=True)
class PlaceMention:
    """A place found in free text."""

    place: Place
    start: int  # character span in the original text
    end: int
    near: bool  # "près de X", "autour de X", "région de X", "in de buurt van X", "near X"


def distance_km(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance between two places, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Belgian postal localities, with lookups by name, postal code and free text."""

    def __init__(self, rows: Iterable[Mapping[str, str]], *, source: str = "gazetteer") -> None:
        """Index gazetteer rows: mappings with the columns of ``places.csv`` (all strings).

        Raises:
            GazetteerError: a row lacks a name, a municipality or a postal code, or has
                coordinates that are not numbers (``source`` names where it came from).
        """
        places, names = [], []
        for line, row in enumerate(rows, start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
                code, fr, nl, municipality = (
                    row[k].strip() for k in ("postal_code", "name_fr", "name_nl", "municipality")
                )
                province, region = row["province"].strip() or None, row["region"].strip()
            except (KeyError, AttributeError, TypeError, ValueError):
                raise GazetteerError(f"{source}, line {line}: missing or bad value") from None
            if not ((fr or nl) and municipality and code):
                raise GazetteerError(f"{source}, line {line}: no name, municipality or code")
            places.append(Place(fr or nl, code, municipality, province, region, lat, lon))
            names.append(RowNames(code, fr, nl, municipality))
        self.places = tuple(places)
        self._names = tuple(names)
        self._index = NameIndex.build(names)

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Read a gazetteer CSV (default: the packaged ``corpus/data/places.csv``).

        Raises:
            GazetteerError: the file cannot be read, has other columns, or a row is invalid.
        """
        where = str(path) if path else "corpus/data/places.csv"
        try:
            if path is None:
                text = resources.files("corpus").joinpath("data", "places.csv").read_text("utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise GazetteerError(f"{where}: cannot read the gazetteer ({error})") from None
        reader = csv.DictReader(io.StringIO(text))
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise GazetteerError(f"{where}: expected the columns {', '.join(COLUMNS)}")
        return cls(reader, source=where)

    def __len__(self) -> int:
        return len(self.places)

    def by_postal_code(self, code: str) -> list[Place]:
        """Every locality of a postal code, its municipality's own locality first."""
        return [self.places[i] for i in self._index.codes.get(code.strip(), [])]

    def resolve(self, value: str) -> Place | None:
        """The place a catalog field names: "Gosselies", "6041", "Mons (Hainaut)"...

        Names match whatever their case, accents, hyphens and apostrophes, in French or Dutch,
        and municipality names give the municipality's own locality. A field with several
        parts ("Charleroi - Gosselies", "Seraing (Ougrée)", "7000 Mons") gives the most precise
        part; a province in it ("Mons (Hainaut)") only narrows the choice.
        """
        value = value.strip()
        code = _CODE.fullmatch(value)
        if code:
            return self._first(self._index.codes.get(code.group(1), []))
        rows = self._rows(name_key(value))
        if rows:
            return self.places[rows[0]]
        return self._resolve_parts([p for p in _PARTS.split(value) if p.strip()])

    def find_in_text(self, text: str) -> list[PlaceMention]:
        """Places mentioned in a jobseeker's free text, in text order, each place once.

        Never guesses: a name that is also an ordinary word ("ans", "heure", "marche") counts
        only when written like a place after a place cue; see :mod:`corpus.places.finder`.
        """
        return [
            PlaceMention(self.places[f.row], f.start, f.end, f.near)
            for f in find_mentions(self._index, text)
        ]

    def name_in(self, place: Named, language: str) -> str:
        """``place``'s name as a reader of ``language`` (``fr``, ``nl``, ``en``, ``de``) knows it.

        French and Dutch take the gazetteer's own name in that language ("Bruxelles",
        "Brussel"); English and German take their exonym where one is in common use
        ("Brussels", "Lüttich"), else the name used locally: Dutch in Flanders, German in the
        German-speaking Community (German only), French elsewhere. A place the gazetteer does
        not hold keeps the name it came with.
        """
        row = self._row_named(place)
        if row is None:
            return place.name
        names = self._names[row]
        fr, nl = names.name_fr, names.name_nl
        exonym = EXONYMS.get(language, {}).get((names.postal_code, fr or nl))
        if exonym:
            return exonym
        local_second = self.places[row].region == "Vlaanderen" or (
            language == "de"
            and names.postal_code.isdigit()
            and int(names.postal_code) in GERMAN_SPEAKING_CODES
        )
        if language == "nl" or (language in ("en", "de") and local_second):
            return nl or fr
        return fr or nl

    def _row_named(self, place: Named) -> int | None:
        """The row of ``place``: its postal code's row bearing its name."""
        rows = self._index.codes.get(place.postal_code, [])
        for i in rows:
            if place.name in (self._names[i].name_fr, self._names[i].name_nl):
                return i
        key = name_key(place.name)
        return next((i for i in rows if name_key(self.places[i].name) == key), None)

    def _first(self, rows: list[int]) -> Place | None:
        return self.places[rows[0]] if rows else None

    def _rows(self, key: str) -> list[int]:
        if not key:
            return []
        rows = self._index.names.get(key)
        if rows:
            return rows
        if " " in key or key in FUZZY_BLOCK:
            return []
        row = self._index.fuzzy(key)
        return [] if row is None else [row]

    def _resolve_parts(self, parts: list[str]) -> Place | None:
        codes: list[str] = []
        provinces: list[str] = []
        choices: list[list[int]] = []
        for n, part in enumerate(parts):
            key = name_key(part)
            code = _CODE.fullmatch(part)
            pair = _CODE_AND_NAME.fullmatch(part)
            if code:
                codes.append(code.group(1))
            elif n and key in PROVINCES:
                provinces.append(PROVINCES[key])
            elif key in IGNORED_QUALIFIERS:
                continue
            elif self._rows(key):
                choices.append(self._rows(key))
            elif pair:
                codes.append(pair.group(1) or pair.group(4))
                choices.append(self._rows(name_key(pair.group(2) or pair.group(3))))
        choices = [self._narrow(rows, codes, provinces) for rows in choices if rows]
        if not choices:
            return self._first(self._index.codes.get(codes[0], [])) if codes else None
        best = [rows[0] for rows in choices]
        municipalities = [self.places[i].municipality for i in best]
        for i, municipality in zip(best, municipalities, strict=True):
            if municipalities.count(municipality) > 1 and not self._index.centre[i]:
                return self.places[i]  # "Charleroi - Gosselies": the part inside the other
        return self.places[best[0]]

    def _narrow(self, rows: list[int], codes: list[str], provinces: list[str]) -> list[int]:
        """Keep the rows with one of ``codes``, then of ``provinces``; a filter that would
        keep nothing is ignored (the name wins over a wrong code)."""
        if codes:
            rows = [i for i in rows if self.places[i].postal_code in codes] or rows
        if provinces:
            rows = [i for i in rows if self.places[i].province in provinces] or rows
        return rows


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded on first use and then shared."""
    return Gazetteer.load()
