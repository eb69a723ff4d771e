"""``boussole search`` (one text, or a query file as run lines) and ``boussole eval``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.cli.common import EXIT_USAGE, index_dir_option, settings_for
from assistant.evaluation import load_qrels, load_queries, score_run
from assistant.filters import Filters
from assistant.search import Mode, SearchService
from assistant.services import guidance_for, open_service
from assistant.settings import Settings
from corpus.model import Module


def add_search_commands(sub: Any) -> None:
    """Add ``search`` and ``eval`` to the CLI's subcommands."""
    search = sub.add_parser("search", help="search an index (one text, or a query file)")
    index_dir_option(search)
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
    index_dir_option(ev)
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


def _service(args: argparse.Namespace, settings: Settings) -> SearchService:
    return open_service(settings_for(args, settings))


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
