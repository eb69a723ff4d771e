"""The ``boussole`` command line.

boussole index build --catalog FILE --index-dir DIR
boussole index info --index-dir DIR
boussole catalog check FILE
boussole catalog import SOURCE [--format lheo|csv|json|jsonl] [--mapping FILE] --out FILE
                        [--skip-invalid]
boussole search --index-dir DIR "free text"
boussole search --index-dir DIR --queries FILE.jsonl --k 10     (run file on stdout)
boussole eval --index-dir DIR --queries FILE --qrels FILE
boussole serve
boussole partners add|list|revoke|rotate       (see assistant.cli.partners)
boussole demo-partner
boussole eval-understanding [--gold FILE] [--part PART|all] [--details]
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from assistant.cli.common import EXIT_FAILED, EXIT_USAGE, quiet_migrations
from assistant.cli.console import add_console_commands
from assistant.cli.index import add_index_commands
from assistant.cli.partners import add_partner_commands
from assistant.cli.search import add_search_commands
from assistant.cli.serve import add_serve_command
from assistant.cli.understand import add_understand_command
from assistant.errors import AssistantError
from assistant.settings import Settings
from corpus.errors import CorpusError
from index.errors import BoussoleIndexError


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
    quiet_migrations(args)
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
    add_index_commands(sub)
    add_search_commands(sub)
    add_serve_command(sub)
    add_partner_commands(sub)
    add_console_commands(sub)
    add_understand_command(sub)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
