"""The console's commands: ``db upgrade``, ``users add|list|disable|enable|passwd``, ``purge``.

``users add EMAIL --role counsellor|admin`` asks for the password twice (or reads one line
from standard input with ``--password-stdin``, for scripts); it is hashed with argon2 and
never printed. Bad input gets one line on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from assistant.cli.common import Run, database_option, guarded, with_database
from assistant.console.accounts import CLI, ROLES, AccountError
from assistant.settings import Settings


def add_console_commands(sub: Any) -> None:
    db = sub.add_parser("db", help="the console's database").add_subparsers(title="db commands")
    up = db.add_parser("upgrade", help="create or migrate the database schema (Alembic)")
    database_option(up)
    up.set_defaults(run=_upgrade)

    users = sub.add_parser("users", help="counsellor and admin accounts").add_subparsers(
        title="users commands"
    )
    add = users.add_parser("add", help="create an account (asks for its password)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, default="counsellor")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    database_option(add)
    add.set_defaults(run=_guarded("add", _add))
    listing = users.add_parser("list", help="list the accounts")
    database_option(listing)
    listing.set_defaults(run=_list)
    for name, helptext in (("disable", "disable and sign out everywhere"), ("enable", "enable")):
        cmd = users.add_parser(name, help=helptext)
        cmd.add_argument("email")
        database_option(cmd)
        cmd.set_defaults(run=_guarded(name, _disable if name == "disable" else _enable))
    passwd = users.add_parser("passwd", help="set a new password (signs out everywhere)")
    passwd.add_argument("email")
    passwd.add_argument("--password-stdin", action="store_true")
    database_option(passwd)
    passwd.set_defaults(run=_guarded("passwd", _passwd))

    purge = sub.add_parser("purge", help="delete expired shortlists and sessions (audited)")
    database_option(purge)
    purge.set_defaults(run=_purge)


def _guarded(command: str, run: Run) -> Run:
    return guarded(command, run, "boussole users", (AccountError,))


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("Same password again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def _upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.db.engine import open_engine, upgrade

    engine = open_engine(with_database(args, settings).database_url)
    upgrade(engine)
    engine.dispose()
    print("database schema is up to date")
    return 0


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.console import open_console, record

    console = open_console(with_database(args, settings))
    try:
        user = console.accounts.add(args.email, _password(args), args.role)
        with console.db.begin() as db:
            record(
                db,
                CLI,
                "user_add",
                user.created_at,
                target_kind="user",
                target_id=str(user.id),
                detail=user.role,
            )
        print(f"added {user.email} ({user.role})")
    finally:
        console.close()
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.console import open_console

    console = open_console(with_database(args, settings))
    try:
        users = console.accounts.list()
        if not users:
            print("No accounts yet: add one with `boussole users add EMAIL --role admin`.")
        for user in users:
            state = "disabled" if user.disabled_at else "active"
            last = user.last_signin_at.date().isoformat() if user.last_signin_at else "never"
            print(f"{user.email}  {user.role}  [{state}]  last sign-in: {last}")
    finally:
        console.close()
    return 0


def _change(args: argparse.Namespace, settings: Settings, what: str) -> int:
    from assistant.console import open_console, record, utcnow

    console = open_console(with_database(args, settings))
    try:
        if what == "disable":
            console.accounts.set_disabled(args.email, True)
        elif what == "enable":
            console.accounts.set_disabled(args.email, False)
        else:
            console.accounts.set_password(args.email, _password(args))
        with console.db.begin() as db:
            record(db, CLI, "user_change", utcnow(), target_kind="user", detail=what)
        print(f"{args.email}: {what} done")
    finally:
        console.close()
    return 0


def _disable(args: argparse.Namespace, settings: Settings) -> int:
    return _change(args, settings, "disable")


def _enable(args: argparse.Namespace, settings: Settings) -> int:
    return _change(args, settings, "enable")


def _passwd(args: argparse.Namespace, settings: Settings) -> int:
    return _change(args, settings, "password")


def _purge(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.console import open_console

    console = open_console(with_database(args, settings))
    try:
        shortlists = console.shortlists.purge(CLI)
        sessions = console.accounts.purge_sessions()
        print(f"purged {shortlists} expired shortlists and {sessions} expired sessions")
    finally:
        console.close()
    return 0
