"""Errors raised by the catalog stage.

CorpusError
└── CatalogError            a catalog file is unreadable or invalid (names file, line, field)
    └── ImportRefusedError  an import refused records: one line each, nothing was written
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class CorpusError(Exception):
    """Base class of every error of the ``corpus`` package."""


class CatalogError(CorpusError):
    """A catalog file was rejected; nothing of it was imported.

    Attributes:
        path: the file.
        line: 1-based line of a JSONL file, or 1-based data row of a CSV file (header excluded).
        field: the offending field, if one can be named.
        reason: what is wrong and what to do about it.
    """

    def __init__(
        self,
        path: Path | str,
        reason: str,
        *,
        line: int | None = None,
        field: str | None = None,
        unit: str = "line",
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.reason = reason
        self.unit = unit
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The whole error on one line: ``file:line: field 'x': reason``."""
        where = str(self.path)
        if self.line is not None:
            where += f", {self.unit} {self.line}"
        what = f"field '{self.field}': " if self.field else ""
        return f"{where}: {what}{self.reason}"


class ImportRefusedError(CatalogError):
    """An import refused one or more records and wrote nothing.

    Attributes:
        lines: one line per refused record (source, record, field, what to fix).
    """

    def __init__(self, path: Path | str, lines: Sequence[str]) -> None:
        self.lines = tuple(lines)
        count = len(self.lines)
        head = (
            f"{count} record{'s' if count != 1 else ''} refused, nothing written; fix "
            f"{'them' if count != 1 else 'it'} or import the rest with --skip-invalid:"
        )
        super().__init__(path, "\n".join([head, *self.lines]))
