"""Several catalog sources read into one catalog, for ``boussole catalog sync``.

:func:`load_source` is the one place a source file is read, through
:func:`~corpus.importers.import_source` (our own JSON Lines and CSV, LHEO XML, and CSV/JSON
exports of another shape through a TOML mapping). :func:`merge_sources` reads every source
and merges them in order; an id found in two sources is refused with both names, since the
sync could not tell which one to serve.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import CatalogError
from corpus.importers import FORMATS, import_source
from corpus.model import Catalog

__all__ = ["FORMATS", "SourceLoad", "load_source", "merge_sources"]


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
    report = import_source(source, fmt, mapping, skip_invalid=skip_invalid)
    return SourceLoad(report.catalog, tuple(str(refusal) for refusal in report.refusals))


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
