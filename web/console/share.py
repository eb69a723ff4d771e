"""The jobseeker's view of a shared shortlist: ``/s/{token}``, public, read-only.

The token (signed, expiring; :mod:`assistant.console.sharing`) names the list, not the person. A
changed token or a revoked link (the list's share version moved on, or the list is gone)
gets 404; an expired one 410, saying to ask the counsellor for a new link. The page is never
cached, never indexed, and sends no referrer to the sites it links to.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from assistant.console import ShareLinkError, next_starts, provider_contacts, utcnow
from web.console.auth import console_of
from web.console.pages import console_page
from web.console.pdf import document
from web.console.shortlist_routes import gettext

router = APIRouter(include_in_schema=False)
HEADERS = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow"}
MAX_TOKEN = 400


@router.get("/s/{token}")
def shared(request: Request, token: str) -> Response:
    console = console_of(request)
    try:
        public_id, version = console.links.read(token[:MAX_TOKEN])
    except ShareLinkError as exc:
        return _refused(request, expired=exc.expired)
    shortlist = console.shortlists.by_public_id(public_id)
    if shortlist is None or shortlist.share_version != version or shortlist.expires_at <= utcnow():
        return _refused(request, expired=False)
    return console_page(
        request,
        "console/shared.html",
        session=None,
        headers=HEADERS,
        problem=False,
        doc=document(request, shortlist),
        next_starts=next_starts,
        provider_contacts=provider_contacts,
    )


def _refused(request: Request, *, expired: bool) -> Response:
    _ = gettext(request)
    if expired:
        title = _("Lien expiré")
        message = _("Ce lien a expiré. Demandez un nouveau lien à votre conseiller.")
    else:
        title = _("Lien non valable")
        message = _(
            "Ce lien n'est pas (ou plus) valable. Vérifiez qu'il est complet, ou demandez un "
            "nouveau lien à votre conseiller."
        )
    return console_page(
        request,
        "console/shared.html",
        session=None,
        status_code=410 if expired else 404,
        headers=HEADERS,
        problem=True,
        title=title,
        message=message,
    )
