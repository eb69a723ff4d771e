"""Shortlists: modules a counsellor keeps for a jobseeker, filed under a reference.

A note is private (seen in the console only) unless the counsellor marks it shared: only a
shared note reaches the print view, the PDF and the share link.

The reference is chosen by the counsellor and must not identify the person: e-mail addresses
and Belgian national register numbers are refused, and a reference that looks like a name
(two capitalised words) is held back until the counsellor confirms it is not one. A
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
# Two or more capitalised words and nothing else ("Marie Dupont", "Jean-Pierre Van Damme"):
# what a person's name looks like. A warning the counsellor may confirm past, not a refusal.
_CAPITALISED = r"[^\W\d_](?<=[A-ZÀ-ÖØ-Þ])[^\W\d_A-ZÀ-ÖØ-Þ]+"
_PERSON_NAME = re.compile(rf"{_CAPITALISED}(?:[ -]{_CAPITALISED})+")


class ShortlistError(AssistantError):
    """A shortlist request that cannot be done as asked (the message says why)."""


class NameLikeReferenceError(ShortlistError):
    """The reference looks like a person's name; given again with ``not_a_name``, it is kept."""


class NotFoundError(ShortlistError):
    """No such shortlist for this person (someone else's is "not found" too)."""


def looks_like_a_name(reference: str) -> bool:
    """Whether ``reference`` is two or more capitalised words only, as a person's name is."""
    return bool(_PERSON_NAME.fullmatch(" ".join(reference.split())))


def clean_reference(reference: str, *, not_a_name: bool = False) -> str:
    """The reference, tidied; refused when it identifies the person (an e-mail, a national
    register number), and held back when it looks like a name unless ``not_a_name``.

    Raises:
        NameLikeReferenceError: it looks like a person's name ("Marie Dupont").
        ShortlistError: empty, too long, characters outside the allowed ones, or identifying.
    """
    value = " ".join(reference.split())
    if not value:
        raise ShortlistError("give a reference (for example your file number), not a name")
    if "@" in value or _NATIONAL_NUMBER.search(value.replace(" ", "")):
        raise ShortlistError(
            "the reference must not identify the person: no e-mail, no national number"
        )
    if len(value) > MAX_REFERENCE or not _REFERENCE.fullmatch(value):
        raise ShortlistError(
            f"the reference may hold letters, digits, spaces and . - / # only, at most "
            f"{MAX_REFERENCE} characters"
        )
    if not not_a_name and looks_like_a_name(value):
        raise NameLikeReferenceError(
            "the reference looks like a person's name: use a file number, or confirm it is "
            "not a name"
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

    def create(self, actor: Actor, reference: str, *, not_a_name: bool = False) -> Shortlist:
        now = self._clock()
        shortlist = Shortlist(
            public_id=secrets.token_urlsafe(12),
            owner_id=actor.user_id,
            reference=clean_reference(reference, not_a_name=not_a_name),
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
        self,
        actor: Actor,
        public_id: str,
        module_id: str,
        title: str,
        note: str = "",
        *,
        shared: bool = False,
    ) -> Shortlist:
        """Add a module (once); its ``note`` is private unless ``shared``."""
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
                    note_shared=shared,
                    position=len(shortlist.items),
                )
            )
            self._touch(db, actor, shortlist, "added")
        return self.get(actor, public_id)

    def set_note(
        self, actor: Actor, public_id: str, module_id: str, note: str, *, shared: bool = False
    ) -> Shortlist:
        """Replace a module's note; ``shared`` shows it to the jobseeker (print, PDF, share
        link), else only the console shows it."""
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            item = self._item(shortlist, module_id)
            item.note = clean_note(note)
            item.note_shared = shared
            self._touch(db, actor, shortlist, "note")
        return self.get(actor, public_id)

    def set_reference(
        self, actor: Actor, public_id: str, reference: str, *, not_a_name: bool = False
    ) -> Shortlist:
        with self._db.begin() as db:
            shortlist = self._get(db, actor, public_id)
            shortlist.reference = clean_reference(reference, not_a_name=not_a_name)
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
