"""``boussole catalog import SOURCE --format lheo|csv|json|jsonl [--mapping FILE] --out FILE``.

Reads an LHEO file or a CSV/JSON export (through a TOML mapping) with
:func:`corpus.importers.import_source` and writes the catalog as JSON Lines, atomically,
only when the import succeeded. Refused records are listed one line each on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli.common import EXIT_USAGE
from assistant.settings import Settings
from corpus.importers import FORMATS, import_source, write_jsonl

# What load_catalog reads as JSON Lines.
OUT_SUFFIXES = (".jsonl", ".ndjson", ".json")


def add_import_command(catalog: Any) -> None:
    """Add ``import`` to the ``catalog`` command group (``catalog`` subparsers)."""
    command = catalog.add_parser(
        "import",
        help="turn an LHEO file or a CSV/JSON export into a catalog (JSON Lines)",
        description="Import a catalog from LHEO XML or a CSV/JSON export; see "
        "corpus/importers/README.md for the mapping format.",
    )
    command.add_argument("source", type=Path, help="the file to import")
    command.add_argument(
        "--format",
        choices=FORMATS,
        help="source format (default: the mapping's [source] format, else the suffix; "
        ".xml is lheo)",
    )
    command.add_argument(
        "--mapping", type=Path, help="TOML mapping for a CSV/JSON export of another shape"
    )
    command.add_argument("--out", type=Path, required=True, help="catalog to write (.jsonl)")
    command.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid records and list the refused ones instead of failing",
    )
    command.set_defaults(run=_import)


def _import(args: argparse.Namespace, settings: Settings) -> int:
    if args.out.suffix.lower() not in OUT_SUFFIXES:
        print(
            f"boussole catalog import: --out {args.out} must end in .jsonl (the catalog is "
            "written as JSON Lines)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    report = import_source(args.source, args.format, args.mapping, skip_invalid=args.skip_invalid)
    write_jsonl(report.catalog, args.out)
    if report.refusals:
        print(report.summary(), file=sys.stderr)
    print(
        f"{args.out}: imported {report.imported} modules from {args.source}"
        f", skipped {report.skipped}"
    )
    return 0
