"""The answer of the guidance service: matches with their reasons, near misses, a pathway.

Plain data, shared by the guidance service, the dialogue and the web layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.understanding import Profile
from corpus.model import Module

CheckName = Literal["distance", "duration", "format", "level", "cost", "audience", "certification"]
WhyNot = Literal["too_far", "too_long", "format", "audience", "certification", "level"]


@dataclass(frozen=True)
class Check:
    """One line of a result's checklist: a fact and whether it suits the person.

    ``ok`` is ``True`` (fits a stated need), ``False`` (does not fit; only ever shown, never
    hidden) or ``None`` (nothing stated to compare with, or the fact is unknown).
    """

    name: CheckName
    ok: bool | None
    value: Any  # km, hours, the format key, the level key, the cost text, the audience text


@dataclass(frozen=True)
class Reason:
    """A need the module answers, with a phrase quoted from its own description."""

    need: str  # the person's words (or the goal occupation) this answers
    evidence: str  # a sentence or phrase of the module's description, verbatim


@dataclass(frozen=True)
class Match:
    module: Module
    score: float
    distance_km: float | None  # None for distance learning (in reach from everywhere)
    reasons: tuple[Reason, ...]
    checks: tuple[Check, ...]
    scores: dict[str, float | None] = field(default_factory=dict)  # lexical, semantic, constraints


@dataclass(frozen=True)
class NearMiss:
    """A module that fitted the need but broke a hard constraint, with why."""

    module: Module
    why_not: tuple[WhyNot, ...]
    distance_km: float | None = None


@dataclass(frozen=True)
class Relaxation:
    """A constraint the service loosened because too few modules passed, said to the person."""

    kind: Literal["radius", "distance_learning", "anywhere"]
    from_km: float | None = None
    to_km: float | None = None


@dataclass(frozen=True)
class PathwayStep:
    match: Match
    level: str | None  # the module's level key


@dataclass(frozen=True)
class Pathway:
    """Modules ordered from the person's entry level to their goal."""

    steps: tuple[PathwayStep, ...]
    total_hours: float | None  # None when a step's length is unknown
    goal: str  # what the path leads to (the goal occupation or the topic)
    weeks: float | None = None  # an estimated duration at the person's pace
    notes: tuple[str, ...] = ()  # e.g. "long_first_step": nothing shorter exists to start


@dataclass(frozen=True)
class Guidance:
    profile: Profile
    matches: tuple[Match, ...]
    near_misses: tuple[NearMiss, ...] = ()
    pathway: Pathway | None = None
    relaxations: tuple[Relaxation, ...] = ()
    allowed: int = 0  # modules that passed the hard constraints in the end
    on_topic: int = 0  # modules that answer the need, anywhere (before place and format)
    fewer_than_asked: bool = False  # fewer on-topic modules in reach than asked for: say so
    # The person does not speak French and no on-topic module in reach is taught in a
    # language they speak: the French-taught ones are shown, and the dialogue says so.
    language_fallback: bool = False
