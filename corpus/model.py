"""The training module, as catalog-format.md defines it, and a validated catalog."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

LEVELS = ("initiation", "intermediaire", "avance", "certification")
# Providers' own words for the four levels (folded, spaces removed).
LEVEL_SYNONYMS = {
    "debutant": "initiation",
    "debutants": "initiation",
    "base": "initiation",
    "bases": "initiation",
    "decouverte": "initiation",
    "sensibilisation": "initiation",
    "beginner": "initiation",
    "perfectionnement": "intermediaire",
    "moyen": "intermediaire",
    "intermediate": "intermediaire",
    "expert": "avance",
    "avances": "avance",
    "advanced": "avance",
    "certifiant": "certification",
    "certifiante": "certification",
}
FORMATS = ("presentiel", "distanciel", "hybride")

STRING_FIELDS = (
    "description",
    "provider",
    "city",
    "postal_code",
    "region",
    "level",
    "format",
    "certification",
    "prerequisites",
    "audience",
    "cost",
    "language",
    "url",
)
KNOWN_FIELDS = ("id", "title", *STRING_FIELDS, "duration_hours", "start_dates", "tags")


@dataclass(frozen=True, slots=True)
class Module:
    """One training module. Optional fields are ``None`` when unknown.

    ``extra`` keeps every key the format does not define, untouched.
    """

    id: str
    title: str
    description: str | None = None
    provider: str | None = None
    city: str | None = None
    postal_code: str | None = None
    region: str | None = None
    duration_hours: float | None = None
    level: str | None = None
    format: str | None = None
    certification: str | None = None
    prerequisites: str | None = None
    audience: str | None = None
    cost: str | None = None
    language: str = "fr"
    url: str | None = None
    start_dates: tuple[date, ...] = ()
    tags: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def level_key(self) -> str | None:
        """The level folded to one of ``LEVELS`` when it is one of them, else ``None``."""
        from corpus.text import fold

        if self.level is None:
            return None
        key = fold(self.level).replace(" ", "")
        key = LEVEL_SYNONYMS.get(key, key)
        return key if key in LEVELS else None

    @property
    def format_key(self) -> str | None:
        """The format folded to one of ``FORMATS`` when it is one of them, else ``None``."""
        from corpus.text import fold

        if self.format is None:
            return None
        key = fold(self.format).replace(" ", "")
        return key if key in FORMATS else None

    def to_dict(self) -> dict[str, Any]:
        """The module in the interchange format (extra keys included)."""
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        for name in STRING_FIELDS:
            out[name] = getattr(self, name)
        out["duration_hours"] = self.duration_hours
        out["start_dates"] = [d.isoformat() for d in self.start_dates]
        out["tags"] = list(self.tags)
        out.update(self.extra)
        return out

    def content_key(self) -> str:
        """A stable hash of everything the module says; changes when any field changes."""
        blob = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Catalog:
    """A whole, valid catalog: modules in file order, ids unique."""

    modules: tuple[Module, ...]
    source: str
    checksum: str

    def __len__(self) -> int:
        return len(self.modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self.modules)

    def by_id(self) -> dict[str, Module]:
        """A mapping from module id to module."""
        return {m.id: m for m in self.modules}
