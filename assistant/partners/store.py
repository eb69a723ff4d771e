"""Partner accounts: who may embed the widget and call the REST API.

A partner has two keys. The publishable key (``pk_…``) sits in the widget tag on the
partner's pages and is only accepted from the partner's registered origins; the secret key
(``sk_…``) is for its servers. Keys are random, shown once when made, and kept only as SHA-256
hashes (plus a short prefix to tell them apart in listings): a stolen partners file gives no key.

:class:`FilePartnerStore` keeps the accounts in one JSON file until there is a database. Writes
are atomic and locked, so the ``boussole partners`` command and a running server can share the
file; the server notices a changed file (one ``stat`` per lookup) and re-reads it, so a partner
added or revoked from the command line counts at once.

Errors::

    AssistantError
    └── PartnerError
        ├── InvalidPartnerError   bad name, origin or rate limit; a name already taken
        ├── UnknownPartnerError   no partner by that id or name
        └── PartnerStoreError     the partners file cannot be read or written
"""

from __future__ import annotations

import builtins
import hashlib
import re
import secrets
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import AssistantError
from assistant.partners.origins import InvalidOriginError, normalise_origin
from assistant.partners.shared_file import SharedFileError, SharedJsonFile, Stamp

PUBLISHABLE_PREFIX = "pk_"
SECRET_PREFIX = "sk_"
MAX_NAME_CHARS = 80
MAX_RATE_LIMIT = 100_000
FILE_VERSION = 1
_SHOWN_CHARS = 8
# token_urlsafe(24) is 32 characters, token_urlsafe(32) is 43: a key far off that is not ours.
_KEY_RE = re.compile(r"(pk|sk)_[A-Za-z0-9_-]{20,64}")


class PartnerError(AssistantError):
    """Base class of the partner errors."""


class InvalidPartnerError(PartnerError):
    """A name, origin or rate limit is unusable; the message names it and says what to give."""


class UnknownPartnerError(PartnerError):
    """No partner has that id or name."""


class PartnerStoreError(PartnerError):
    """The partners file is unreadable or damaged; the message names the file."""


@dataclass(frozen=True)
class Partner:
    """One partner account. Holds key hashes and display prefixes, never a key.

    Attributes:
        id: a slug made from the name, stable for the partner's life.
        name: the name given when it was added (unique, 1-80 characters).
        origins: normalised ``scheme://host[:port]`` the widget may be embedded from.
        publishable_hash: SHA-256 hex of the publishable key.
        secret_hash: SHA-256 hex of the secret key.
        publishable_prefix: the first characters of the publishable key, for listings.
        secret_prefix: the first characters of the secret key, for listings.
        created_at: when it was added (UTC).
        revoked_at: when it was revoked (UTC), or None while active.
        rate_limit: requests a minute allowed, or None for the service's default.
    """

    id: str
    name: str
    origins: tuple[str, ...]
    publishable_hash: str
    secret_hash: str
    publishable_prefix: str
    secret_prefix: str
    created_at: datetime
    revoked_at: datetime | None = None
    rate_limit: int | None = None

    @property
    def active(self) -> bool:
        """False once revoked."""
        return self.revoked_at is None

    def allows_origin(self, origin: str | None) -> bool:
        """Whether a browser ``Origin`` header value is one of this partner's origins."""
        if not origin:
            return False
        try:
            return normalise_origin(origin) in self.origins
        except InvalidOriginError:
            return False

    def limit_per_minute(self, default: int) -> int:
        """This partner's rate limit, or ``default`` when it has none of its own."""
        return self.rate_limit if self.rate_limit is not None else default


