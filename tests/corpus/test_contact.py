"""The provider's contact read from a catalog's extra keys."""

from __future__ import annotations

from corpus.contact import provider_contact
from corpus.model import Module


def module(**extra: object) -> Module:
    return Module(id="x", title="Soudure", extra=extra)


def test_no_contact_key_gives_none() -> None:
    assert provider_contact(module()) is None
    assert provider_contact(module(email="  ", funding="FSE")) is None


def test_separate_keys_are_read() -> None:
    found = provider_contact(module(contact_email="info@centre.example", telephone="071/12.34.56"))
    assert found is not None
    assert (found.email, found.phone, found.note) == ("info@centre.example", "071/12.34.56", None)
    assert found.phone_link == "071123456"


def test_a_free_text_contact_is_split_into_its_parts() -> None:
    found = provider_contact(module(contact="Mme Leroy, leroy@centre.example, 0470 12 34 56"))
    assert found is not None
    assert found.email == "leroy@centre.example" and found.phone == "0470 12 34 56"
    assert found.note == "Mme Leroy"


def test_a_malformed_email_is_shown_as_text_never_as_a_link() -> None:
    found = provider_contact(module(email="écrire via le formulaire"))
    assert found is not None and found.email is None
    assert found.note == "écrire via le formulaire"
