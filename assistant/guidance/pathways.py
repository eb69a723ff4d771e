"""Pathways as plans: on-topic modules in reach, from the person's level up to the goal's.

1. The goal's level: when the person aims at a job or a certificate, the highest level of
   the on-topic modules in reach ("certification" when a certifying one is); otherwise the
   highest level among the five best matches (what the person is shown). No pathway when
   it is not above the entry level.
2. The entry level: the one the person stated (or their reading difficulty / digital level
   implies); a person aiming at a job or a certificate without saying their level starts at
   the first level. A beginner with computers aiming at a digital subject starts with
   computer basics.
3. The last step is chosen first (best at the goal's level); each lower step is the module of
   that level that best fits both the need (its fused score) and the lineage (cosine of its
   vector with the next step's, plus a share of the next step's prerequisites it names).
4. At most ``MAX_STEPS``; a long programme (``LONG_HOURS``) is avoided below the last step,
   and as a first step is kept only when nothing shorter exists ("long_first_step" note).
   With a time budget, middle steps are dropped until the total fits.
5. Total hours and weeks at the person's weekly pace (see ``constraints.weekly_pace``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.filters import Facets
from assistant.guidance.constraints import weekly_pace
from assistant.guidance.ranking import LEVEL_RANK, Candidate, entry_level
from assistant.guidance.types import Match, Pathway, PathwayStep
from assistant.understanding import Profile
from corpus.model import LEVELS, Module
from index.analyzer import analyze

MAX_STEPS = 4
LONG_HOURS = 300.0
LINEAGE_WEIGHT = 0.5
HEAD = 5  # the matches a person is shown: the highest level among them is where they aim


@dataclass(frozen=True)
class PathwayInput:
    """What the planner needs of one answer."""

    profile: Profile
    goal: str
    candidates: list[Candidate]  # on-topic rows in reach, best first
    modules: Sequence[Module]
    vectors: npt.NDArray[np.float32]  # module vectors, by row
    hours_budget: float | None
    basics: Candidate | None  # computer basics for a digital beginner, when needed
    # Levels and hours by row, read without decoding modules (None: from ``modules``).
    facts: Facets | None = None
    aims_at_work: bool = False  # "je veux travailler dans ...": a job aim no occupation names


def plan(data: PathwayInput, make_match: Callable[[Candidate], Match]) -> Pathway | None:
    """A pathway for this answer, or ``None`` when the goal is not above the entry level."""
    profile, modules = data.profile, data.modules
    rows = _Rows(data.facts or Facets(modules))
    pool = [c for c in data.candidates if rows.level(c.row) is not None]
    if not pool:
        return None
    aims_high = bool(profile.goals) or bool(profile.certification) or data.aims_at_work
    entry = entry_level(profile)
    if entry is None:
        if not aims_high:
            return None
        entry = LEVEL_RANK["initiation"]
    target = _target_level(pool, rows, aims_high)
    if target <= entry:  # no progression: the matches are the answer, not a plan
        return None
    chosen: list[Candidate] = []
    last = _best(pool, rows, modules, LEVELS[target], None, data.vectors, final=True)
    if last is None:
        return None
    chosen.append(last)
    first = entry + 1 if data.basics is not None else entry
    for level in reversed(LEVELS[first:target]):
        step = _best(pool, rows, modules, level, chosen[0], data.vectors, final=False)
        if step is not None and step.row not in {c.row for c in chosen}:
            chosen.insert(0, step)
    if data.basics is not None and data.basics.row not in {c.row for c in chosen}:
        chosen.insert(0, data.basics)
    chosen = _fit(chosen, rows, data.hours_budget)
    if len(chosen) < 2:
        return None
    notes: tuple[str, ...] = ()
    first_hours = rows.hours(chosen[0].row)
    if first_hours is not None and first_hours >= LONG_HOURS:
        notes = ("long_first_step",)
    steps = tuple(PathwayStep(make_match(c), rows.level(c.row)) for c in chosen)
    hours = [rows.hours(c.row) for c in chosen]
    total = None if any(h is None for h in hours) else float(sum(h or 0.0 for h in hours))
    weeks = None if total is None else math.ceil(2 * total / weekly_pace(profile)) / 2
    return Pathway(steps, total, data.goal, weeks, notes)


class _Rows:
    """A row's level key and hours, from the facets (no module decoded)."""

    def __init__(self, facts: Facets) -> None:
        self.facts = facts

    def level(self, row: int) -> str | None:
        level: str | None = self.facts.level[row]
        return level

    def hours(self, row: int) -> float | None:
        hours = float(self.facts.hours[row])
        return None if math.isnan(hours) else hours


def _target_level(pool: list[Candidate], rows: _Rows, aims_high: bool) -> int:
    levels = [LEVEL_RANK[lv] for c in pool if (lv := rows.level(c.row))]
    if aims_high:  # a job or a certificate: as far as the on-topic modules in reach go
        return max(levels)
    head = [LEVEL_RANK[lv] for c in pool[:HEAD] if (lv := rows.level(c.row))]
    return max(head) if head else 0


def _best(
    pool: list[Candidate],
    rows: _Rows,
    modules: Sequence[Module],
    level: str,
    after: Candidate | None,
    vectors: npt.NDArray[np.float32],
    *,
    final: bool,
) -> Candidate | None:
    """The candidate of ``level`` that best fits the need and leads to ``after``."""
    at = [c for c in pool if rows.level(c.row) == level]
    if not at:
        return None
    if not final:
        short = [c for c in at if (rows.hours(c.row) or 0.0) < LONG_HOURS]
        at = short or at
    top = max(c.score for c in at) or 1.0

    def fit(c: Candidate) -> float:
        value = c.score / top
        if after is not None:
            cosine = float(vectors[c.row] @ vectors[after.row])
            value += LINEAGE_WEIGHT * (cosine + _named(modules[c.row], modules[after.row]))
        return value

    return max(at, key=fit)


def _named(step: Module, next_step: Module) -> float:
    """The share of ``step``'s title words that ``next_step``'s prerequisites name."""
    title = set(analyze(step.title))
    if not title or not next_step.prerequisites:
        return 0.0
    return len(title & set(analyze(next_step.prerequisites))) / len(title)


def _fit(chosen: list[Candidate], rows: _Rows, budget: float | None) -> list[Candidate]:
    """At most ``MAX_STEPS``, dropping middle steps first, and within the hours budget."""

    def total(cs: list[Candidate]) -> float:
        return sum(rows.hours(c.row) or 0.0 for c in cs)

    while len(chosen) > MAX_STEPS or (
        budget is not None and len(chosen) > 2 and total(chosen) > budget
    ):
        middle = chosen[1:-1]
        longest = max(middle, key=lambda c: rows.hours(c.row) or 0.0)
        chosen = [c for c in chosen if c is not longest]
    if budget is not None and total(chosen) > budget:
        return []
    return chosen
