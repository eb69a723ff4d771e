"""Apply a :class:`~corpus.importers.mapping.Mapping` to one source record.

Each catalog field is read (``from`` a field or a dotted path into a nested record, a
``join`` of several, or a ``const``), then transformed: ``default`` when blank, ``split``
into a list, ``values`` (a case-insensitive map of the provider's words to ours),
``date_format`` (parsed with :func:`datetime.strptime`, or ``"iso"`` for ISO dates and
date-times; written as an ISO date), ``unit`` (a
duration in days, weeks or months made hours, with the mapping's factors; a unit written
in the value itself, "3 jours", wins) and ``prefix``. A value that does not fit raises
:class:`MappedValueError`, which becomes that record's refusal.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from corpus.importers.mapping import FieldRule, Mapping
from corpus.model import STRING_FIELDS
from corpus.text import fold

LIST_FIELDS = ("start_dates", "tags")
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([^\d\s].*)?$")
# Words a provider writes after a duration, folded (no accents, lower case).
_UNIT_WORDS = {
    "h": "hours",
    "heure": "hours",
    "heures": "hours",
    "hour": "hours",
    "hours": "hours",
    "j": "days",
    "jour": "days",
    "jours": "days",
    "day": "days",
    "days": "days",
    "sem": "weeks",
    "semaine": "weeks",
    "semaines": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "mois": "months",
    "month": "months",
    "months": "months",
}


class MappedValueError(Exception):
    """A source value does not fit its rule; ``field`` is the catalog field."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def apply_mapping(mapping: Mapping, record: dict[str, Any]) -> dict[str, Any]:
    """The catalog record ``mapping`` makes of ``record`` (blank fields left out)."""
    out: dict[str, Any] = {}
    for name, rule in mapping.fields.items():
        value = _transform(name, rule, _read(rule, record), mapping)
        if value is not None:
            out[name] = value
    return out


def catalog_record(record: dict[str, Any], list_separator: str | None) -> dict[str, Any]:
    """A record already in the catalog format; CSV cells of list fields are split."""
    if list_separator is None:
        return record
    out = dict(record)
    for name in LIST_FIELDS:
        cell = out.get(name)
        if isinstance(cell, str):
            out[name] = [p.strip() for p in cell.split(list_separator) if p.strip()]
    return out


def lookup(record: Any, path: str) -> Any:
    """``record[path]``, else the dotted path followed through nested objects."""
    if isinstance(record, dict) and path in record:
        return record[path]
    value = record
    for step in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def _read(rule: FieldRule, record: dict[str, Any]) -> Any:
    if rule.const is not None:
        return rule.const
    if rule.join is not None:
        parts = [_text(lookup(record, p)) for p in rule.join]
        joined = rule.separator.join(p for p in parts if p)
        return joined or None
    assert rule.from_ is not None
    return lookup(record, rule.from_)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if _text(v))
    return str(value).strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list) and not value)


def _transform(name: str, rule: FieldRule, value: Any, mapping: Mapping) -> Any:
    if isinstance(value, str):
        value = value.strip()
    if _blank(value):
        value = rule.default
    if _blank(value):
        return None
    if rule.split is not None and isinstance(value, str):
        value = [p.strip() for p in value.split(rule.split) if p.strip()]
    many = isinstance(value, list)
    items = value if many else [value]
    if rule.values is not None:
        table = rule.folded_values
        items = [
            table.get(fold(str(v)).strip(), v) if isinstance(v, str | int) else v for v in items
        ]
    if rule.date_format is not None:
        items = [_date(name, v, rule.date_format) for v in items]
    if rule.unit is not None:
        items = [_hours(name, v, rule.unit, mapping) for v in items]
    if rule.prefix is not None:
        items = [f"{rule.prefix}{v}" for v in items]
    return _shape(name, items, many)


def _shape(name: str, items: list[Any], many: bool) -> Any:
    if name in LIST_FIELDS:
        return [str(v) if not isinstance(v, str) else v for v in items]
    if many:
        if name == "duration_hours":
            raise MappedValueError(name, "several values where one duration is expected")
        return ", ".join(str(v) for v in items)
    value = items[0]
    if (name in STRING_FIELDS or name in ("id", "title")) and isinstance(value, int | float):
        if isinstance(value, bool):
            return value
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


def _date(name: str, value: Any, fmt: str) -> str:
    text = str(value).strip()
    try:
        if fmt == "iso":  # a date or a date-time (Opendatasoft's date and datetime fields)
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        return datetime.strptime(text, fmt).date().isoformat()
    except ValueError:
        raise MappedValueError(
            name, f"{str(value)[:40]!r} does not match the date format {fmt!r}"
        ) from None


def _hours(name: str, value: Any, unit: str, mapping: Mapping) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount, written = float(value), None
    else:
        match = _NUMBER.match(str(value))
        if match is None:
            raise MappedValueError(name, f"{str(value)[:40]!r} is not a duration (a number)")
        amount = float(match.group(1).replace(",", "."))
        written = match.group(2)
    if written:
        key = fold(written).strip().rstrip(".")
        if key not in _UNIT_WORDS:
            raise MappedValueError(
                name,
                f"{str(value)[:40]!r}: unknown unit {written!r}; use hours, days, weeks or months",
            )
        unit = _UNIT_WORDS[key]
    return round(amount * float(getattr(mapping.units, unit)), 2)
