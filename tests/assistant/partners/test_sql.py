"""Partners in the database behave as in the file store, and a partners.json is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant.partners import (
    FilePartnerStore,
    InvalidPartnerError,
    SqlPartnerStore,
    UnknownPartnerError,
)


@pytest.fixture
def store(db: sessionmaker[Session]) -> SqlPartnerStore:
    return SqlPartnerStore(db, cache_seconds=0)


def test_keys_find_the_partner_and_are_kept_as_hashes(store: SqlPartnerStore) -> None:
    partner, pk, sk = store.add("Portail", ["https://portail.be"], rate_limit=10)
    assert store.by_publishable_key(pk) == partner == store.by_secret_key(sk)
    assert store.by_publishable_key(sk) is None and store.by_secret_key(pk) is None
    assert pk not in repr(store.list()) and sk not in repr(store.list())
    assert store.all_origins() == {"https://portail.be"}


def test_names_are_unique(store: SqlPartnerStore) -> None:
    store.add("Portail", ["https://a.be"])
    with pytest.raises(InvalidPartnerError, match="already exists"):
        store.add(" portail ", ["https://b.be"])


def test_revoke_rotate_and_origins(store: SqlPartnerStore) -> None:
    _, pk, sk = store.add("Portail", ["https://a.be"])
    store.revoke("portail")
    assert store.by_publishable_key(pk) is None and store.by_secret_key(sk) is None
    assert store.all_origins() == frozenset()
    _, pk2, _ = store.rotate_keys("portail", reinstate=True)
    assert store.by_publishable_key(pk2) is not None and store.by_publishable_key(pk) is None
    store.set_origins("portail", ["https://c.be", "https://d.be:8443"])
    assert store.get("Portail").origins == ("https://c.be", "https://d.be:8443")
    with pytest.raises(UnknownPartnerError):
        store.get("nobody")


def test_another_process_sees_changes_after_the_cache_window(db: sessionmaker[Session]) -> None:
    now = [0.0]
    server = SqlPartnerStore(db, cache_seconds=2, monotonic=lambda: now[0])
    cli = SqlPartnerStore(db)
    assert server.list() == []
    _, pk, _ = cli.add("Portail", ["https://a.be"])
    now[0] += 2.5
    assert server.by_publishable_key(pk) is not None


def test_a_partners_file_is_imported_once(store: SqlPartnerStore, tmp_path: Path) -> None:
    path = tmp_path / "partners.json"
    _, pk, sk = FilePartnerStore(path).add("Ancien", ["https://ancien.be"])
    assert store.import_file(path) == 1
    assert store.by_publishable_key(pk) is not None and store.by_secret_key(sk) is not None
    assert store.import_file(path) == 0
