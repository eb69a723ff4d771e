from __future__ import annotations

import json
import multiprocessing
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.partners import (
    FilePartnerStore,
    InvalidOriginError,
    InvalidPartnerError,
    PartnerError,
    PartnerStore,
    PartnerStoreError,
    SharedJsonFile,
    UnknownPartnerError,
    hash_key,
    normalise_origin,
    widget_tag,
)

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "partners.json"


@pytest.fixture
def store(path: Path) -> FilePartnerStore:
    return FilePartnerStore(path, clock=lambda: NOW)


# Origins ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.Forem.be", "https://www.forem.be"),
        ("HTTPS://www.forem.be/", "https://www.forem.be"),
        ("https://www.forem.be:443", "https://www.forem.be"),
        ("http://127.0.0.1:8001", "http://127.0.0.1:8001"),
        ("http://localhost:80", "http://localhost"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://démoville.be", "https://xn--dmoville-b1a.be"),
        ("  https://actiris.brussels  ", "https://actiris.brussels"),
    ],
)
def test_origins_are_normalised_as_browsers_send_them(given: str, expected: str) -> None:
    assert normalise_origin(given) == expected


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("", "empty"),
        ("ftp://example.be", "http and https"),
        ("www.example.be", "http and https"),
        ("https://*.example.be", "wildcard"),
        ("*", "wildcard"),
        ("https://example.be/widget", "path"),
        ("https://example.be?x=1", "query"),
        ("https://example.be#top", "fragment"),
        ("https://user:pw@example.be", "user name"),
        ("https://example.be:99999", "port"),
        ("https://", "host"),
        ("https://exa mple.be", "host"),
    ],
)
def test_bad_origins_are_refused_naming_the_value(given: str, reason: str) -> None:
    with pytest.raises(InvalidOriginError) as caught:
        normalise_origin(given)
    message = str(caught.value)
    assert repr(given) in message and reason in message
    assert "scheme://host[:port]" in message


# Adding and looking up -------------------------------------------------------------------


def test_add_returns_keys_that_are_stored_only_as_hashes(
    store: FilePartnerStore, path: Path
) -> None:
    partner, pk, sk = store.add(
        "Maison de l'emploi de Namur", ["https://www.mde-namur.be/"], rate_limit=120
    )
    assert partner.id == "maison-de-l-emploi-de-namur"
    assert partner.origins == ("https://www.mde-namur.be",)
    assert partner.rate_limit == 120 and partner.limit_per_minute(60) == 120
    assert partner.created_at == NOW and partner.active
    assert pk.startswith("pk_") and len(pk) == 3 + 32
    assert sk.startswith("sk_") and len(sk) == 3 + 43
    assert partner.publishable_prefix == pk[:11] and partner.secret_prefix == sk[:11]
    text = path.read_text(encoding="utf-8")
    assert pk not in text and sk not in text
    assert hash_key(pk) in text and hash_key(sk) in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    assert store.by_publishable_key(pk) == partner
    assert store.by_secret_key(sk) == partner
    # Each key opens only its own door.
    assert store.by_secret_key(pk) is None
    assert store.by_publishable_key(sk) is None


@pytest.mark.parametrize("key", ["", "pk_", "pk_short", "nope", "pk_" + "x" * 500, "pk_ab cd" * 4])
def test_unknown_or_malformed_keys_give_none(store: FilePartnerStore, key: str) -> None:
    store.add("Forem", ["https://www.leforem.be"])
    assert store.by_publishable_key(key) is None
    assert store.by_secret_key(key) is None
    assert store.by_publishable_key("pk_" + "A" * 32) is None


def test_a_new_store_on_the_same_file_sees_the_partners(
    store: FilePartnerStore, path: Path
) -> None:
    partner, pk, _ = store.add("Actiris", ["https://www.actiris.brussels"])
    again = FilePartnerStore(path)
    assert again.by_publishable_key(pk) == partner
    assert again.list() == [partner]


def test_missing_file_is_an_empty_store(store: FilePartnerStore, path: Path) -> None:
    assert store.list() == []
    assert store.all_origins() == frozenset()
    assert store.by_publishable_key("pk_" + "A" * 32) is None
    assert not path.exists()  # reading creates nothing


def test_store_satisfies_the_protocol(store: FilePartnerStore) -> None:
    protocol_user: PartnerStore = store
    assert protocol_user.list() == []


