"""The console's services, opened from the settings: database, accounts, shortlists, partners,
share links and usage counts. Used by ``create_app`` and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.console.accounts import Accounts, SignInThrottle, Throttle
from assistant.console.sharing import ShareLinks, load_secret
from assistant.console.shortlists import Shortlists
from assistant.console.usage import Usage
from assistant.db.engine import open_engine, sessions, upgrade
from assistant.partners import SqlPartnerStore
from assistant.settings import Settings


@dataclass
class Console:
    engine: Engine
    db: sessionmaker[Session]
    accounts: Accounts
    throttle: Throttle
    shortlists: Shortlists
    partners: SqlPartnerStore
    links: ShareLinks
    usage: Usage
    secret: bytes
    office_contact: str = ""  # who the jobseeker contacts about a shared list

    def close(self) -> None:
        self.usage.flush()
        self.engine.dispose()


def open_partners(settings: Settings) -> SqlPartnerStore:
    """The partner accounts in the database (for the CLI), schema brought up to date first."""
    engine = open_engine(settings.database_url)
    upgrade(engine)
    partners = SqlPartnerStore(sessions(engine))
    partners.import_file(settings.partners_file)
    return partners


def open_console(settings: Settings, *, migrate: bool = True) -> Console:
    """Open the database (bringing its schema up to date) and the services on it."""
    engine = open_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    db = sessions(engine)
    secret = load_secret(settings.secret_key_file)
    partners = SqlPartnerStore(db)
    partners.import_file(settings.partners_file)
    return Console(
        engine=engine,
        db=db,
        accounts=Accounts(db, session_hours=settings.session_hours),
        throttle=SignInThrottle(settings.signin_attempts),
        shortlists=Shortlists(db, days=settings.shortlist_days),
        partners=partners,
        links=ShareLinks(secret, settings.share_days),
        usage=Usage(db),
        secret=secret,
        office_contact=settings.office_contact.strip(),
    )
