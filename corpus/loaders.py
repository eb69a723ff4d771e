"""Read a catalog file (JSON Lines or CSV) into a validated :class:`~corpus.model.Catalog`.

The whole file is read and checked before anything is returned: one bad line rejects the
file with a :class:`~corpus.errors.CatalogError` naming the file, the line (or CSV row) and
the field, so nothing is ever half-imported. An id may hold only letters, digits and
``- _ . @`` (it is part of the module's address). An enrolment ``url`` that is not an
absolute http(s) address (``javascript:``, ``data:``...) is dropped with a warning naming the
line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from corpus.errors import CatalogError
from corpus.model import KNOWN_FIELDS, STRING_FIELDS, Catalog, Module

logger = logging.getLogger(__name__)
LIST_SEPARATOR = "|"
# Letters and digits (any script), and - _ . @: an id is a path segment of the module's page.
SAFE_ID = re.compile(r"[\w.@-]+")
MAX_FIELD_CHARS = 100_000


def load_catalog(path: Path | str) -> Catalog:
    """Load and validate a catalog.

    Args:
        path: a ``.jsonl``/``.ndjson``/``.json`` file (JSON Lines) or a ``.csv`` file.

    Returns:
        The catalog, modules in file order.

    Raises:
        CatalogError: the file is missing, not UTF-8, malformed or invalid.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(path, f"cannot read the file ({exc.strerror}); check the path") from exc
    text = _decode(path, raw)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records: Iterator[tuple[int, dict[str, Any]]] = _csv_records(path, text)
        unit = "row"
    elif suffix in {".jsonl", ".ndjson", ".json"}:
        records = _jsonl_records(path, text)
        unit = "line"
    else:
        raise CatalogError(path, "unknown file type; use a .jsonl or a .csv file")
    modules: list[Module] = []
    first_line: dict[str, int] = {}
    for number, record in records:
        module = record_to_module(path, number, unit, record)
        if module.id in first_line:
            raise CatalogError(
                path,
                f"duplicate id {module.id!r} (first seen at {unit} {first_line[module.id]}); "
                "ids must be unique",
                line=number,
                field="id",
                unit=unit,
            )
        first_line[module.id] = number
        modules.append(module)
    if not modules:
        raise CatalogError(path, "the catalog holds no module")
    return Catalog(tuple(modules), source=str(path), checksum=hashlib.sha256(raw).hexdigest())


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogError(
            path, "the file is not valid UTF-8; save it as UTF-8", line=line
        ) from exc


def _jsonl_records(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CatalogError(
                path, f"broken JSON ({exc.msg} at column {exc.colno})", line=number
            ) from exc
        if not isinstance(record, dict):
            raise CatalogError(path, "each line must be one JSON object", line=number)
        yield number, record


def _csv_records(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise CatalogError(path, f"broken CSV header ({exc})", line=1, unit="row") from exc
    header = [h.strip() for h in header]
    for required in ("id", "title"):
        if required not in header:
            raise CatalogError(path, "the header row lacks this column", field=required)
    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CatalogError(
                path, f"broken CSV ({exc})", line=row_number + 1, unit="row"
            ) from exc
        row_number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CatalogError(
                path,
                f"{len(row)} cells but the header has {len(header)} columns",
                line=row_number,
                unit="row",
            )
        record: dict[str, Any] = dict(zip(header, row, strict=True))
        for name in ("start_dates", "tags"):
            cell = record.get(name)
            if isinstance(cell, str):
                record[name] = [p.strip() for p in cell.split(LIST_SEPARATOR) if p.strip()]
        yield row_number, record


def record_to_module(path: Path, number: int, unit: str, record: dict[str, Any]) -> Module:
    """Validate one record of the interchange format into a :class:`Module`.

    The one validation every reader of catalogs shares (this loader and
    :mod:`corpus.importers`): required id and title, safe id, string fields, field size,
    web address, duration, ISO dates and tag lists.

    Args:
        path: the source, named in errors.
        number: the record's line, row or position in ``path``.
        unit: what ``number`` counts ("line", "row", "record"...).
        record: field name -> value; unknown keys are kept as extra metadata.

    Raises:
        CatalogError: the first problem of the record, naming ``path``, ``number`` and field.
    """

    def fail(field: str, reason: str) -> CatalogError:
        return CatalogError(path, reason, line=number, field=field, unit=unit)

    values: dict[str, Any] = {}
    for name in ("id", "title"):
        value = _blank_to_none(record.get(name))
        if value is None:
            raise fail(name, "missing; every module needs an id and a title")
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise fail(name, "must be a string")
        values[name] = str(value).strip()
    if not SAFE_ID.fullmatch(values["id"]) or not values["id"].strip("."):
        raise fail(
            "id",
            f"{values['id'][:60]!r} holds characters an id may not: use letters, digits and "
            "- _ . @ only (an id is part of the module's address)",
        )
    for name in STRING_FIELDS:
        value = _blank_to_none(record.get(name))
        if value is None:
            continue
        if name == "postal_code" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise fail(name, "must be a string or null")
        if len(value) > MAX_FIELD_CHARS:
            raise fail(name, f"longer than {MAX_FIELD_CHARS} characters")
        values[name] = value.strip()
    if values.get("url") is not None and not _web_address(values["url"]):
        logger.warning(
            "%s, %s %d, field 'url': %r is not an http(s) address; dropped",
            path,
            unit,
            number,
            values["url"][:80],
        )
        values["url"] = None
    values["duration_hours"] = _duration(record.get("duration_hours"), fail)
    values["start_dates"] = tuple(_dates(record.get("start_dates"), fail))
    values["tags"] = tuple(_strings(record.get("tags"), "tags", fail))
    if values.get("language") is None:
        values.pop("language", None)
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    return Module(**values, extra=extra)


def _web_address(url: str) -> bool:
    """An absolute http(s) address: nothing a browser would run (``javascript:``, ``data:``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _duration(value: Any, fail: Any) -> float | None:
    value = _blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise fail("duration_hours", "must be a number of hours")
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise fail("duration_hours", f"{value!r} is not a number of hours") from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise fail("duration_hours", "must be a number of hours")
    if value < 0:
        raise fail("duration_hours", f"{value} is negative; give the total length in hours")
    return float(value)


def _strings(value: Any, field: str, fail: Any) -> list[str]:
    value = _blank_to_none(value)
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(field, "must be a list of strings")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise fail(field, "must be a list of strings")
        if item.strip():
            out.append(item.strip())
    return out


def _dates(value: Any, fail: Any) -> list[date]:
    out = []
    for item in _strings(value, "start_dates", fail):
        try:
            out.append(date.fromisoformat(item))
        except ValueError:
            raise fail("start_dates", f"{item!r} is not an ISO date (YYYY-MM-DD)") from None
    return out
