"""Freshness: whether a module's sessions are all over, and how many such modules a catalog holds.

A module is **stale** when it gives start dates and every one of them is before today: the
offer is over (or the provider has not published the next sessions). A module that gives no
date is **undated**, not stale: rolling entry or dates not known, nothing says it is over.
"today" is always an argument (a clock in the services), so tests fix it.

:class:`Freshness` is the serving policy: whether jobseekers see stale modules (a setting,
``BOUSSOLE_HIDE_PAST_MODULES``) and the clock that says what day it is. Counsellors always
see them, flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from corpus.model import Module


def is_stale(module: Module, today: date) -> bool:
    """Whether every start date of ``module`` is before ``today`` (``False`` when it has none)."""
    return bool(module.start_dates) and max(module.start_dates) < today


@dataclass(frozen=True)
class FreshnessCounts:
    """How many modules a catalog holds, how many are stale, and how many give no date."""

    total: int
    stale: int
    undated: int

    @property
    def current(self) -> int:
        """Modules with a session to come."""
        return self.total - self.stale - self.undated


def count_freshness(modules: Iterable[Module], today: date) -> FreshnessCounts:
    """The catalog's counts on ``today``."""
    total = stale = undated = 0
    for module in modules:
        total += 1
        if not module.start_dates:
            undated += 1
        elif is_stale(module, today):
            stale += 1
    return FreshnessCounts(total, stale, undated)


@dataclass(frozen=True)
class Freshness:
    """The serving policy: ``hide_past`` hides stale modules from jobseekers; ``today`` is the
    clock (``date.today`` outside tests)."""

    hide_past: bool = True
    today: Callable[[], date] = field(default=date.today)

    def cutoff(self) -> date | None:
        """The day before which a module's last session makes it hidden from jobseekers, or
        ``None`` when nothing is hidden."""
        return self.today() if self.hide_past else None

    def stale(self, module: Module) -> bool:
        """Whether ``module`` is stale today (whatever the policy: the flag is always shown)."""
        return is_stale(module, self.today())
