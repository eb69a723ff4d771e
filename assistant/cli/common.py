"""What the command groups share: exit statuses, common options, settings from options,
one-line errors for bad input, and a progress bar."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.settings import Settings

EXIT_USAGE = 2
EXIT_FAILED = 1

Run = Callable[[argparse.Namespace, Settings], int]


def index_dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index-dir", type=Path, help="index folder (default: BOUSSOLE_INDEX_DIR or var/index)"
    )


def database_option(p: argparse.ArgumentParser) -> None:
    """``--database-url`` and ``--verbose``, for every command that works on the console's
    database (its migrations log nothing unless ``--verbose``)."""
    p.add_argument(
        "--database-url",
        metavar="URL",
        help="the console's database: accounts, shortlists, partners, audit log (default: "
        "BOUSSOLE_DATABASE_URL, else sqlite:///var/boussole.db)",
    )
    p.add_argument(
        "--verbose",
        action="store_true",
        help="also print the database migrations' log lines (Alembic INFO)",
    )


def quiet_migrations(args: argparse.Namespace) -> None:
    """Alembic says "Context impl SQLiteImpl." and each migration at INFO: a database
    command shows them only with ``--verbose`` (its warnings and errors always)."""
    verbose = getattr(args, "verbose", None)
    if verbose is None:  # a command without the option: logging as configured
        return
    logging.getLogger("alembic").setLevel(logging.NOTSET if verbose else logging.WARNING)


def guarded(
    command: str,
    run: Run,
    prog: str,
    errors: tuple[type[Exception], ...],
) -> Run:
    """``run``, with bad input (``errors``) reported as one line and exit status 2."""

    def checked(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return run(args, settings)
        except errors as exc:
            print(f"{prog} {command}: {exc}", file=sys.stderr)
            return EXIT_USAGE

    return checked


def with_database(args: argparse.Namespace, settings: Settings) -> Settings:
    """``settings`` with the database given by ``--database-url``, if any."""
    if args.database_url:
        return settings.model_copy(update={"database_url": args.database_url})
    return settings


def settings_for(args: argparse.Namespace, settings: Settings) -> Settings:
    updates: dict[str, Any] = {}
    if getattr(args, "index_dir", None):
        updates["index_dir"] = args.index_dir
    if getattr(args, "encoder", None):
        updates["encoder"] = args.encoder
    if getattr(args, "catalog", None):
        updates["catalog"] = args.catalog
    return settings.model_copy(update=updates)


def progress_bar(total_hint: str) -> Any:
    from tqdm import tqdm

    bar = tqdm(total=0, unit="module", desc=total_hint, file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    update.close = bar.close  # type: ignore[attr-defined]
    return update
