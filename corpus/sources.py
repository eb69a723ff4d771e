"""Several catalog sources read into one catalog, for ``boussole catalog sync``.

:func:`merge_sources` reads every source through :func:`~corpus.importers.import_source`
(our own JSON Lines and CSV, LHEO XML, and CSV/JSON exports of another shape through a TOML
mapping) and merges them in order; an id found in two sources is refused with both names,
since the sync could not tell which one to serve.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from corpus.errors import CatalogError
from corpus.importers import FORMATS, ImportReport, import_source
from corpus.model import Catalog

__all__ = ["FORMATS", "merge_sources"]


def merge_sources(
    sources: Sequence[Path],
    fmt: str | None = None,
    mapping: Path | None = None,
    *,
    skip_invalid: bool = False,
) -> tuple[Catalog, list[ImportReport]]:
    """Read every source with :func:`~corpus.importers.import_source` and merge them, in order.

    Raises:
        CatalogError: a source is invalid, or an id appears in two sources.
    """
    if not sources:
        raise CatalogError(".", "name at least one catalog source")
    loads = [import_source(s, fmt, mapping, skip_invalid=skip_invalid) for s in sources]
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
