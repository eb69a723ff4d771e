"""Read the records of a CSV, JSON or JSON Lines source, as dictionaries in source order.

A problem of the whole file (unreadable, wrong encoding, broken JSON, no header) raises a
:class:`~corpus.errors.CatalogError`; a problem of one line is that line's refusal. JSON
records are found with a small path: ``records[].fields`` reads ``data["records"]``, takes
each item, and goes into its ``"fields"`` (the shape of Opendatasoft's record API);
an empty path means the file is itself an array of records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.errors import CatalogError
from corpus.importers.report import Refusal

# A source larger than this is refused before it is parsed (a catalog of 100,000 modules
# with long descriptions stays well below it).
MAX_SOURCE_BYTES = 512 * 1024 * 1024
Row = tuple[int, dict[str, Any] | Refusal]


def read_source(source: Path) -> bytes:
    """The file's bytes.

    Raises:
        CatalogError: missing, unreadable, too large or empty.
    """
    try:
        size = source.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise CatalogError(
                source, f"{size} bytes is more than {MAX_SOURCE_BYTES}; split the source"
            )
        raw = source.read_bytes()
    except OSError as exc:
        raise CatalogError(
            source, f"cannot read the file ({exc.strerror}); check the path"
        ) from exc
    if not raw.strip():
        raise CatalogError(source, "the file is empty")
    return raw


def decode(source: Path, raw: bytes, encoding: str = "utf-8-sig") -> str:
    """The text of ``raw``; an undecodable byte names its line and how to fix it."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogError(
            source,
            f"the file is not valid {encoding}; save it as UTF-8 (or set [source] "
            'encoding in the mapping, e.g. "cp1252")',
            line=line,
        ) from exc


def csv_rows(
    source: Path, text: str, delimiter: str = ",", needed: dict[str, str] | None = None
) -> Iterator[Row]:
    """(data row number, {header: cell}) of every non-blank row; header cells stripped.

    ``needed`` maps each column that must be in the header to what needs it (named in the
    error: a mapping key, or the catalog field).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CatalogError(source, "the CSV file has no header row") from None
    except csv.Error as exc:
        raise CatalogError(source, f"broken CSV header ({exc})", line=1, unit="row") from exc
    if len(header) < 2 and delimiter not in text.splitlines()[0]:
        raise CatalogError(
            source,
            f"the header row has one column; is the delimiter {delimiter!r} right? "
            "(set [source] delimiter in the mapping)",
            line=1,
            unit="row",
        )
    missing = [column for column in needed or {} if column not in header]
    if missing:
        named = ", ".join(f"{c!r} (for {(needed or {})[c]})" for c in missing)
        shown = ", ".join(repr(h) for h in header[:40])
        raise CatalogError(
            source,
            f"the header row lacks {named}; its columns are {shown}",
            line=1,
            unit="row",
        )
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = f"broken CSV ({exc})"
            if "field limit" in str(exc):
                reason = (
                    f"a cell longer than {csv.field_size_limit()} characters (a field may hold "
                    "100,000); is a quote left open?"
                )
            raise CatalogError(source, reason, line=number + 1, unit="row") from exc
        number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield (
                number,
                Refusal(
                    str(source),
                    number,
                    f"{len(row)} cells but the header has {len(header)} columns",
                    unit="row",
                ),
            )
            continue
        yield number, dict(zip(header, row, strict=True))


def jsonl_rows(source: Path, text: str) -> Iterator[Row]:
    """(line number, object) of every non-blank line; a broken line is its refusal."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                number,
                Refusal(
                    str(source),
                    number,
                    f"broken JSON ({exc.msg} at column {exc.colno})",
                    unit="line",
                ),
            )
            continue
        if not isinstance(record, dict):
            yield (
                number,
                Refusal(str(source), number, "each line must be one JSON object", unit="line"),
            )
            continue
        yield number, record


def json_rows(source: Path, text: str, path: str = "") -> Iterator[Row]:
    """(position, record) of each record found at ``path`` in a JSON document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(
            source, f"broken JSON ({exc.msg} at column {exc.colno})", line=exc.lineno
        ) from exc
    except RecursionError:
        raise CatalogError(source, "the JSON is nested too deeply") from None
    steps = [s for s in path.split(".") if s] if path.strip() else ["[]"]
    if not any(s.endswith("[]") for s in steps):
        raise CatalogError(source, f"records path {path!r} names no list; mark it with [] ")
    yield from _walk(source, data, steps, path)


def _walk(source: Path, data: Any, steps: list[str], path: str) -> Iterator[Row]:
    # Before the first "[]" a missing key is the file's problem; after it, the record's.
    items: list[tuple[int | None, Any]] = [(None, data)]
    for step in steps:
        many = step.endswith("[]")
        key = step[:-2] if many else step
        following: list[tuple[int | None, Any]] = []
        counter = 0
        for number, item in items:
            if isinstance(item, Refusal):
                following.append((number, item))
                continue
            value = item
            if key:
                value = item.get(key) if isinstance(item, dict) else None
                if value is None:
                    problem = f"no {key!r} where the records path {path!r} expects it"
                    if number is None:
                        raise CatalogError(source, problem + "; check [source] records")
                    following.append((number, Refusal(str(source), number, problem)))
                    continue
            if many:
                if not isinstance(value, list):
                    problem = f"{key or 'the document'!r} is not a list (records path {path!r})"
                    if number is None:
                        raise CatalogError(source, problem + "; check [source] records")
                    following.append((number, Refusal(str(source), number, problem)))
                    continue
                for element in value:
                    counter += 1
                    following.append((counter, element))
            else:
                following.append((number, value))
        items = following
    for number, item in items:
        assert number is not None
        if isinstance(item, Refusal | dict):
            yield number, item
        else:
            yield number, Refusal(str(source), number, "the record is not a JSON object")