class PartnerStore(Protocol):
    """Where partner accounts are kept. Lookups never raise for a bad key: they return None."""

    def add(
        self, name: str, origins: Iterable[str], rate_limit: int | None = None
    ) -> tuple[Partner, str, str]: ...
    def get(self, id_or_name: str) -> Partner: ...
    def by_publishable_key(self, key: str) -> Partner | None: ...
    def by_secret_key(self, key: str) -> Partner | None: ...
    def list(self) -> builtins.list[Partner]: ...
    def revoke(self, id_or_name: str) -> Partner: ...
    def rotate_keys(
        self, id_or_name: str, *, reinstate: bool = False
    ) -> tuple[Partner, str, str]: ...
    def set_origins(self, id_or_name: str, origins: Iterable[str]) -> Partner: ...
    def all_origins(self) -> frozenset[str]: ...


def hash_key(key: str) -> str:
    """SHA-256 hex of a key. Unsalted is right here: keys are long random strings, not passwords."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def widget_tag(boussole_url: str, publishable_key: str, **data: str) -> str:
    """The ``<script>`` tag a partner pastes into its pages.

    Args:
        boussole_url: where Boussole is served, e.g. ``https://boussole.example.be``.
        publishable_key: the partner's ``pk_…`` key.
        **data: more ``data-`` attributes (``lang="fr"`` gives ``data-lang="fr"``).
    """
    attrs = {"key": publishable_key, **data}
    extra = "".join(f' data-{escape(k)}="{escape(v)}"' for k, v in attrs.items())
    src = escape(boussole_url.rstrip("/") + "/widget.js")
    return f'<script src="{src}"{extra} async></script>'


def _new_keys() -> tuple[str, str]:
    return (
        PUBLISHABLE_PREFIX + secrets.token_urlsafe(24),
        SECRET_PREFIX + secrets.token_urlsafe(32),
    )


def _shown(key: str) -> str:
    return key[: len(PUBLISHABLE_PREFIX) + _SHOWN_CHARS]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "partner"


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split()) if isinstance(name, str) else ""
    if not 1 <= len(cleaned) <= MAX_NAME_CHARS:
        raise InvalidPartnerError(
            f"partner name {name!r} is not usable: give 1 to {MAX_NAME_CHARS} characters"
        )
    return cleaned


def _clean_origins(origins: Iterable[str]) -> tuple[str, ...]:
    if isinstance(origins, str):
        origins = [origins]
    try:
        cleaned = tuple(dict.fromkeys(normalise_origin(o) for o in origins))
    except InvalidOriginError as exc:
        raise InvalidPartnerError(str(exc)) from None
    if not cleaned:
        raise InvalidPartnerError(
            "a partner needs at least one origin, e.g. https://www.example.be"
        )
    return cleaned


def _clean_rate_limit(rate_limit: int | None) -> int | None:
    if rate_limit is None:
        return None
    if isinstance(rate_limit, bool) or not isinstance(rate_limit, int):
        raise InvalidPartnerError(f"rate limit {rate_limit!r} is not a whole number")
    if not 1 <= rate_limit <= MAX_RATE_LIMIT:
        raise InvalidPartnerError(
            f"rate limit {rate_limit} is out of range: give 1 to {MAX_RATE_LIMIT} "
            "requests a minute, or none for the default"
        )
    return rate_limit


class PartnerList:
    """The partner operations, over a list of partners that a subclass reads and saves.

    Subclasses give ``_current()`` (the partners now) and ``_changing()`` (a context manager
    yielding a fresh list to change in place, saved on exit), and set ``_clock``,
    ``_by_publishable`` and ``_by_secret`` (hash → partner, kept up to date by ``_install``).
    """

    _clock: Callable[[], datetime]
    _by_publishable: dict[str, Partner]
    _by_secret: dict[str, Partner]

    def _current(self) -> tuple[Partner, ...]:
        raise NotImplementedError

    def _changing(self) -> AbstractContextManager[builtins.list[Partner]]:
        raise NotImplementedError

    def by_publishable_key(self, key: str) -> Partner | None:
        """The active partner whose publishable key this is, else None."""
        return self._by_key(key, PUBLISHABLE_PREFIX)

    def by_secret_key(self, key: str) -> Partner | None:
        """The active partner whose secret key this is, else None."""
        return self._by_key(key, SECRET_PREFIX)

    def list(self) -> builtins.list[Partner]:
        """Every partner, revoked ones included, oldest first."""
        return builtins.list(self._current())

    def get(self, id_or_name: str) -> Partner:
        """The partner with this id or name (any case); raises UnknownPartnerError."""
        return _find(self._current(), id_or_name)

    def all_origins(self) -> frozenset[str]:
        """Every origin of an active partner (for CORS preflight answers)."""
        return frozenset(o for p in self._current() if p.active for o in p.origins)

    def add(
        self, name: str, origins: Iterable[str], rate_limit: int | None = None
    ) -> tuple[Partner, str, str]:
        """Add a partner; returns it with its publishable and secret keys (shown only now)."""
        name = _clean_name(name)
        cleaned_origins = _clean_origins(origins)
        limit = _clean_rate_limit(rate_limit)
        publishable, secret = _new_keys()
        with self._changing() as partners:
            taken = next((p for p in partners if p.name.casefold() == name.casefold()), None)
            if taken is not None:
                state = "" if taken.active else " (revoked)"
                raise InvalidPartnerError(
                    f"a partner named {taken.name!r}{state} already exists: choose another name"
                )
            ids = {p.id for p in partners}
            pid = base = _slug(name)
            n = 1
            while pid in ids:
                n += 1
                pid = f"{base}-{n}"
            keys = _key_fields(publishable, secret)
            created = self._clock()
            partner = Partner(
                pid, name, cleaned_origins, created_at=created, rate_limit=limit, **keys
            )
            partners.append(partner)
        return partner, publishable, secret

    def revoke(self, id_or_name: str) -> Partner:
        """Refuse the partner's keys from now on (it stays in the file, for the record)."""
        with self._changing() as partners:
            if not _find(partners, id_or_name).active:
                raise InvalidPartnerError(f"partner {id_or_name!r} is already revoked")
            return _update(partners, id_or_name, revoked_at=self._clock())

    def rotate_keys(self, id_or_name: str, *, reinstate: bool = False) -> tuple[Partner, str, str]:
        """Give the partner new keys (the old ones stop working); returns them, shown only now.

        A revoked partner is refused unless ``reinstate`` is true, which makes it active again.
        """
        publishable, secret = _new_keys()
        with self._changing() as partners:
            if not reinstate and not _find(partners, id_or_name).active:
                raise InvalidPartnerError(
                    f"partner {id_or_name!r} is revoked: add a new partner instead"
                )
            keys = _key_fields(publishable, secret)
            partner = _update(partners, id_or_name, revoked_at=None, **keys)
        return partner, publishable, secret

    def set_origins(self, id_or_name: str, origins: Iterable[str]) -> Partner:
        """Replace the partner's origins."""
        cleaned = _clean_origins(origins)
        with self._changing() as partners:
            return _update(partners, id_or_name, origins=cleaned)

    def _by_key(self, key: str, prefix: str) -> Partner | None:
        # Looked up by hash: the hash of a guess tells nothing about the hashes kept.
        if not isinstance(key, str) or not key.startswith(prefix) or not _KEY_RE.fullmatch(key):
            return None
        self._current()
        table = self._by_publishable if prefix == PUBLISHABLE_PREFIX else self._by_secret
        partner = table.get(hash_key(key))
        return partner if partner is not None and partner.active else None


