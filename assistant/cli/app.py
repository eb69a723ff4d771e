"""The ``boussole`` command line.

boussole index build --catalog FILE --index-dir DIR
boussole index info --index-dir DIR
boussole catalog check FILE
boussole search --index-dir DIR "free text"
boussole search --index-dir DIR --queries FILE.jsonl --k 10     (run file on stdout)
boussole eval --index-dir DIR --queries FILE --qrels FILE
boussole serve
boussole partners add|list|revoke|rotate       (see assistant.cli.partners)
boussole demo-partner
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from assistant.cli.console import add_console_commands
from assistant.cli.partners import add_partner_commands
from assistant.errors import AssistantError
from assistant.evaluation import load_qrels, load_queries, score_run
from assistant.filters import Filters
from assistant.search import Mode, SearchService
from assistant.services import ensure_index, guidance_for, open_service
from assistant.settings import Settings
from corpus.errors import CorpusError
from corpus.loaders import load_catalog
from corpus.model import Module
from index.builder import build_index
from index.documents import DocumentConfig
from index.encoders import make_encoder
from index.errors import BoussoleIndexError
from index.generations import open_current

EXIT_USAGE = 2
EXIT_FAILED = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``boussole`` console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    settings = Settings()
    logging.basicConfig(
        level=settings.log_level.upper(),
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        status: int = args.run(args, settings)
        return status
    except (CorpusError, BoussoleIndexError, AssistantError) as exc:
        print(f"boussole: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("boussole: interrupted; the published index is unchanged", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boussole",
        description="Boussole: match a jobseeker's own words to training modules.",
    )
    sub = parser.add_subparsers(title="commands")

    index = sub.add_parser("index", help="build or inspect an index").add_subparsers(
        title="index commands"
    )
    build = index.add_parser("build", help="embed and index a catalog as a new generation")
    build.add_argument("--catalog", type=Path, required=True, help="catalog file (.jsonl or .csv)")
    _index_dir(build)
    build.add_argument("--encoder", help="e5-small (default), minilm, or a model folder")
    build.add_argument(
        "--passage-words",
        type=int,
        default=DocumentConfig().passage_words,
        help="description words embedded after title and tags (default %(default)s)",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(run=_build)
    info = index.add_parser("info", help="print the current generation's manifest")
    _index_dir(info)
    info.set_defaults(run=_info)

    catalog = sub.add_parser("catalog", help="work with catalog files").add_subparsers(
        title="catalog commands"
    )
    check = catalog.add_parser("check", help="validate a catalog without indexing it")
    check.add_argument("file", type=Path)
    check.set_defaults(run=_check)

    search = sub.add_parser("search", help="search an index (one text, or a query file)")
    _index_dir(search)
    search.add_argument("text", nargs="?", help="free text: a profile or what is sought")
    search.add_argument(
        "--queries",
        type=Path,
        help="JSONL query file; prints one run line per query (catalog-format.md)",
    )
    search.add_argument("--k", type=int, default=10, help="results per query (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a list")
    search.add_argument(
        "--no-profile",
        action="store_true",
        help="rank on the raw text only (no place, time or level understanding)",
    )
    _search_options(search)
    search.set_defaults(run=_search)

    ev = sub.add_parser("eval", help="score a query set against graded judgments")
    _index_dir(ev)
    ev.add_argument("--queries", type=Path, required=True, help="JSONL query file")
    ev.add_argument("--qrels", type=Path, required=True, help="qrels TSV")
    ev.add_argument("--k", type=int, default=10, help="cut-off (default 10)")
    ev.add_argument("--per-query", action="store_true", help="also print each query's scores")
    ev.add_argument(
        "--no-profile",
        action="store_true",
        help="rank on the raw text only (no place, time or level understanding)",
    )
    _search_options(ev)
    ev.set_defaults(run=_eval)

    serve = sub.add_parser("serve", help="start the HTTP service (builds the demo index if none)")
    _index_dir(serve)
    serve.add_argument("--catalog", type=Path, help="catalog to index when none is published")
    serve.add_argument("--host", help="listen address (default from settings: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default from settings: 8000)")
    serve.set_defaults(run=_serve)

    add_partner_commands(sub)
    add_console_commands(sub)
    return parser


def _index_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index-dir", type=Path, help="index folder (default: BOUSSOLE_INDEX_DIR or var/index)"
    )


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mode",
        choices=[m.value for m in Mode],
        default=Mode.HYBRID.value,
        help="hybrid (default), lexical (BM25 only) or semantic (embeddings only)",
    )
    p.add_argument("--encoder", help="encoder the index was built with (default from settings)")
    p.add_argument("--city", help="only modules in this town or postal code")
    p.add_argument("--max-hours", type=float, help="only modules of at most this many hours")
    p.add_argument("--level", help="initiation, intermediaire, avance or certification")
    p.add_argument("--format", help="presentiel, distanciel or hybride")
    p.add_argument(
        "--certification",
        nargs="?",
        const=True,
        default=None,
        help="only certifying modules; optionally naming the certificate",
    )


def _settings_for(args: argparse.Namespace, settings: Settings) -> Settings:
    updates: dict[str, Any] = {}
    if getattr(args, "index_dir", None):
        updates["index_dir"] = args.index_dir
    if getattr(args, "encoder", None):
        updates["encoder"] = args.encoder
    if getattr(args, "catalog", None):
        updates["catalog"] = args.catalog
    return settings.model_copy(update=updates)


def _service(args: argparse.Namespace, settings: Settings) -> SearchService:
    return open_service(_settings_for(args, settings))


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        city=args.city,
        max_hours=args.max_hours,
        level=args.level,
        format=args.format,
        certification=args.certification,
    )


def _ranker(
    service: SearchService, args: argparse.Namespace, filters: Filters
) -> Callable[[str], list[tuple[str, float]]]:
    """How batch search and eval rank one text: through profile understanding (the default,
    as the chat and the API do) or on the raw text with ``--no-profile`` or a non-hybrid mode."""
    mode = Mode(args.mode)
    if args.no_profile or mode is not Mode.HYBRID:
        return lambda text: [
            (h.module.id, h.score)
            for h in service.search(text, k=args.k, filters=filters, mode=mode).hits
        ]
    guidance = guidance_for(service)

    def guided(text: str) -> list[tuple[str, float]]:
        result = guidance.guide(guidance.understand(text), k=args.k, filters=filters)
        return [(m.module.id, m.score) for m in result.matches]

    return guided


def _progress_bar(total_hint: str) -> Any:
    from tqdm import tqdm

    bar = tqdm(total=0, unit="module", desc=total_hint, file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    update.close = bar.close  # type: ignore[attr-defined]
    return update


def _build(args: argparse.Namespace, settings: Settings) -> int:
    settings = _settings_for(args, settings)
    catalog = load_catalog(args.catalog)
    encoder = make_encoder(settings.encoder)
    progress = None if args.quiet else _progress_bar("embedding")
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
    settings = _settings_for(args, settings)
    generation = open_current(settings.index_dir)
    print(json.dumps(generation.manifest, indent=2, ensure_ascii=False))
    return 0


def _check(args: argparse.Namespace, settings: Settings) -> int:
    catalog = load_catalog(args.file)
    print(f"{args.file}: {len(catalog)} modules, valid")
    return 0


def _search(args: argparse.Namespace, settings: Settings) -> int:
    if (args.text is None) == (args.queries is None):
        print("boussole search: give either a text or --queries FILE", file=sys.stderr)
        return EXIT_USAGE
    service = _service(args, settings)
    filters = _filters(args)
    mode = Mode(args.mode)
    if args.queries is not None:
        rank = _ranker(service, args, filters)
        for qid, text in load_queries(args.queries):
            results = [{"id": mid, "score": round(score, 6)} for mid, score in rank(text)]
            print(json.dumps({"id": qid, "results": results}, ensure_ascii=False))
        return 0
    if args.no_profile or mode is not Mode.HYBRID:
        result = service.search(args.text, k=args.k, filters=filters, mode=mode)
        rows: list[tuple[Module, float, float | None]] = [
            (h.module, h.score, None) for h in result.hits
        ]
    else:
        guidance = guidance_for(service)
        profile = guidance.understand(args.text)
        answer = guidance.guide(profile, k=args.k, filters=filters)
        rows = [(m.module, m.score, m.distance_km) for m in answer.matches]
        understood = {name: profile.evidence.get(name, "") for name in sorted(profile.stated)}
        if understood and not args.json:
            print(
                "Understood: " + "; ".join(f"{k} ({v})" if v else k for k, v in understood.items())
            )
        for relaxation in answer.relaxations:
            if not args.json:
                print(
                    f"Widened: {relaxation.kind} {relaxation.from_km or ''} → "
                    f"{relaxation.to_km or ''}"
                )
    if args.json:
        print(
            json.dumps(
                [
                    {"id": m.id, "title": m.title, "score": score, "distance_km": km}
                    for m, score, km in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not rows:
        print("No module matches; loosen the filters or rephrase.")
    for position, (m, score, km) in enumerate(rows, 1):
        facts = [
            m.provider,
            m.city,
            f"{km:g} km" if km is not None else None,
            f"{m.duration_hours:g} h" if m.duration_hours else None,
            m.level,
            m.format,
        ]
        print(f"{position:2}. {m.title}  [{m.id}, score {score:.4f}]")
        print("    " + " · ".join(f for f in facts if f))
        if m.url:
            print(f"    {m.url}")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    service = _service(args, settings)
    qrels = load_qrels(args.qrels)
    rank = _ranker(service, args, _filters(args))
    run = {qid: [mid for mid, _ in rank(text)] for qid, text in load_queries(args.queries)}
    mean, per = score_run(qrels, run, args.k)
    if args.per_query:
        for qid, s in sorted(per.items()):
            print(
                f"{qid}\tnDCG@{args.k}={s['ndcg']:.4f}\tRecall@{args.k}={s['recall']:.4f}"
                f"\tMRR@{args.k}={s['mrr']:.4f}"
            )
    print(
        f"queries={mean.queries} nDCG@{args.k}={mean.ndcg:.4f} "
        f"Recall@{args.k}={mean.recall:.4f} MRR@{args.k}={mean.mrr:.4f}"
    )
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import os

    import uvicorn

    settings = _settings_for(args, settings)
    if args.host:
        settings = settings.model_copy(update={"host": args.host})
    if args.port:
        settings = settings.model_copy(update={"port": args.port})
    encoder = make_encoder(settings.encoder)
    bars: list[Any] = []

    def progress(done: int, total: int) -> None:  # a bar only when there is a build to show
        if not bars:
            bars.append(_progress_bar("first index build"))
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
    print(
        f"Boussole on http://{settings.host}:{settings.port}/  (console: /console, API docs: "
        "/docs)",
        file=sys.stderr,
    )
    uvicorn.run(
        "web.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
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


if __name__ == "__main__":
    raise SystemExit(main())
