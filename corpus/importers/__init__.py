"""Importers: catalogs from other formats into the catalog format (catalog-format.md).

Offers :func:`import_source`, which reads one source and returns an :class:`ImportReport`
(the valid modules as a :class:`~corpus.model.Catalog`, one :class:`Refusal` per refused
record, ``imported`` and ``skipped`` counts), and :func:`write_jsonl` (atomic). Sources:

- ``lheo``: LHEO 2.x XML (:mod:`corpus.importers.lheo`), parsed safely and checked against
  Boussole's own subset XSD (:mod:`corpus.importers.lheo_schema`; the official one is not
  available offline);
- ``csv``, ``json``, ``jsonl``: in the catalog format already, or of any shape through a
  TOML mapping (:mod:`corpus.importers.mapping`, :mod:`corpus.importers.transforms`).
  Shipped mappings and samples: ``corpus/importers/mappings/``, ``samples/``.

Every record is validated by the loader's own check (:func:`corpus.loaders.record_to_module`).
Without ``skip_invalid`` a single refusal raises :class:`~corpus.errors.ImportRefusedError`
(a ``CatalogError``) listing them all, one line each.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from corpus.errors import CatalogError
from corpus.importers.lheo import lheo_candidates
from corpus.importers.mapping import Mapping, load_mapping, source_fields
from corpus.importers.readers import csv_rows, decode, json_rows, jsonl_rows, read_source
from corpus.importers.report import Candidate, ImportReport, Refusal, assemble, write_jsonl
from corpus.importers.transforms import (
    MappedValueError,
    apply_mapping,
    catalog_record,
    lookup,
)
from corpus.loaders import LIST_SEPARATOR

logger = logging.getLogger(__name__)
FORMATS = ("lheo", "csv", "json", "jsonl")
_SUFFIXES = {".xml": "lheo", ".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}

__all__ = ["FORMATS", "ImportReport", "Refusal", "import_source", "write_jsonl"]


def import_source(
    source: Path,
    fmt: str | None = None,
    mapping: Path | None = None,
    *,
    skip_invalid: bool = False,
) -> ImportReport:
    """Read ``source`` and validate each of its records as a module.

    Args:
        source: the file to import.
        fmt: ``lheo``, ``csv``, ``json`` or ``jsonl``; ``None`` guesses it from the mapping's
            ``[source] format``, else from the suffix (``.xml`` is LHEO).
        mapping: a TOML mapping for CSV/JSON exports of another shape; ``None`` means the
            records already use the catalog's field names.
        skip_invalid: import the valid records and report the others instead of failing.

    Returns:
        The valid modules and the refusals.

    Raises:
        CatalogError: the source or mapping cannot be read or is invalid as a whole, or a
            record was refused without ``skip_invalid`` (then an ``ImportRefusedError`` naming
            every refused record, one line each), or no record is valid.
    """
    source = Path(source)
    rules = load_mapping(Path(mapping)) if mapping is not None else None
    fmt = _format(source, fmt, rules)
    if fmt == "lheo" and rules is not None:
        raise CatalogError(mapping or source, "a mapping applies to csv, json and jsonl, not lheo")
    raw = read_source(source)
    if fmt == "lheo":
        return assemble(source, lheo_candidates(source, raw), skip_invalid=skip_invalid)
    candidates = _mapped(source, raw, fmt, rules)
    return assemble(source, candidates, skip_invalid=skip_invalid)


def _format(source: Path, fmt: str | None, rules: Mapping | None) -> str:
    if fmt is None and rules is not None:
        fmt = rules.source.format
    if fmt is None:
        fmt = _SUFFIXES.get(source.suffix.lower())
        if fmt is None:
            raise CatalogError(
                source, f"cannot tell the format from {source.suffix!r}; pass --format"
            )
    if fmt not in FORMATS:
        raise CatalogError(source, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def _mapped(source: Path, raw: bytes, fmt: str, rules: Mapping | None) -> Iterator[Candidate]:
    text = decode(source, raw, rules.source.encoding if rules else "utf-8-sig")
    if fmt == "csv":
        if rules is None:
            needed = {"id": "the id of each module", "title": "the title of each module"}
        else:
            needed = source_fields(rules)
        rows = csv_rows(source, text, rules.source.delimiter if rules else ",", needed)
        unit = "row"
    elif fmt == "jsonl":
        rows = jsonl_rows(source, text)
        unit = "line"
    else:
        rows = json_rows(source, text, rules.source.records if rules else "")
        unit = "record"
    unseen = set(source_fields(rules)) if rules is not None and fmt != "csv" else set()
    for number, row in rows:
        unseen = {path for path in unseen if lookup(row, path) is None} if unseen else unseen
        if isinstance(row, Refusal):
            yield Candidate(number, refusal=row, unit=unit)
            continue
        if rules is None:
            separator = LIST_SEPARATOR if fmt == "csv" else None
            yield Candidate(number, record=catalog_record(row, separator), unit=unit)
            continue
        try:
            record = apply_mapping(rules, row)
        except MappedValueError as problem:
            shown = _record_id(rules, row)
            refusal = Refusal(str(source), number, problem.reason, problem.field, shown, unit)
            yield Candidate(number, refusal=refusal, unit=unit)
            continue
        yield Candidate(number, record=record, unit=unit)
    if unseen and rules is not None:
        keys = source_fields(rules)
        logger.warning(
            "%s: no record has %s; check the mapping's field names",
            source,
            ", ".join(f"{path!r} ({keys[path]})" for path in sorted(unseen)),
        )


def _record_id(rules: Mapping, row: dict[str, object]) -> str | None:
    """The id a record would get, to name it in a refusal (``None`` if it has none)."""
    try:
        value = apply_mapping(rules.model_copy(update={"fields": {"id": rules.fields["id"]}}), row)
    except MappedValueError:
        return None
    found = value.get("id")
    return str(found) if found is not None else None
