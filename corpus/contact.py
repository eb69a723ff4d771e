"""The provider's contact, when a catalog gives one.

The catalog format has no contact field; providers' exports that have one keep it as an
extra key (kept untouched by the loader). These are read, in this order: ``contact_email``,
``email``, ``contact_phone``, ``phone``, ``telephone``, ``téléphone``, and ``contact`` (a
free text: an e-mail, a phone number, or a name and both). Values that are neither an e-mail
address nor a phone number are shown as text, never as a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.model import Module

EMAIL_KEYS = ("contact_email", "email", "e-mail", "mail")
PHONE_KEYS = ("contact_phone", "phone", "telephone", "téléphone", "tel")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ./-]{6,}\d")


@dataclass(frozen=True)
class Contact:
    """What the catalog says about whom to contact; each part ``None`` when unknown."""

    email: str | None = None
    phone: str | None = None
    note: str | None = None  # the free text of ``contact`` when it is more than an address

    @property
    def phone_link(self) -> str | None:
        """The phone number for a ``tel:`` link (digits and a leading +)."""
        if not self.phone:
            return None
        digits = re.sub(r"[^\d+]", "", self.phone)
        return digits or None


def _text(module: Module, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = module.extra.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    return None


def provider_contact(module: Module) -> Contact | None:
    """The contact of ``module``'s provider, or ``None`` when the catalog gives none."""
    email = _text(module, EMAIL_KEYS)
    phone = _text(module, PHONE_KEYS)
    note = _text(module, ("contact",))
    if note:
        found_email = _EMAIL.search(note)
        found_phone = _PHONE.search(note)
        email = email or (found_email.group(0) if found_email else None)
        phone = phone or (found_phone.group(0) if found_phone else None)
        rest = _PHONE.sub("", _EMAIL.sub("", note)).strip(" ,;:-–/()")
        note = rest or None
    if email and not _EMAIL.fullmatch(email):
        note, email = (f"{note} {email}" if note else email), None
    if not (email or phone or note):
        return None
    return Contact(email, phone, note)
