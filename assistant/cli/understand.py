"""``boussole eval-understanding``: the parser against the hand-written gold profiles."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli.common import EXIT_USAGE
from assistant.settings import Settings
from assistant.understanding.evaluation import GOLD_PATH, Report, evaluate, load_gold


def add_understand_command(sub: Any) -> None:
    """Add ``eval-understanding`` to the CLI's subcommands."""
    ev = sub.add_parser(
        "eval-understanding",
        help="precision, recall and F1 per profile field against the gold profiles",
    )
    ev.add_argument("--gold", type=Path, default=GOLD_PATH, help="gold JSONL (default: bundled)")
    ev.add_argument(
        "--part",
        default=None,
        metavar="PART",
        help="one part only: a part named in the gold file (tune, heldout, ...) or all "
        "(default: every part of the file, each on its own)",
    )
    ev.add_argument(
        "--details",
        action="store_true",
        help="also print, per profile, the fields that were wrong (held-out only with --part)",
    )
    ev.set_defaults(run=_eval_understanding)


def _eval_understanding(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.services import profile_parser

    if not args.gold.is_file():
        print(f"boussole: error: no gold file at {args.gold}")
        return EXIT_USAGE
    rows = load_gold(args.gold)
    parser = profile_parser()
    named = list(dict.fromkeys(str(row.get("part")) for row in rows))
    if args.part and args.part != "all" and args.part not in named:
        print(f"boussole: error: no part {args.part!r} in {args.gold} (parts: {', '.join(named)})")
        return EXIT_USAGE
    parts = [args.part] if args.part else named
    for part in parts:
        report = evaluate(parser.parse, rows, part)
        _print_report(part, report)
        # Held-out errors are shown only on request: reading them invites tuning on them.
        if args.details and (part != "heldout" or args.part == "heldout"):
            _print_details(report)
    return 0


def _print_report(part: str, report: Report) -> None:
    print(f"part {part}: {report.profiles} profiles")
    print(f"  {'field':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}")
    for name, c in report.fields.items():
        if c.tp + c.fp + c.fn == 0:
            continue
        print(
            f"  {name:<22}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
            f"{c.tp:>6}{c.fp:>5}{c.fn:>5}"
        )
    o = report.overall
    print(f"  {'micro (all fields)':<22}{o.precision:>7.3f}{o.recall:>7.3f}{o.f1:>7.3f}")
    below = [n for n, c in report.fields.items() if c.tp + c.fp + c.fn and c.f1 < 0.95]
    print(f"  fields below 0.95 F1: {', '.join(below) if below else 'none'}")


def _print_details(report: Report) -> None:
    for profile_id, wrong in report.errors.items():
        for name, got, gold in wrong:
            print(f"  {profile_id} {name}: got {got}, gold {gold}")