@pytest.mark.parametrize(
    ("name", "origins", "rate_limit", "needle"),
    [
        ("", ["https://a.be"], None, "1 to 80"),
        ("x" * 81, ["https://a.be"], None, "1 to 80"),
        ("A", [], None, "at least one origin"),
        ("A", ["https://a.be/path"], None, "'https://a.be/path'"),
        ("A", ["https://a.be"], 0, "out of range"),
        ("A", ["https://a.be"], True, "whole number"),
    ],
)
def test_invalid_partners_are_refused(
    store: FilePartnerStore,
    path: Path,
    name: str,
    origins: list[str],
    rate_limit: int | None,
    needle: str,
) -> None:
    with pytest.raises(InvalidPartnerError) as caught:
        store.add(name, origins, rate_limit=rate_limit)
    assert needle in str(caught.value)
    assert isinstance(caught.value, PartnerError) and isinstance(caught.value, AssistantError)
    assert not path.exists()


def test_names_are_unique_ignoring_case_and_spaces(store: FilePartnerStore) -> None:
    store.add("Bruxelles Formation", ["https://www.bruxellesformation.be"])
    with pytest.raises(InvalidPartnerError, match="already exists"):
        store.add("bruxelles   formation", ["https://other.be"])
    assert len(store.list()) == 1


def test_ids_stay_unique_when_slugs_collide(store: FilePartnerStore) -> None:
    first, _, _ = store.add("Démo!", ["https://a.be"])
    second, _, _ = store.add("Demo?", ["https://b.be"])
    third, _, _ = store.add("Demo ?", ["https://c.be"])
    assert (first.id, second.id, third.id) == ("demo", "demo-2", "demo-3")
    assert store.get("DEMO?") == second and store.get("demo-3") == third


def test_duplicate_origins_are_kept_once(store: FilePartnerStore) -> None:
    partner, _, _ = store.add("A", ["https://a.be", "https://A.be/", "http://a.be"])
    assert partner.origins == ("https://a.be", "http://a.be")


def test_allows_origin(store: FilePartnerStore) -> None:
    partner, _, _ = store.add("A", ["https://www.a.be"])
    assert partner.allows_origin("https://www.a.be")
    assert partner.allows_origin("https://WWW.a.be:443")
    assert not partner.allows_origin("https://evil.be")
    assert not partner.allows_origin("null")
    assert not partner.allows_origin(None)
    assert not partner.allows_origin("https://www.a.be.evil.be")


# Changing ---------------------------------------------------------------------------------


def test_revoke_refuses_both_keys_and_drops_its_origins(store: FilePartnerStore) -> None:
    _, pk, sk = store.add("A", ["https://a.be"])
    store.add("B", ["https://b.be"])
    revoked = store.revoke("a")
    assert revoked.revoked_at == NOW and not revoked.active
    assert store.by_publishable_key(pk) is None and store.by_secret_key(sk) is None
    assert store.all_origins() == frozenset({"https://b.be"})
    assert [p.id for p in store.list()] == ["a", "b"]  # kept, for the record
    with pytest.raises(InvalidPartnerError, match="already revoked"):
        store.revoke("A")
    with pytest.raises(InvalidPartnerError, match="already exists"):
        store.add("A", ["https://a.be"])


def test_rotate_keys_replaces_both_keys(store: FilePartnerStore) -> None:
    partner, old_pk, old_sk = store.add("A", ["https://a.be"])
    rotated, pk, sk = store.rotate_keys("A")
    assert (pk, sk) != (old_pk, old_sk)
    assert store.by_publishable_key(old_pk) is None and store.by_secret_key(old_sk) is None
    assert store.by_publishable_key(pk) == rotated and store.by_secret_key(sk) == rotated
    assert rotated.id == partner.id and rotated.created_at == partner.created_at


def test_rotating_a_revoked_partner_needs_reinstate(store: FilePartnerStore) -> None:
    store.add("A", ["https://a.be"])
    store.revoke("a")
    with pytest.raises(InvalidPartnerError, match="revoked"):
        store.rotate_keys("a")
    partner, pk, _ = store.rotate_keys("a", reinstate=True)
    assert partner.active and store.by_publishable_key(pk) == partner


def test_set_origins(store: FilePartnerStore) -> None:
    store.add("A", ["https://a.be"])
    partner = store.set_origins("a", ["https://new.a.be", "http://localhost:8001"])
    assert partner.origins == ("https://new.a.be", "http://localhost:8001")
    assert store.all_origins() == frozenset(partner.origins)
    with pytest.raises(InvalidPartnerError, match=r"'ftp://a\.be'"):
        store.set_origins("a", ["ftp://a.be"])


