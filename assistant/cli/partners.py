"""The ``boussole partners`` and ``boussole demo-partner`` commands (registered by the CLI).

boussole partners add NAME --origin URL [--origin URL ...] [--rate-limit N] [--public-url URL]
boussole partners list
boussole partners revoke NAME
boussole partners rotate NAME [--public-url URL]
boussole demo-partner [--host 127.0.0.1] [--port 8001] [--boussole-url URL]

Each takes ``--database-url URL`` (default: settings ``database_url``). Bad input (no
origin, a bad origin, a name taken or unknown) is one line on stderr and exit status 2; a
damaged partners file is reported by the CLI like any other failure (exit status 1).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli.common import Run, database_option, with_database
from assistant.cli.common import guarded as guarded_input
from assistant.partners import (
    InvalidOriginError,
    InvalidPartnerError,
    Partner,
    SqlPartnerStore,
    UnknownPartnerError,
    widget_tag,
)
from assistant.settings import Settings

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
_BAD_INPUT = (InvalidPartnerError, UnknownPartnerError, InvalidOriginError)


def add_partner_commands(sub: Any) -> None:
    """Add ``partners`` and ``demo-partner`` to the CLI's subcommands (``add_subparsers()``)."""
    partners = sub.add_parser(
        "partners", help="partner accounts for the embeddable widget and the REST API"
    ).add_subparsers(title="partners commands")

    add = partners.add_parser("add", help="add a partner and print its keys (shown only once)")
    add.add_argument("name", help="the partner's name (1-80 characters, unique)")
    add.add_argument(
        "--origin",
        action="append",
        default=[],
        metavar="URL",
        help="scheme://host[:port] its pages are served from (repeat for several)",
    )
    add.add_argument(
        "--rate-limit", type=int, metavar="N", help="requests a minute (default from settings)"
    )
    _public_url(add)
    database_option(add)
    add.set_defaults(run=_guarded("add", _add))

    listing = partners.add_parser("list", help="list partners (key prefixes only, never keys)")
    database_option(listing)
    listing.set_defaults(run=_guarded("list", _list))

    revoke = partners.add_parser("revoke", help="refuse a partner's keys from now on")
    revoke.add_argument("name", help="the partner's id or name")
    database_option(revoke)
    revoke.set_defaults(run=_guarded("revoke", _revoke))

    rotate = partners.add_parser("rotate", help="give a partner new keys (printed once)")
    rotate.add_argument("name", help="the partner's id or name")
    _public_url(rotate)
    database_option(rotate)
    rotate.set_defaults(run=_guarded("rotate", _rotate))

    demo = sub.add_parser(
        "demo-partner", help="serve a fictitious partner portal with the widget embedded"
    )
    demo.add_argument("--host", default="127.0.0.1", help="listen address (default %(default)s)")
    demo.add_argument("--port", type=int, default=8001, help="port (default %(default)s)")
    demo.add_argument(
        "--boussole-url",
        default=DEFAULT_PUBLIC_URL,
        help="where Boussole serves /widget.js (default %(default)s)",
    )
    database_option(demo)
    demo.set_defaults(run=guarded_input("demo-partner", _demo_partner, "boussole", _BAD_INPUT))


def _public_url(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="where Boussole is served, for the widget tag (default: BOUSSOLE_PUBLIC_URL, "
        f"else {DEFAULT_PUBLIC_URL})",
    )


def _guarded(command: str, run: Run) -> Run:
    return guarded_input(command, run, "boussole partners", _BAD_INPUT)


def _store(args: argparse.Namespace, settings: Settings) -> SqlPartnerStore:
    from assistant.console import open_partners

    return open_partners(with_database(args, settings))


def _add(args: argparse.Namespace, settings: Settings) -> int:
    if not args.origin:
        raise InvalidPartnerError(
            "give at least one --origin URL, the scheme://host[:port] of the partner's pages "
            "(e.g. --origin https://www.example.be)"
        )
    store = _store(args, settings)
    partner, publishable, secret = store.add(args.name, args.origin, rate_limit=args.rate_limit)
    print(f"Added partner {partner.id} ({partner.name}) to the database.")
    _print_facts(partner, settings)
    _print_keys(publishable, secret, _public(args, settings))
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    store = _store(args, settings)
    partners = store.list()
    if not partners:
        print("No partners yet: add one with `boussole partners add NAME --origin URL`.")
        return 0
    for partner in partners:
        status = (
            "active"
            if partner.revoked_at is None
            else f"revoked {partner.revoked_at:%Y-%m-%d %H:%M} UTC"
        )
        print(f"{partner.id}  {partner.name}  [{status}]")
        print(f"    keys: {partner.publishable_prefix}…  {partner.secret_prefix}…")
        _print_facts(partner, settings, indent="    ")
    return 0


def _revoke(args: argparse.Namespace, settings: Settings) -> int:
    partner = _store(args, settings).revoke(args.name)
    print(f"Revoked partner {partner.id} ({partner.name}): its keys are refused from now on.")
    return 0


def _rotate(args: argparse.Namespace, settings: Settings) -> int:
    partner, publishable, secret = _store(args, settings).rotate_keys(args.name)
    print(f"New keys for partner {partner.id} ({partner.name}); the old ones are refused now.")
    _print_keys(publishable, secret, _public(args, settings))
    return 0


def _demo_partner(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.partners import make_demo_partner_server, page_url

    store = _store(args, settings)
    try:
        server, _ = make_demo_partner_server(store, args.host, args.port, args.boussole_url)
    except OSError as exc:
        print(
            f"boussole demo-partner: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    print(
        f"Demo partner portal on {page_url(server)}  (partner 'demo' has new keys; Boussole "
        f"at {args.boussole_url} must use the same database)",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("boussole demo-partner: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0


def _print_facts(partner: Partner, settings: Settings, indent: str = "") -> None:
    limit = partner.limit_per_minute(settings.partner_rate_limit)
    default = "" if partner.rate_limit is not None else " (the default)"
    print(f"{indent}origins: {', '.join(partner.origins)}")
    print(f"{indent}rate limit: {limit} requests a minute{default}")


def _public(args: argparse.Namespace, settings: Settings) -> str:
    return str(args.public_url or settings.public_url or DEFAULT_PUBLIC_URL)


def _print_keys(publishable: str, secret: str, public_url: str) -> None:
    print(f"publishable key: {publishable}")
    print(f"secret key:      {secret}")
    print(
        "These keys are shown only now: Boussole stores only their hashes. "
        "Keep the secret key on the partner's servers, never in a page."
    )
    print("Widget tag to paste into the partner's pages:")
    print(widget_tag(public_url, publishable))
