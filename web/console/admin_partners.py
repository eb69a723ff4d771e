"""Administration of the widget and API partners: list, add, revoke, rotate keys, set origins.

New keys are shown once, in the answer to the post that made them (never in a URL, a flash or
a log): only their SHA-256 hashes are kept.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from assistant.console import SignedIn
from assistant.console.audit import ACTIONS
from assistant.partners import (
    InvalidPartnerError,
    Partner,
    UnknownPartnerError,
    widget_tag,
)
from web.console.admin import (
    N_,
    AdminCsrfDep,
    admin_page,
    admin_router,
    audit,
    done,
    gettext,
    not_found,
)
from web.console.auth import AdminDep, console_of
from web.public_url import public_base
from web.routes.deps import posted_fields

logger = logging.getLogger(__name__)
router = admin_router()
# Changing a partner's origins is not one of the audit log's actions yet (assistant/audit.py
# ACTIONS); until it is added there, the change goes to the log, ids only.
ORIGINS_ACTION = "partner_origins"


def _page(
    request: Request, session: SignedIn, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("form", {"name": "", "origins": "", "rate_limit": ""})
    context.setdefault("keys", None)
    context.setdefault("failed_id", None)
    return admin_page(
        request,
        "console/admin_partners.html",
        session,
        status_code=status_code,
        partners=console_of(request).partners.list(),
        default_limit=request.state.settings.partner_rate_limit,
        **context,
    )


def _origins(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:50]


def _rate_limit(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidPartnerError(
            N_(
                "La limite doit être un nombre entier de requêtes par minute (ou vide : la "
                "valeur par défaut)."
            )
        )  # translated when shown, as every message of this form
    return int(text)


def _keys_page(
    request: Request, session: SignedIn, partner: Partner, publishable: str, secret: str, made: str
) -> HTMLResponse:
    keys = {
        "partner": partner,
        "publishable": publishable,
        "secret": secret,
        "tag": widget_tag(public_base(request), publishable),
        "made": made,
    }
    return _page(request, session, keys=keys)


@router.get("/partners")
def partners(request: Request, session: AdminDep) -> Response:
    return _page(request, session)


@router.post("/partners")
def add_partner(request: Request, session: AdminCsrfDep) -> Response:
    fields = posted_fields(request)
    form = {k: fields.get(k, "")[:4000] for k in ("name", "origins", "rate_limit")}
    console = console_of(request)
    try:
        partner, publishable, secret = console.partners.add(
            form["name"], _origins(form["origins"]), _rate_limit(form["rate_limit"])
        )
    except InvalidPartnerError as exc:
        error = gettext(request)(str(exc))
        return _page(request, session, status_code=422, error=error, form=form)
    audit(console, session.actor, "partner_add", target_kind="partner", target_id=partner.id)
    return _keys_page(request, session, partner, publishable, secret, "added")


@router.post("/partners/{partner_id}/revoke")
def revoke(request: Request, partner_id: str, session: AdminCsrfDep) -> Response:
    console = console_of(request)
    try:
        partner = console.partners.revoke(_known(console.partners.list(), partner_id))
    except UnknownPartnerError:
        return not_found(request, session, N_("Ce partenaire n'existe pas."))
    except InvalidPartnerError as exc:
        return _page(request, session, status_code=422, error=str(exc), failed_id=partner_id)
    audit(console, session.actor, "partner_revoke", target_kind="partner", target_id=partner.id)
    return done("/partners", "partner_revoked")


@router.post("/partners/{partner_id}/rotate")
def rotate(request: Request, partner_id: str, session: AdminCsrfDep) -> Response:
    console = console_of(request)
    try:
        partner, publishable, secret = console.partners.rotate_keys(
            _known(console.partners.list(), partner_id)
        )
    except UnknownPartnerError:
        return not_found(request, session, N_("Ce partenaire n'existe pas."))
    except InvalidPartnerError as exc:
        return _page(request, session, status_code=422, error=str(exc), failed_id=partner_id)
    audit(console, session.actor, "partner_rotate", target_kind="partner", target_id=partner.id)
    return _keys_page(request, session, partner, publishable, secret, "rotated")


@router.post("/partners/{partner_id}/origins")
def set_origins(request: Request, partner_id: str, session: AdminCsrfDep) -> Response:
    console = console_of(request)
    origins = _origins(posted_fields(request).get("origins", "")[:4000])
    try:
        partner = console.partners.set_origins(_known(console.partners.list(), partner_id), origins)
    except UnknownPartnerError:
        return not_found(request, session, N_("Ce partenaire n'existe pas."))
    except InvalidPartnerError as exc:
        return _page(request, session, status_code=422, error=str(exc), failed_id=partner_id)
    if ORIGINS_ACTION in ACTIONS:
        audit(console, session.actor, ORIGINS_ACTION, target_kind="partner", target_id=partner.id)
    else:
        logger.info("partner %s: origins set by user %s", partner.id, session.actor.user_id)
    return done("/partners", "origins_set")


def _known(partners: list[Partner], partner_id: str) -> str:
    """Only a partner's id, never a name, picks a partner from a URL."""
    if not any(p.id == partner_id for p in partners):
        raise UnknownPartnerError(f"no partner with id {partner_id!r}")
    return partner_id
