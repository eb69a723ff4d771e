"""The jobseeker's profile: what Boussole understood, shown back so it can be corrected.

Every field is optional; ``None`` (or empty) means "not stated". The parser in
:mod:`assistant.understanding.parser` fills it from free text; the counsellor console and
the API can set it directly. Nothing here is invented: a field is set only when the person
stated it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

DigitalLevel = Literal["none", "basic", "comfortable", "professional"]
Language = Literal["fr", "nl", "en", "de"]
# When a person is free: "morning", "afternoon", "daytime" (school hours), "evenings",
# "weekends", "part_time", "full_time".
SCHEDULES = ("morning", "afternoon", "daytime", "evenings", "weekends", "part_time", "full_time")


@dataclass(frozen=True)
class PlaceRef:
    """A place the person named, resolved through the gazetteer."""

    name: str
    postal_code: str
    municipality: str
    province: str | None
    region: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Profile:
    """What Boussole knows of a person. Hard constraints are marked as such in their names."""

    place: PlaceRef | None = None
    near: bool = False  # "près de Liège": the person accepts the surroundings
    radius_km: float | None = None  # explicit radius or one derived from travel minutes
    max_travel_minutes: int | None = None
    has_car: bool | None = None
    willing_to_move: bool = False
    schedules: frozenset[str] = frozenset()
    has_children: bool = False
    max_hours: float | None = None
    max_weeks: float | None = None
    prefers_short: bool = False  # "une formation courte", without a number: a preference
    public_transport: bool = False
    schedules_refused: frozenset[str] = frozenset()  # "pas le soir": never proposed
    formats: frozenset[str] = frozenset()  # accepted formats; empty = any
    format_required: bool = False  # "uniquement à distance" (hard) vs "plutôt à distance" (soft)
    formats_refused: frozenset[str] = frozenset()  # "pas de distanciel": a hard constraint
    has_computer: bool | None = None  # "je n'ai pas d'ordinateur à la maison": False
    digital_level: DigitalLevel | None = None
    domain_level: DigitalLevel | None = None
    little_schooling: bool = False
    diploma: Literal["none", "secondary", "higher"] | None = None
    reading_difficulty: bool = False  # dyslexia, "lire c'est dur": plain words, initiation
    french_level: Literal["none", "basic", "good"] | None = None
    languages_spoken: frozenset[str] = frozenset()  # ISO 639-1 codes the person speaks
    languages_not_spoken: frozenset[str] = frozenset()  # "je ne parle pas néerlandais": nl
    goals: tuple[str, ...] = ()  # occupations wanted (labels)
    past: tuple[str, ...] = ()  # occupations held (labels)
    certificates_held: tuple[str, ...] = ()  # "j'ai mon CCNA": never proposed again
    certification: bool | str | None = None  # wants a certificate; a string names it
    orientation: bool = False  # "je ne sais pas quoi faire": orientation first
    statuses: frozenset[str] = frozenset()
    language: Language = "fr"  # the language the person wrote in
    topic: str = ""  # the need, as words for retrieval
    evidence: dict[str, str] = field(default_factory=dict, compare=False)  # field → words read

    def with_changes(self, **changes: Any) -> Profile:
        """A copy with some fields replaced (refinements, corrections)."""
        return replace(self, **changes)

    @property
    def stated(self) -> set[str]:
        """Names of the fields the person stated."""
        empty = Profile()
        return {
            name
            for name in self.__dataclass_fields__
            if name not in {"evidence", "language", "topic"}
            and getattr(self, name) != getattr(empty, name)
        }

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (sets as sorted lists)."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, PlaceRef):
                value = value.__dict__.copy()
            out[name] = value
        return out
