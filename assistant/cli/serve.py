"""``boussole serve``: build the demo index if there is none, check it and the database, and
start the HTTP service, in one process or ``--workers N`` (uvicorn workers, each running the app
factory and opening the published index generation itself).

Several workers share conversations, transcripts and rate limits only through Redis: without
``BOUSSOLE_REDIS_URL`` more than one worker is refused, with a message saying so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from assistant.cli.common import index_dir_option, progress_bar, settings_for
from assistant.errors import AssistantError
from assistant.services import ensure_index
from assistant.settings import Settings
from index.encoders import make_encoder
from index.generations import open_current

# Seconds a worker may leave uvicorn's health ping unanswered before it is killed and replaced.
WORKER_HEALTHCHECK_SECONDS = 60


def add_serve_command(sub: Any) -> None:
    """Add ``serve`` to the CLI's subcommands."""
    serve = sub.add_parser("serve", help="start the HTTP service (builds the demo index if none)")
    index_dir_option(serve)
    serve.add_argument("--catalog", type=Path, help="catalog to index when none is published")
    serve.add_argument("--host", help="listen address (default from settings: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default from settings: 8000)")
    serve.add_argument(
        "--workers", type=int, help="worker processes (default from settings: 1; more need Redis)"
    )
    serve.set_defaults(run=_serve)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import os

    import uvicorn

    settings = settings_for(args, settings)
    if args.host:
        settings = settings.model_copy(update={"host": args.host})
    if args.port:
        settings = settings.model_copy(update={"port": args.port})
    if args.workers is not None:
        if args.workers < 1:
            raise AssistantError(f"--workers {args.workers}: give 1 or more worker processes")
        settings = settings.model_copy(update={"workers": args.workers})
    if settings.workers > 1 and not settings.redis_url:
        raise AssistantError(
            f"{settings.workers} workers need Redis to share conversations and rate limits: "
            "set BOUSSOLE_REDIS_URL=redis://host:6379/0, or serve with --workers 1"
        )
    # Each search runs on one core (the gate lets about one per core in at once): OpenMP
    # threads beyond that only fight over the same cores, and spinning ones steal them.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    encoder = make_encoder(settings.encoder)
    bars: list[Any] = []

    def progress(done: int, total: int) -> None:  # a bar only when there is a build to show
        if not bars:
            bars.append(progress_bar("first index build"))
        bars[0](done, total)

    try:
        report = ensure_index(settings, encoder, progress)
    finally:
        for bar in bars:
            bar.close()
    if report is not None:
        print(f"built {report.generation.name}: {report.modules} modules", file=sys.stderr)
    # Refuse a damaged index or one built by another encoder here, with one clear line,
    # rather than as a traceback from inside the server.
    open_current(settings.index_dir, encoder_id=encoder.id)
    _check_database(settings)
    # The app factory reads settings from the environment: hand the resolved ones over.
    os.environ["BOUSSOLE_INDEX_DIR"] = str(settings.index_dir)
    os.environ["BOUSSOLE_ENCODER"] = settings.encoder
    os.environ["BOUSSOLE_WORKERS"] = str(settings.workers)
    os.environ["BOUSSOLE_HEADER_TIMEOUT_SECONDS"] = str(settings.header_timeout_seconds)
    print(
        f"Boussole on http://{settings.host}:{settings.port}/  (console: /console, API docs: "
        f"/docs; {settings.workers} worker(s))",
        file=sys.stderr,
    )
    uvicorn.run(
        "web.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
        workers=settings.workers,
        # uvicorn kills a worker that leaves its health ping unanswered for 5 s and starts
        # another: a worker loading a large index holds the interpreter for seconds (the
        # tokenizer's 250k pieces, 100k modules), so on a busy machine every worker was
        # killed before it served (seen at 100k modules, load 10). A hung worker still goes.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        # X-Forwarded-For/-Proto only from the proxies listed; uvicorn would trust loopback.
        proxy_headers=bool(settings.forwarded_allow_ips.strip()),
        forwarded_allow_ips=settings.forwarded_allow_ips.strip() or "",
        # Slow and idle clients (web/slow_clients.py): idle keep-alive closed, a deadline for
        # each request head, heads over 16 KiB refused, a cap on connections (503 past it).
        http="web.slow_clients:HeadTimeoutProtocol",
        timeout_keep_alive=settings.keep_alive_seconds,
        limit_concurrency=settings.max_connections,
        h11_max_incomplete_event_size=16 * 1024,
    )
    return 0


def _check_database(settings: Settings) -> None:
    """Bring the console's database up to date before serving; say so if it has no account."""
    from assistant.console import Accounts
    from assistant.db.engine import open_engine, sessions, upgrade

    engine = open_engine(settings.database_url)
    try:
        upgrade(engine)
        if not Accounts(sessions(engine)).list():
            print(
                "No console account yet: create one with `boussole users add EMAIL --role admin`.",
                file=sys.stderr,
            )
    except SQLAlchemyError as exc:
        raise AssistantError(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.__class__.__name__}; check BOUSSOLE_DATABASE_URL and that the server runs"
        ) from None
    finally:
        engine.dispose()
