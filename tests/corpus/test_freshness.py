"""Which modules are stale on a given day, and the counts of a catalog."""

from __future__ import annotations

from datetime import date

import pytest

from corpus.freshness import Freshness, count_freshness, is_stale
from corpus.model import Module

DAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("dates", "stale"),
    [
        ((), False),  # no date: not known to be over
        ((date(2026, 3, 2),), True),
        ((date(2026, 3, 2), date(2026, 12, 2)), True),
        ((date(2026, 3, 2), DAY), False),  # a session starting today is not past
        ((date(2027, 1, 11), date(2025, 1, 6)), False),  # order in the catalog does not matter
    ],
)
def test_a_module_is_stale_when_every_start_date_is_before_the_day(
    dates: tuple[date, ...], stale: bool
) -> None:
    assert is_stale(Module("a", "A", start_dates=dates), DAY) is stale


def test_counts_of_a_catalog() -> None:
    modules = [
        Module("past", "A", start_dates=(date(2026, 1, 5),)),
        Module("past2", "B", start_dates=(date(2025, 9, 1), date(2026, 11, 30))),
        Module("coming", "C", start_dates=(date(2026, 1, 5), date(2027, 2, 1))),
        Module("undated", "D"),
    ]
    counts = count_freshness(modules, DAY)
    assert (counts.total, counts.stale, counts.undated, counts.current) == (4, 2, 1, 1)
    assert count_freshness(modules, date(2025, 1, 1)).stale == 0


def test_the_policy_hides_from_its_clock_or_not_at_all() -> None:
    days = iter([DAY, date(2027, 6, 1)])
    policy = Freshness(hide_past=True, today=lambda: next(days))
    assert policy.cutoff() == DAY
    assert policy.cutoff() == date(2027, 6, 1)  # the day is read each time, never frozen
    shown = Freshness(hide_past=False, today=lambda: DAY)
    assert shown.cutoff() is None
    assert shown.stale(Module("a", "A", start_dates=(date(2026, 1, 5),)))
