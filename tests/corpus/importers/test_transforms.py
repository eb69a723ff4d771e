"""The mapping's transforms, one at a time, on records of our own."""

from __future__ import annotations

from typing import Any

import pytest

from corpus.importers.mapping import Mapping
from corpus.importers.readers import json_rows
from corpus.importers.report import Refusal
from corpus.importers.transforms import MappedValueError, apply_mapping, lookup


def mapped(fields: dict[str, Any], record: dict[str, Any], **sections: Any) -> dict[str, Any]:
    rules = Mapping.model_validate(
        {"fields": {"id": {"const": "x"}, "title": {"const": "T"}, **fields}, **sections}
    )
    out = apply_mapping(rules, record)
    return {k: v for k, v in out.items() if k not in ("id", "title")}


def test_split_trims_and_drops_empty_parts() -> None:
    assert mapped({"tags": {"from": "k", "split": ";"}}, {"k": " a ; b;;c "}) == {
        "tags": ["a", "b", "c"]
    }


def test_join_skips_blank_fields_and_uses_the_separator() -> None:
    rule = {"description": {"join": ["a", "b", "c"], "separator": " / "}}
    assert mapped(rule, {"a": "un", "b": " ", "c": "trois"}) == {"description": "un / trois"}
    assert mapped(rule, {}) == {}


@pytest.mark.parametrize(
    ("value", "unit", "hours"),
    [
        ("3", "days", 3 * 7.6),
        (2, "weeks", 76.0),
        ("1,5", "months", 228.0),
        ("10 jours", "hours", 76.0),  # the unit written in the value wins
        ("2 semaines", "days", 76.0),
        ("35 h", "days", 35.0),
        ("3 mois", None, 456.0),
    ],
)
def test_durations_become_hours(value: Any, unit: str | None, hours: float) -> None:
    rule: dict[str, Any] = {"from": "d", "unit": unit or "hours"}
    assert mapped({"duration_hours": rule}, {"d": value})["duration_hours"] == pytest.approx(hours)


def test_unit_factors_are_configurable() -> None:
    out = mapped({"duration_hours": {"from": "d", "unit": "days"}}, {"d": "2"}, units={"days": 6})
    assert out == {"duration_hours": 12.0}


@pytest.mark.parametrize(
    ("value", "message"), [("beaucoup", "not a duration"), ("3 ans", "unknown unit")]
)
def test_a_duration_that_does_not_parse_names_the_field(value: str, message: str) -> None:
    with pytest.raises(MappedValueError, match=message) as caught:
        mapped({"duration_hours": {"from": "d", "unit": "days"}}, {"d": value})
    assert caught.value.field == "duration_hours"


def test_date_formats_become_iso_and_a_bad_date_is_named() -> None:
    rule = {"start_dates": {"from": "d", "split": ",", "date_format": "%d/%m/%Y"}}
    assert mapped(rule, {"d": "07/09/2026, 1/2/2027"}) == {
        "start_dates": ["2026-09-07", "2027-02-01"]
    }
    with pytest.raises(MappedValueError, match="'2026-09-07' does not match"):
        mapped(rule, {"d": "2026-09-07"})


def test_value_maps_ignore_case_and_accents_and_keep_unknown_words() -> None:
    rule = {"level": {"from": "n", "values": {"Débutant": "initiation"}}}
    assert mapped(rule, {"n": "DEBUTANT"}) == {"level": "initiation"}
    assert mapped(rule, {"n": "expert"}) == {"level": "expert"}


def test_const_default_and_prefix() -> None:
    rules = {
        "region": {"const": "Bruxelles"},
        "language": {"from": "l", "default": "fr"},
        "url": {"from": "u", "prefix": "https://example.org/"},
    }
    assert mapped(rules, {"l": "", "u": "f/1"}) == {
        "region": "Bruxelles",
        "language": "fr",
        "url": "https://example.org/f/1",
    }


def test_numbers_become_text_for_text_fields() -> None:
    assert mapped({"postal_code": {"from": "z"}}, {"z": 1050}) == {"postal_code": "1050"}


def test_lookup_prefers_a_literal_key_then_follows_dots() -> None:
    record = {"a.b": 1, "a": {"b": 2, "c": {"d": 3}}}
    assert lookup(record, "a.b") == 1
    assert lookup(record, "a.c.d") == 3
    assert lookup(record, "a.x.y") is None


def test_json_paths_reach_nested_lists_and_number_records_in_order(tmp_path: Any) -> None:
    text = '{"pages": [{"items": [{"n": 1}, {"n": 2}]}, {"items": [{"n": 3}, "oops"]}]}'
    rows = list(json_rows(tmp_path / "s.json", text, "pages[].items[]"))
    assert [(n, r) for n, r in rows if not isinstance(r, Refusal)] == [
        (1, {"n": 1}),
        (2, {"n": 2}),
        (3, {"n": 3}),
    ]
    assert isinstance(rows[3][1], Refusal) and rows[3][0] == 4
