"""A shortlist to hand over: a page to print (A4) and a PDF, each export audited."""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from assistant.console import ShortlistDoc, next_starts, provider_contacts, shortlist_pdf
from assistant.db.models import Shortlist
from web.console.auth import SessionDep, console_of
from web.console.pages import NO_STORE, console_page
from web.console.shortlist_routes import LISTS, ShortlistRoute, entries

# Registered before the shortlist pages: "/{public_id}" would take "abc.pdf" for an id.
router = APIRouter(prefix=LISTS, include_in_schema=False, route_class=ShortlistRoute)


def document(request: Request, shortlist: Shortlist) -> ShortlistDoc:
    """What the jobseeker may see of a list: shared notes only, and who to contact."""
    return ShortlistDoc(
        shortlist.reference,
        date.today(),
        entries(request, shortlist),
        contact=console_of(request).office_contact,
    )


def filename(reference: str) -> str:
    """A file name from the reference: ASCII letters, digits, ``.``, ``_`` and ``-`` only."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", reference).strip("-.")
    return f"formations-{stem or 'liste'}.pdf"


@router.get("/{public_id}/print")
def print_page(request: Request, session: SessionDep, public_id: str) -> Response:
    shortlist = console_of(request).shortlists.exported(session.actor, public_id, "print")
    return console_page(
        request,
        "console/print.html",
        session=session,
        doc=document(request, shortlist),
        public_id=public_id,
        next_starts=next_starts,
        provider_contacts=provider_contacts,
    )


@router.get("/{public_id}.pdf")
def pdf(request: Request, session: SessionDep, public_id: str) -> Response:
    shortlist = console_of(request).shortlists.exported(session.actor, public_id, "pdf")
    body = shortlist_pdf(document(request, shortlist))
    disposition = f'attachment; filename="{filename(shortlist.reference)}"'
    return Response(
        body,
        media_type="application/pdf",
        headers={**NO_STORE, "Content-Disposition": disposition},
    )
