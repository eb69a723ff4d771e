"""``boussole catalog sync SOURCE... --index-dir DIR``: publish what changed in the sources.

Every source is read (:func:`~corpus.sources.merge_sources`), compared with the generation
being served, and a new generation is published only if something changed, embedding only the
new passages (:func:`~index.incremental.sync_index`). The summary is printed, kept in the
generation's manifest and, unless ``--no-database``, stored in the console's database (the
admin's catalog page lists the last syncs); the sync holds the console's rebuild lease meanwhile.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.common import (
    database_option,
    index_dir_option,
    progress_bar,
    settings_for,
    with_database,
)
from assistant.settings import Settings
from corpus.sources import FORMATS, merge_sources
from index.encoders import make_encoder
from index.incremental import SyncReport, sync_index

if TYPE_CHECKING:
    from assistant.console.syncs import Lease

SHOWN_IDS = 5


def add_sync_command(catalog: Any) -> None:
    """Add ``sync`` to the ``catalog`` command group."""
    sync = catalog.add_parser(
        "sync",
        help="publish a new index generation with what changed in the sources (nothing if "
        "nothing changed)",
    )
    sync.add_argument("sources", nargs="+", type=Path, metavar="SOURCE", help="catalog files")
    index_dir_option(sync)
    sync.add_argument("--format", choices=FORMATS, help="the sources' format (default: suffix)")
    sync.add_argument("--mapping", type=Path, help="mapping file (TOML) for other shapes")
    sync.add_argument(
        "--skip-invalid", action="store_true", help="sync the valid records, list the others"
    )
    sync.add_argument("--encoder", help="encoder (default from settings)")
    database_option(sync)
    sync.add_argument(
        "--no-database",
        action="store_true",
        help="neither take the console's rebuild lease nor record the sync in its database",
    )
    sync.add_argument("--quiet", action="store_true", help="no progress bar")
    sync.set_defaults(run=_sync)


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.console.accounts import utcnow

    settings = with_database(args, settings_for(args, settings))
    started_at, started = utcnow(), time.perf_counter()
    names = [p.name for p in args.sources]
    record = Record(None if args.no_database else settings.database_url, names, started_at)
    try:
        report = _run(args, settings, names, record)
        seconds = time.perf_counter() - started
        _print(report, settings.index_dir, seconds)
        record.done(report, seconds)
    except Exception as exc:  # recorded for the console, then reported as usual
        record.failed(str(exc) or type(exc).__name__, time.perf_counter() - started)
        raise
    finally:
        record.close()
    return 0


def _run(args: argparse.Namespace, settings: Settings, names: list[str], rec: Record) -> SyncReport:
    # Read before taking the lease: a bad source stops here, with nothing built.
    catalog, loads = merge_sources(
        args.sources, args.format, args.mapping, skip_invalid=args.skip_invalid
    )
    for load in loads:
        for refusal in load.refusals:
            print(f"skipped: {refusal.one_line()}", file=sys.stderr)
    encoder = make_encoder(settings.encoder)
    progress = None if args.quiet else progress_bar("embedding")
    try:
        with rec.lease() as lease:
            report = sync_index(
                catalog,
                encoder,
                settings.index_dir,
                sources=names,
                progress=_both(progress, lease.progress if lease else None),
            )
            if lease is not None:
                lease.message = _summary_line(report)
                lease.generation = report.generation.name if report.generation else ""
    finally:
        if progress is not None:
            progress.close()
    return report


class Record:
    """The sync in the console's database: its lease and its row (no-ops without one)."""

    def __init__(self, url: str | None, names: list[str], started_at: datetime) -> None:
        self.names, self.started_at = names, started_at
        self.engine: Any = None
        if url is not None:
            from assistant.db.engine import open_engine, sessions, upgrade

            self.engine = open_engine(url)
            upgrade(self.engine)
            self.db = sessions(self.engine)

    def lease(self) -> AbstractContextManager[Lease | None]:
        if self.engine is None:
            return nullcontext(None)
        from assistant.console.syncs import hold_lease

        return hold_lease(self.db)

    def done(self, report: SyncReport, seconds: float) -> None:
        c = report.changes
        status = "published" if report.published else "unchanged"
        generation = report.generation.name if report.generation else ""
        counts = (len(c.added), len(c.changed), len(c.removed), c.unchanged, report.embedded)
        self._add(status, counts, generation, seconds, report.full_reason or "")

    def failed(self, why: str, seconds: float) -> None:
        self._add("failed", (0, 0, 0, 0, 0), "", seconds, why)

    def _add(
        self,
        status: str,
        counts: tuple[int, int, int, int, int],
        generation: str,
        seconds: float,
        note: str,
    ) -> None:
        if self.engine is None:
            return
        from assistant.console.accounts import utcnow
        from assistant.console.syncs import SyncEntry, SyncLog

        entry = SyncEntry(
            self.started_at, " + ".join(self.names), status, *counts, generation, seconds, note
        )
        SyncLog(self.db).add(entry, utcnow())

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def _both(*calls: Any) -> Any:
    live = [c for c in calls if c is not None]

    def progress(done: int, total: int) -> None:
        for call in live:
            call(done, total)

    return progress


def _summary_line(report: SyncReport) -> str:
    c = report.changes
    counts = (
        f"{len(c.added)} added, {len(c.changed)} changed, {len(c.removed)} removed, "
        f"{c.unchanged} unchanged"
    )
    if not report.published:
        return f"nothing changed ({counts}): nothing published"
    return f"{counts}; {report.embedded} embedded, {report.reused} reused"


def _print(report: SyncReport, index_dir: Path, seconds: float) -> None:
    c = report.changes
    for kind in ("added", "changed", "removed"):
        ids = getattr(c, kind)
        if ids:
            more = f" (+{len(ids) - SHOWN_IDS} more)" if len(ids) > SHOWN_IDS else ""
            print(f"  {kind}: {', '.join(ids[:SHOWN_IDS])}{more}")
    if report.full_reason:
        print(f"every module embedded again: {report.full_reason}")
    if report.generation is None:
        print(
            f"{_summary_line(report)}; {index_dir} still serves {report.previous} ({seconds:.1f} s)"
        )
        return
    print(
        f"published {report.generation.name} in {index_dir}: {_summary_line(report)} "
        f"in {seconds:.1f} s"
    )
