"""Partners: who may embed the widget and call the REST API.

``store`` holds the accounts and their hashed keys (a JSON file, or ``sql`` in the console's
database), ``origins`` normalises the web origins a partner registers, ``demo`` serves the
fictitious partner portal. Never imports the dialogue.
"""

from __future__ import annotations

from assistant.partners.demo import make_demo_partner_server, page_url
from assistant.partners.origins import InvalidOriginError, normalise_origin
from assistant.partners.shared_file import SharedJsonFile
from assistant.partners.sql import SqlPartnerStore
from assistant.partners.store import (
    FilePartnerStore,
    InvalidPartnerError,
    Partner,
    PartnerError,
    PartnerStore,
    PartnerStoreError,
    UnknownPartnerError,
    hash_key,
    widget_tag,
)

__all__ = [
    "FilePartnerStore",
    "InvalidOriginError",
    "InvalidPartnerError",
    "Partner",
    "PartnerError",
    "PartnerStore",
    "PartnerStoreError",
    "SharedJsonFile",
    "SqlPartnerStore",
    "UnknownPartnerError",
    "hash_key",
    "make_demo_partner_server",
    "normalise_origin",
    "page_url",
    "widget_tag",
]
