"""Console: the counsellors' side: accounts and sessions, shortlists and their PDF and share
links, the audit log, anonymous usage counts, catalog rebuild jobs and the log of catalog
syncs (with the rebuild lease they share).

:func:`open_console` opens all of it from the settings, on the database of :mod:`assistant.db`.
Imports partners (the console administers them); never the dialogue.
"""

from __future__ import annotations

from assistant.console.accounts import (
    AccountError,
    Accounts,
    Actor,
    SignedIn,
    SignInThrottle,
    token_hash,
    utcnow,
)
from assistant.console.audit import recent, record
from assistant.console.pdf import (
    Entry,
    ShortlistDoc,
    next_starts,
    provider_contacts,
    shortlist_pdf,
)
from assistant.console.rebuild import RebuildBusyError, RebuildJobs
from assistant.console.services import Console, open_console, open_partners
from assistant.console.sharing import ShareLinkError, ShareLinks, load_secret
from assistant.console.shortlists import NotFoundError, ShortlistError, Shortlists
from assistant.console.usage import Usage

__all__ = [
    "AccountError",
    "Accounts",
    "Actor",
    "Console",
    "Entry",
    "NotFoundError",
    "RebuildBusyError",
    "RebuildJobs",
    "ShareLinkError",
    "ShareLinks",
    "ShortlistDoc",
    "ShortlistError",
    "Shortlists",
    "SignInThrottle",
    "SignedIn",
    "Usage",
    "load_secret",
    "next_starts",
    "open_console",
    "open_partners",
    "provider_contacts",
    "recent",
    "record",
    "shortlist_pdf",
    "token_hash",
    "utcnow",
]
