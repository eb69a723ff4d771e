"""Paths to the demo catalog and its evaluation set, shipped inside the package, and the demo
catalog as served: its sessions follow the calendar.

The demo's start dates are written for one year (2027). Past sessions are hidden from
jobseekers (:mod:`corpus.freshness`), so a demo built a year later would lose its modules:
:func:`load_catalog_for_today` moves the demo's dates on by whole years, the same for every
module (the calendar keeps its shape), until none of its modules is over. Any other catalog
is loaded as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from corpus.loaders import load_catalog
from corpus.model import Catalog

_DEMO = Path(__file__).resolve().parent / "demo"


def demo_catalog_path() -> Path:
    """The demo catalog (JSON Lines)."""
    return _DEMO / "catalog.jsonl"


def demo_queries_path() -> Path:
    """The demo evaluation queries."""
    return _DEMO / "eval" / "queries.jsonl"


def demo_qrels_path() -> Path:
    """The demo graded judgments."""
    return _DEMO / "eval" / "qrels.tsv"


def plus_years(day: date, years: int) -> date:
    """``day`` moved on by whole years (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def roll_forward(catalog: Catalog, today: date) -> Catalog:
    """``catalog`` with every start date moved on by the fewest whole years that leave no
    dated module with all its sessions before ``today`` (unchanged when none is over)."""
    lasts = [max(m.start_dates) for m in catalog if m.start_dates]
    if not lasts:
        return catalog
    years = max(0, today.year - min(lasts).year - 1)
    while plus_years(min(lasts), years) < today:
        years += 1
    if years == 0:
        return catalog
    modules = tuple(
        replace(m, start_dates=tuple(plus_years(d, years) for d in m.start_dates)) for m in catalog
    )
    checksum = hashlib.sha256(f"{catalog.checksum}+{years}y".encode()).hexdigest()
    return Catalog(modules, catalog.source, checksum)


def load_catalog_for_today(path: Path, today: date) -> Catalog:
    """:func:`~corpus.loaders.load_catalog`; the shipped demo catalog with its dates rolled
    forward to ``today`` (:func:`roll_forward`)."""
    catalog = load_catalog(path)
    if path.resolve() == demo_catalog_path():
        return roll_forward(catalog, today)
    return catalog
