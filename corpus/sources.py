"""Several catalog sources read into one catalog, for ``boussole catalog sync``.

:func:`load_source` is the one place a source file is read (today with
:func:`~corpus.loaders.load_catalog`: our own JSON Lines and CSV; the importers of other
formats plug in there). :func:`merge_sources` reads every source and merges them in order;
an id found in two sources is refused with both names, since the sync could not tell which
one to serve.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import CatalogError
from corpus.loaders import load_catalog
from corpus.model import Catalog

FORMATS = ("lheo", "csv", "json", "jsonl")
NATIVE = {"csv": (".csv",), "jsonl": (".jsonl", ".ndjson", ".json")}


@dataclass(frozen=True)
class SourceLoad:
    """One source read: its catalog and the records refused (with ``skip_invalid``)."""

    catalog: Catalog
    refusals: tuple[str, ...] = field(default_factory=tuple)

    @property
    def imported(self) -> int:
        return len(self.catalog)

    @property
    def skipped(self) -> int:
        return len(self.refusals)


def load_source(
    source: Path, fmt: str | None = None, mapping: Path | None = None, *, skip_invalid: bool = False
) -> SourceLoad:
    """Read one source file into a catalog.

    Args:
        source: the file.
        fmt: ``lheo``, ``csv``, ``json`` or ``jsonl``; None: from the file's suffix.
        mapping: a mapping file (TOML) for exports of another shape.
        skip_invalid: import the valid records and report the others.

    Raises:
        CatalogError: the file is unreadable or invalid, or its format cannot be read here.
    """
    if fmt is not None and fmt not in FORMATS:
        raise CatalogError(source, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    suffixes = NATIVE.get(fmt or "", ())
    native = mapping is None and (fmt is None or source.suffix.lower() in suffixes)
    if not native:
        raise CatalogError(
            source,
            f"this version reads only catalogs in Boussole's own format (.jsonl or .csv, "
            f"without --mapping); convert it first with boussole catalog import "
            f"(asked: format {fmt or 'from suffix'}, mapping {mapping or 'none'})",
        )
    # load_catalog refuses a file with one bad record whole: skip_invalid cannot apply here.
    return SourceLoad(load_catalog(source))


def merge_sources(
    sources: Sequence[Path],
    fmt: str | None = None,
    mapping: Path | None = None,
    *,
    skip_invalid: bool = False,
) -> tuple[Catalog, list[SourceLoad]]:
    """Read every source with :func:`load_source` and merge them, in order.

    Raises:
        CatalogError: a source is invalid, or an id appears in two sources.
    """
    if not sources:
        raise CatalogError(".", "name at least one catalog source")
    loads = [load_source(s, fmt, mapping, skip_invalid=skip_invalid) for s in sources]
    if len(loads) == 1:
        return loads[0].catalog, loads
    seen: dict[str, Path] = {}
    for path, load in zip(sources, loads, strict=True):
        for module in load.catalog:
            if module.id in seen:
                raise CatalogError(
                    path,
                    f"id {module.id!r} is also in {seen[module.id]}; an id may come from one "
                    "source only: remove it from one of them or give it another id",
                    field="id",
                )
            seen[module.id] = path
    modules = tuple(m for load in loads for m in load.catalog)
    checksum = hashlib.sha256("".join(ld.catalog.checksum for ld in loads).encode()).hexdigest()
    names = " + ".join(Path(ld.catalog.source).name for ld in loads)
    return Catalog(modules, source=names, checksum=checksum), loads