def test_unknown_partner(store: FilePartnerStore) -> None:
    for call in (store.revoke, store.rotate_keys, store.get):
        with pytest.raises(UnknownPartnerError, match=r"'ghost'.*boussole partners list"):
            call("ghost")
    with pytest.raises(UnknownPartnerError):
        store.set_origins("ghost", ["https://a.be"])


# The file: shared, re-read, never clobbered -------------------------------------------------


def test_a_running_store_sees_changes_made_by_another(store: FilePartnerStore, path: Path) -> None:
    server_side = FilePartnerStore(path)
    assert server_side.list() == []
    cli_side = FilePartnerStore(path)
    partner, pk, _ = cli_side.add("A", ["https://a.be"])
    assert server_side.by_publishable_key(pk) == partner
    assert server_side.all_origins() == frozenset({"https://a.be"})
    cli_side.revoke("a")
    assert server_side.by_publishable_key(pk) is None
    _, new_pk, _ = cli_side.rotate_keys("a", reinstate=True)
    assert server_side.by_publishable_key(new_pk) is not None


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 99, "partners": []}',
        '{"version": 1}',
        '{"version": 1, "partners": [{"id": "a"}]}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_file_is_reported_and_left_untouched(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    store = FilePartnerStore(path)
    with pytest.raises(PartnerStoreError) as caught:
        store.list()
    message = str(caught.value)
    assert str(path) in message and "backup" in message
    with pytest.raises(PartnerStoreError):
        store.by_publishable_key("pk_" + "A" * 32)
    with pytest.raises(PartnerStoreError):
        store.add("A", ["https://a.be"])
    assert path.read_bytes() == before


def test_a_field_of_the_wrong_type_is_damage(store: FilePartnerStore, path: Path) -> None:
    store.add("A", ["https://a.be"])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["partners"][0]["origins"] = "https://a.be"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PartnerStoreError, match="wrong type"):
        FilePartnerStore(path).list()


def test_an_unreadable_file_is_reported(path: Path) -> None:
    # A folder where the file should be cannot be read, even by root (CI runs as root).
    path.mkdir(parents=True)
    with pytest.raises(PartnerStoreError, match="cannot read"):
        FilePartnerStore(path).list()


def test_no_temporary_file_is_left_behind(store: FilePartnerStore, path: Path) -> None:
    store.add("A", ["https://a.be"])
    store.rotate_keys("a")
    assert sorted(p.name for p in path.parent.iterdir()) == ["partners.json", "partners.json.lock"]


def test_concurrent_threads_lose_no_partner(store: FilePartnerStore, path: Path) -> None:
    stores = [FilePartnerStore(path) for _ in range(4)]

    def add_many(s: FilePartnerStore, n: int) -> None:
        for i in range(10):
            s.add(f"p{n}-{i}", ["https://a.be"])

    threads = [threading.Thread(target=add_many, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.list()) == 40


def _add_in_another_process(path: str, n: int) -> None:
    store = FilePartnerStore(Path(path))
    for i in range(10):
        store.add(f"proc{n}-{i}", ["https://a.be"])


def test_concurrent_processes_lose_no_partner(store: FilePartnerStore, path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_add_in_another_process, args=(str(path), n)) for n in range(3)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=60)
    assert [p.exitcode for p in processes] == [0, 0, 0]
    assert len(store.list()) == 30


def test_shared_file_round_trip(tmp_path: Path) -> None:
    shared = SharedJsonFile(tmp_path / "deep" / "x.json")
    assert shared.read() == (None, None) and shared.stamp() is None
    with shared.locked():
        stamp = shared.write({"a": "é"})
    assert shared.read() == ({"a": "é"}, stamp) and shared.stamp() == stamp


# The widget tag -----------------------------------------------------------------------------


def test_widget_tag() -> None:
    assert widget_tag("https://boussole.example.be/", "pk_abc") == (
        '<script src="https://boussole.example.be/widget.js" data-key="pk_abc" async></script>'
    )
    tag = widget_tag("http://127.0.0.1:8000", "pk_abc", lang="fr", title='"Trouver"')
    assert 'data-lang="fr" data-title="&quot;Trouver&quot;" async' in tag