class FilePartnerStore(PartnerList):
    """Partner accounts in one JSON file (mode 0600), shared safely between processes.

    Each change locks the file, re-reads it and writes the next version atomically (see
    :mod:`assistant.partners.shared_file`). A missing file is an empty store; a damaged one raises
    PartnerStoreError and is never overwritten.
    """

    def __init__(self, path: Path, *, clock: Callable[[], datetime] | None = None) -> None:
        """Open the store; nothing is read until the first call.

        Args:
            path: the JSON file (created, with its folder, on the first change).
            clock: the current UTC time (a fixed one in tests).
        """
        self.path = Path(path)
        self._file = SharedJsonFile(self.path)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._stamp: Stamp | None = None
        self._partners: tuple[Partner, ...] = ()
        self._by_publishable: dict[str, Partner] = {}
        self._by_secret: dict[str, Partner] = {}

    def _current(self) -> tuple[Partner, ...]:
        """The partners, re-read first if the file changed since it was last read."""
        with self._file_errors():
            if self._file.stamp() != self._stamp:
                with self._lock:
                    self._install(*self._load())
        return self._partners

    def _install(self, partners: tuple[Partner, ...], stamp: Stamp | None) -> None:
        self._by_publishable = {p.publishable_hash: p for p in partners}
        self._by_secret = {p.secret_hash: p for p in partners}
        self._partners = partners
        self._stamp = stamp

    def _load(self) -> tuple[tuple[Partner, ...], Stamp | None]:
        data, stamp = self._file.read()
        if data is None:
            return (), stamp
        try:
            if not isinstance(data, dict) or data.get("version") != FILE_VERSION:
                raise ValueError(f"expected an object with version {FILE_VERSION}")
            return tuple(_from_json(row) for row in data["partners"]), stamp
        except (ValueError, KeyError, TypeError) as exc:
            raise SharedFileError(f"{self.path} is damaged ({exc})") from exc

    @contextmanager
    def _changing(self) -> Iterator[builtins.list[Partner]]:
        """Yield the partners, fresh from the file, to change in place; then save them."""
        with self._file_errors(), self._file.locked(), self._lock:
            partners = builtins.list(self._load()[0])
            yield partners
            rows = [_to_json(p) for p in partners]
            stamp = self._file.write({"version": FILE_VERSION, "partners": rows})
            self._install(tuple(partners), stamp)

    @contextmanager
    def _file_errors(self) -> Iterator[None]:
        try:
            yield
        except SharedFileError as exc:
            raise PartnerStoreError(
                f"partners file: {exc}; it was left untouched: check it can be read, or restore "
                "it from a backup (moving it away starts again with no partners)"
            ) from exc


