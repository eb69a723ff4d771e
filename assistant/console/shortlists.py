"""Shortlists: modules a counsellor keeps for a jobseeker, filed under a reference.

The reference is chosen by the counsellor and must not identify the person: no name can be
checked for, but e-mail addresses and Belgian national register numbers are refused. A
counsellor sees and changes only their own shortlists; an admin sees all of them. Every
change pushes the expiry ``shortlist_days`` ahead; ``purge`` deletes what expired. Creating,
sharing, exporting, deleting and erasing are audited (ids and counts, never the content).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from assistant.console.accounts import Actor, utcnow
from assistant.console.audit import record
from assistant.db.models import Shortlist, ShortlistItem
from assistant.errors import AssistantError

MAX_REFERENCE = 40
MAX_NOTE = 2000
MAX_ITEMS = 50
_REFERENCE = re.compile(r"[\w .\-/#]{1,40}")
_NATIONAL_NUMBER = re.compile(r"\d{2}\.?\d{2}\.?\d{2}[-.]?\d{3}\.?\d{2}")


class ShortlistError(AssistantError):
    """A shortlist request that cannot be done as asked (the message says why)."""


class NotFoundError(ShortlistError):
    """No such shortlist for this person (someone else's is "not found" too)."""


def clean_reference(reference: str) -> str:
    value = " ".join(reference.split())
    if not value:
        raise ShortlistError("give a reference (for example your file number), not a name")
    if len(value) > MAX_REFERENCE or not _REFERENCE.fullmatch(value):
        raise ShortlistError(
            f"the reference may hold letters, digits, spaces and . - / # only, at most "
            f"{MAX_REFERENCE} characters"
        )
    if "@" in value or _NATIONAL_NUMBER.search(value.replace(" ", "")):
        raise ShortlistError(
            "the reference must not identify the person: no e-mail, no national number"
        )
    return value


def clean_note(note: str) -> str:
    value = note.strip()
    if len(value) > MAX_NOTE:
        raise ShortlistError(f"a note holds at most {MAX_NOTE} characters")
    return value


class Shortlists:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        days: int = 365,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = sessions
        self._days = days
        self._clock = clock

    # -- reading -------------------------------------------------------------------------

    def list(self, actor: Actor, *, everyone: bool = False) -> list[Shortlist]:
        """``actor``'s shortlists, newest first (an admin may ask for ``everyone``'s)."""
        with self._db() as db:
            query = (
                select(Shortlist)
                .options(selectinload(Shortlist.items), selectinload(Shortlist.owner))
                .order_by(Shortlist.updated_at.desc())
            )
            if not (everyone and actor.is_admin):
                query = query.where(Shortlist.owner_id == actor.user_id)
            return list(db.scalars(query))

    def get(self, actor: Actor, public_id: str) -> Shortlist:
        with self._db() as db:
            return self._get(db, actor, public_id)

    def by_public_id(self, public_id: str) -> Shortlist | None:
        """For a share link that was already verified: no owner check."""
        with self._db() as db:
            return self._load(db, public_id)

    # -- changing ------------------------------------------------------------------------

    def create(self, actor: Actor, reference: str) -> Shortlist:
        now = self._clock()
        shortlist = Shortlist(
            public_id=secrets.token_urlsafe(12),
            owner_id=actor.user_id,
            reference=clean_reference(reference),
            created_at=now,
            updated_at=now,
            expires_at=now + timedelta(days=self._days),
        )
        with self._db.begin() as db:
            db.add(shortlist)
            db.flush()
            record(
                db,
                actor,
                "shortlist_create",
                now,
                target_kind="shortlist",
                target_id=shortlist.public_id,
            )
        return self.get(actor, shortlist.public_id)

    def add_item(
        self, actor: Actor, public_id: str, module_id: str, title: str, note: str = ""
    ) -> Shortlist:
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            if any(i.module_id == module_id for i in shortlist.items):
                return shortlist
            if len(shortlist.items) >= MAX_ITEMS:
                raise ShortlistError(f"a shortlist holds at most {MAX_ITEMS} modules")
            shortlist.items.append(
                ShortlistItem(
                    module_id=module_id[:200],
                    title=title[:500],
                    note=clean_note(note),
                    position=len(shortlist.items),
                )
            )
            self._touch(db, actor, shortlist, "added")
        return self.get(actor, public_id)

    def set_note(self, actor: Actor, public_id: str, module_id: str, note: str) -> Shortlist:
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            item = self._item(shortlist, module_id)
            item.note = clean_note(note)
            self._touch(db, actor, shortlist, "note")
        return self.get(actor, public_id)

    def set_reference(self, actor: Actor, public_id: str, reference: str) -> Shortlist:
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            shortlist.reference = clean_reference(reference)
            self._touch(db, actor, shortlist, "reference")
        return self.get(actor, public_id)

    def remove_item(self, actor: Actor, public_id: str, module_id: str) -> Shortlist:
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            shortlist.items.remove(self._item(shortlist, module_id))
            for position, item in enumerate(shortlist.items):
                item.position = position
            self._touch(db, actor, shortlist, "removed")
        return self.get(actor, public_id)

    def delete(self, actor: Actor, public_id: str) -> None:
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            db.delete(shortlist)
            record(
                db,
                actor,
                "shortlist_delete",
                self._clock(),
                target_kind="shortlist",
                target_id=public_id,
            )

    def share(self, actor: Actor, public_id: str, *, renew: bool = False) -> int:
        """The share version to sign; ``renew`` revokes every earlier link first."""
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            if renew:
                shortlist.share_version += 1
            record(
                db,
                actor,
                "shortlist_share",
                self._clock(),
                target_kind="shortlist",
                target_id=public_id,
                detail="renewed" if renew else "",
            )
            return shortlist.share_version

    def exported(self, actor: Actor, public_id: str, kind: str) -> Shortlist:
        """Record a print or PDF export of a shortlist ``actor`` may read; return it."""
        action = "shortlist_print" if kind == "print" else "shortlist_export"
        with self._db.begin() as db:
            self._get(db, actor, public_id)  # may read it, or NotFoundError
            record(
                db,
                actor,
                action,
                self._clock(),
                target_kind="shortlist",
                target_id=public_id,
                detail=kind,
            )
        return self.get(actor, public_id)

    def erase_reference(self, actor: Actor, reference: str) -> int:
        """Admin: delete every shortlist filed under ``reference``; how many were."""
        if not actor.is_admin:
            raise NotFoundError("only an admin can erase every shortlist of a reference")
        value = " ".join(reference.split())
        with self._db.begin() as db:
            ids = list(db.scalars(select(Shortlist.id).where(Shortlist.reference == value)))
            if ids:
                db.execute(delete(Shortlist).where(Shortlist.id.in_(ids)))
            record(
                db,
                actor,
                "erase_reference",
                self._clock(),
                target_kind="reference",
                detail=f"{len(ids)} shortlists",
            )
        return len(ids)

    def purge(self, actor: Actor) -> int:
        """Delete the shortlists whose expiry has passed; how many were."""
        now = self._clock()
        with self._db.begin() as db:
            count = int(db.scalar(select(func.count()).where(Shortlist.expires_at <= now)) or 0)
            db.execute(delete(Shortlist).where(Shortlist.expires_at <= now))
            record(db, actor, "purge", now, target_kind="shortlist", detail=f"{count} expired")
        return count

    # -- helpers -------------------------------------------------------------------------

    def _load(self, db: Session, public_id: str) -> Shortlist | None:
        query = (
            select(Shortlist)
            .options(selectinload(Shortlist.items), selectinload(Shortlist.owner))
            .where(Shortlist.public_id == public_id)
        )
        return db.scalar(query)

    def _get(self, db: Session, actor: Actor, public_id: str) -> Shortlist:
        shortlist = self._load(db, public_id) if len(public_id) <= 32 else None
        if shortlist is None or not (actor.is_admin or shortlist.owner_id == actor.user_id):
            raise NotFoundError("no such shortlist (or not yours)")
        if shortlist.expires_at <= self._clock():
            raise NotFoundError("this shortlist has expired")
        return shortlist

    def _item(self, shortlist: Shortlist, module_id: str) -> ShortlistItem:
        for item in shortlist.items:
            if item.module_id == module_id:
                return item
        raise NotFoundError(f"module {module_id} is not in this shortlist")

    def _touch(self, db: Session, actor: Actor, shortlist: Shortlist, what: str) -> None:
        now = self._clock()
        shortlist.updated_at = now
        shortlist.expires_at = now + timedelta(days=self._days)
        record(
            db,
            actor,
            "shortlist_update",
            now,
            target_kind="shortlist",
            target_id=shortlist.public_id,
            detail=what,
        )
