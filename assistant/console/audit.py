"""The audit log: who did what kind of action on which record, and when. Never the content
(no reference, no note, no search text): ids, action names and counts only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.console.accounts import Actor
from assistant.db.models import AuditEvent

ACTIONS = (
    "signin",
    "signin_failed",
    "signout",
    "signout_everywhere",
    "shortlist_create",
    "shortlist_update",
    "shortlist_delete",
    "shortlist_share",
    "shortlist_export",
    "shortlist_print",
    "erase_reference",
    "purge",
    "user_add",
    "user_change",
    "partner_add",
    "partner_revoke",
    "partner_rotate",
    "partner_origins",
    "catalog_rebuild",
)


def record(
    db: Session,
    actor: Actor,
    action: str,
    when: datetime,
    *,
    target_kind: str = "",
    target_id: str = "",
    detail: str = "",
) -> None:
    """Add one event to ``db``'s transaction (it is written with the change it records)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.add(
        AuditEvent(
            at=when,
            actor_id=actor.user_id,
            actor=actor.email,
            action=action,
            target_kind=target_kind,
            target_id=target_id[:64],
            detail=detail[:200],
        )
    )


def recent(sessions: sessionmaker[Session], limit: int = 200) -> list[AuditEvent]:
    with sessions() as db:
        query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        return list(db.scalars(query.limit(limit)))