def _key_fields(publishable: str, secret: str) -> dict[str, Any]:
    return {
        "publishable_hash": hash_key(publishable),
        "secret_hash": hash_key(secret),
        "publishable_prefix": _shown(publishable),
        "secret_prefix": _shown(secret),
    }


def _find(partners: Iterable[Partner], id_or_name: str) -> Partner:
    wanted = " ".join(str(id_or_name).split()).casefold()
    for p in partners:
        if p.id == wanted or p.name.casefold() == wanted:
            return p
    raise UnknownPartnerError(
        f"no partner with id or name {id_or_name!r}: `boussole partners list` shows them"
    )


def _update(partners: builtins.list[Partner], id_or_name: str, **changes: Any) -> Partner:
    old = _find(partners, id_or_name)
    new = replace(old, **changes)
    partners[partners.index(old)] = new
    return new


def _to_json(p: Partner) -> dict[str, Any]:
    row = asdict(p)
    row["origins"] = builtins.list(p.origins)
    row["created_at"] = p.created_at.isoformat()
    row["revoked_at"] = p.revoked_at.isoformat() if p.revoked_at else None
    return row


def _from_json(row: dict[str, Any]) -> Partner:
    texts = ("id", "name", "publishable_hash", "secret_hash", "publishable_prefix", "secret_prefix")
    origins, limit, revoked = row["origins"], row.get("rate_limit"), row.get("revoked_at")
    if (
        not all(isinstance(row[k], str) for k in texts)
        or not isinstance(origins, builtins.list)
        or not all(isinstance(o, str) for o in origins)
        or (limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)))
    ):
        raise ValueError(f"partner {row.get('id')!r} has a field of the wrong type")
    return Partner(
        **{k: row[k] for k in texts},
        origins=tuple(origins),
        created_at=datetime.fromisoformat(row["created_at"]),
        revoked_at=datetime.fromisoformat(revoked) if revoked else None,
        rate_limit=limit,
    )
