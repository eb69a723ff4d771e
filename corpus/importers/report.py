"""What an import produced: the valid modules, one refusal per refused record, and the
step that turns mapped records into that report with the loader's own validation."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import CatalogError, ImportRefusedError
from corpus.loaders import record_to_module
from corpus.model import Catalog, Module


@dataclass(frozen=True)
class Refusal:
    """One refused record, said on one line: source, record, field, what to fix."""

    source: str
    record: int | None
    reason: str
    field: str | None = None
    record_id: str | None = None
    unit: str = "record"
    line: int | None = None

    def one_line(self) -> str:
        """``source, record 3 (id 'x', line 12): field 'title': reason``."""
        where = self.source
        if self.record is not None:
            where += f", {self.unit} {self.record}"
        notes = []
        if self.record_id:
            notes.append(f"id {self.record_id[:60]!r}")
        if self.line is not None:
            notes.append(f"line {self.line}")
        if notes:
            where += f" ({', '.join(notes)})"
        what = f"field '{self.field}': " if self.field else ""
        return f"{where}: {what}{self.reason}"


@dataclass(frozen=True)
class Candidate:
    """A record read from a source and mapped to the catalog's field names, or the reason
    it could not be."""

    number: int
    record: dict[str, Any] | None = None
    refusal: Refusal | None = None
    unit: str = "record"
    line: int | None = None


@dataclass(frozen=True)
class ImportReport:
    """The outcome of :func:`corpus.importers.import_source`.

    Attributes:
        catalog: the valid modules, in source order.
        refusals: one per refused record (empty unless ``skip_invalid`` was given).
    """

    catalog: Catalog
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """How many modules were imported."""
        return len(self.catalog)

    @property
    def skipped(self) -> int:
        """How many records were refused."""
        return len(self.refusals)

    def summary(self) -> str:
        """``imported N, skipped M`` then one line per refusal."""
        lines = [f"imported {self.imported}, skipped {self.skipped}"]
        lines += [f"  skipped: {r.one_line()}" for r in self.refusals]
        return "\n".join(lines)


def assemble(source: Path, candidates: Iterable[Candidate], *, skip_invalid: bool) -> ImportReport:
    """Validate every candidate as :func:`corpus.loaders.load_catalog` does a line.

    Raises:
        ImportRefusedError: a record was refused and ``skip_invalid`` is false, or none is valid.
    """
    modules: list[Module] = []
    refusals: list[Refusal] = []
    first_seen: dict[str, int] = {}
    name = str(source)
    for candidate in candidates:
        if candidate.refusal is not None:
            refusals.append(candidate.refusal)
            continue
        record = candidate.record or {}
        record_id = record.get("id")
        shown_id = str(record_id) if isinstance(record_id, str | int) else None

        problem: tuple[str, str | None] | None = None
        try:
            module = record_to_module(source, candidate.number, candidate.unit, record)
        except CatalogError as exc:
            problem = (exc.reason, exc.field)
        else:
            if module.id in first_seen:
                problem = (
                    f"duplicate id (first seen at {candidate.unit} {first_seen[module.id]}); "
                    "ids must be unique",
                    "id",
                )
        if problem is not None:
            refusals.append(
                Refusal(
                    name,
                    candidate.number,
                    problem[0],
                    problem[1],
                    shown_id,
                    candidate.unit,
                    candidate.line,
                )
            )
            continue
        first_seen[module.id] = candidate.number
        modules.append(module)
    if refusals and (not skip_invalid or not modules):
        raise ImportRefusedError(source, [r.one_line() for r in refusals])
    if not modules:
        raise CatalogError(source, "the source holds no record to import")
    catalog = Catalog(tuple(modules), source=name, checksum=_checksum(modules))
    return ImportReport(catalog, refusals)


def _checksum(modules: list[Module]) -> str:
    digest = hashlib.sha256()
    for module in modules:
        digest.update(module.content_key().encode("ascii"))
    return digest.hexdigest()


def write_jsonl(catalog: Catalog, out: Path) -> None:
    """Write ``catalog`` as JSON Lines, atomically: a temporary file beside ``out``, then a
    rename, so ``out`` is either the old file or the whole new one."""
    temp = out.with_name(f".{out.name}.importing")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("w", encoding="utf-8", newline="\n") as handle:
            for module in catalog:
                handle.write(json.dumps(module.to_dict(), ensure_ascii=False, default=str))
                handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(out)
    except OSError as exc:
        raise CatalogError(
            out, f"cannot write the catalog ({exc.strerror}); nothing was written"
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
