"""The demo catalog keeps its modules as the years pass: its dates roll on by whole years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corpus.demo import demo_catalog_path, load_catalog_for_today, plus_years, roll_forward
from corpus.freshness import count_freshness
from corpus.loaders import load_catalog
from corpus.model import Catalog, Module
from tests.conftest import SMALL, write_jsonl


def test_the_demo_has_no_past_module_on_the_day_it_is_served() -> None:
    shipped = load_catalog(demo_catalog_path())
    for today in (date(2026, 12, 3), date(2027, 12, 7), date(2031, 2, 28), date(2040, 7, 1)):
        served = load_catalog_for_today(demo_catalog_path(), today)
        counts = count_freshness(served, today)
        assert counts.stale == 0 and counts.total == len(shipped), today
        assert counts.undated == count_freshness(shipped, today).undated


def test_dates_move_by_the_same_whole_number_of_years() -> None:
    shipped = load_catalog(demo_catalog_path())
    assert load_catalog_for_today(demo_catalog_path(), date(2026, 12, 3)) == shipped  # in time
    today = date(2029, 5, 1)
    served = load_catalog_for_today(demo_catalog_path(), today)
    assert served.checksum != shipped.checksum
    shifts = {
        (b.year - a.year, (b.month, b.day) == (a.month, a.day))
        for old, new in zip(shipped, served, strict=True)
        for a, b in zip(old.start_dates, new.start_dates, strict=True)
    }
    assert len(shifts) == 1
    ((years, same_day),) = shifts
    assert same_day and years >= 2
    # The fewest years: one fewer would leave a module with all its sessions past.
    fewer = [
        Module(m.id, m.title, start_dates=tuple(plus_years(d, years - 1) for d in m.start_dates))
        for m in shipped
    ]
    assert count_freshness(fewer, today).stale > 0
    assert [m.id for m in served] == [m.id for m in shipped]


def test_another_catalog_is_loaded_as_it_is(tmp_path: Path) -> None:
    records = [{**SMALL[0], "start_dates": ["2020-01-06"]}]
    path = write_jsonl(tmp_path / "mine.jsonl", records)
    loaded = load_catalog_for_today(path, date(2026, 12, 3))
    assert loaded.modules[0].start_dates == (date(2020, 1, 6),)


def test_a_leap_day_lands_on_the_28th() -> None:
    assert plus_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    catalog = Catalog((Module("a", "A", start_dates=(date(2028, 2, 29),)),), "x", "c")
    rolled = roll_forward(catalog, date(2029, 2, 1))
    assert rolled.modules[0].start_dates == (date(2029, 2, 28),)
