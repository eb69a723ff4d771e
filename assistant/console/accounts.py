"""Counsellor and admin accounts, their sign-ins and sessions.

Passwords are hashed with argon2id (``argon2-cffi``). A sign-in opens a session: the browser
gets a random token in a cookie, the database keeps only its SHA-256, with the session's CSRF
token and expiry. "Sign out everywhere" deletes every session of the account. Failed
sign-ins are throttled per account and per address (:class:`SignInThrottle`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.models import SessionRow, User
from assistant.errors import AssistantError

ROLES = ("counsellor", "admin")
MIN_PASSWORD = 12
MAX_PASSWORD = 256
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,63}")


class AccountError(AssistantError):
    """An account cannot be created or changed as asked (the message says why)."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in account (or the command line, ``user_id`` None)."""

    user_id: int | None
    email: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.email, user.role)


CLI = Actor(None, "cli", "admin")


def utcnow() -> datetime:
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_email(email: str) -> str:
    value = email.strip().lower()
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        raise AccountError(f"{email!r} is not an e-mail address")
    return value


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"the password is too long: at most {MAX_PASSWORD} characters")


@dataclass(frozen=True)
class SignedIn:
    """An open session: who, and the CSRF token its forms must carry."""

    actor: Actor
    csrf: str
    session_id: str
    expires_at: datetime


class Accounts:
    """Accounts and sessions in the database."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        session_hours: int = 12,
        clock: Callable[[], datetime] = utcnow,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._db = sessions
        self._hours = session_hours
        self._clock = clock
        self._hasher = hasher or PasswordHasher()
        # Compared against when the e-mail is unknown, so both cases take as long.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def add(self, email: str, password: str, role: str) -> User:
        """Create an account. Raises :class:`AccountError` for a bad e-mail, password or role,
        or an e-mail already in use."""
        email = clean_email(email)
        check_password(password)
        if role not in ROLES:
            raise AccountError(f"role must be one of: {', '.join(ROLES)}")
        with self._db.begin() as db:
            if db.scalar(select(User.id).where(User.email == email)) is not None:
                raise AccountError(f"an account already exists for {email}")
            user = User(
                email=email,
                password_hash=self._hasher.hash(password),
                role=role,
                created_at=self._clock(),
            )
            db.add(user)
            db.flush()
            db.expunge(user)
            return user

    def set_password(self, email: str, password: str) -> None:
        check_password(password)
        with self._db.begin() as db:
            user = self._user(db, email)
            user.password_hash = self._hasher.hash(password)
            db.execute(delete(SessionRow).where(SessionRow.user_id == user.id))

    def set_role(self, email: str, role: str) -> None:
        if role not in ROLES:
            raise AccountError(f"role must be one of: {', '.join(ROLES)}")
        with self._db.begin() as db:
            self._user(db, email).role = role

    def set_disabled(self, email: str, disabled: bool) -> None:
        """Disable (and sign out everywhere) or enable an account."""
        with self._db.begin() as db:
            user = self._user(db, email)
            user.disabled_at = self._clock() if disabled else None
            if disabled:
                db.execute(delete(SessionRow).where(SessionRow.user_id == user.id))

    def list(self) -> list[User]:
        with self._db() as db:
            return list(db.scalars(select(User).order_by(User.email)))

    def count_admins(self) -> int:
        with self._db() as db:
            query = select(func.count()).where(User.role == "admin", User.disabled_at.is_(None))
            return int(db.scalar(query) or 0)

    def authenticate(self, email: str, password: str) -> User | None:
        """The active account with these credentials, or ``None``."""
        try:
            email = clean_email(email)
        except AccountError:
            email = ""
        with self._db.begin() as db:
            user = db.scalar(select(User).where(User.email == email)) if email else None
            try:
                self._hasher.verify(user.password_hash if user else self._dummy, password)
            except (VerificationError, InvalidHashError):
                return None
            if user is None or user.disabled_at is not None:
                return None
            if self._hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self._hasher.hash(password)
            user.last_signin_at = self._clock()
            db.flush()
            db.expunge(user)
            return user

    def open_session(self, user: User) -> tuple[str, SignedIn]:
        """A new session for ``user``: the cookie's token and the session."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        row = SessionRow(
            id=token_hash(token),
            user_id=user.id,
            csrf=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + timedelta(hours=self._hours),
        )
        with self._db.begin() as db:
            db.add(row)
        return token, SignedIn(Actor.of(user), row.csrf, row.id, row.expires_at)

    def session(self, token: str | None) -> SignedIn | None:
        """The live session of a cookie's token, or ``None`` (unknown, expired, disabled)."""
        if not token or len(token) > 100:
            return None
        with self._db.begin() as db:
            row = db.get(SessionRow, token_hash(token))
            if row is None:
                return None
            if row.expires_at <= self._clock() or row.user.disabled_at is not None:
                db.delete(row)
                return None
            return SignedIn(Actor.of(row.user), row.csrf, row.id, row.expires_at)

    def close_session(self, session_id: str) -> None:
        with self._db.begin() as db:
            db.execute(delete(SessionRow).where(SessionRow.id == session_id))

    def close_all(self, user_id: int) -> int:
        """Sign ``user_id`` out everywhere; how many sessions were closed."""
        with self._db.begin() as db:
            result = db.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
            return int(result.rowcount)  # type: ignore[attr-defined]

    def purge_sessions(self) -> int:
        with self._db.begin() as db:
            result = db.execute(delete(SessionRow).where(SessionRow.expires_at <= self._clock()))
            return int(result.rowcount)  # type: ignore[attr-defined]

    def _user(self, db: Session, email: str) -> User:
        user = db.scalar(select(User).where(User.email == clean_email(email)))
        if user is None:
            raise AccountError(f"no account for {email}")
        return user


# An address an account signed in from is "known" to it this long (see ``Throttle``).
KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600


class Throttle(Protocol):
    """Counts failed sign-ins per key (an account, an address), and remembers the addresses
    each account signed in from: while an account is throttled (anyone who knows its e-mail can
    cause that), the right password from one of its known addresses, itself not throttled,
    still gets in; any other address waits."""

    def retry_after(self, *keys: str) -> int: ...

    def failed(self, *keys: str) -> None: ...

    def succeeded(self, *keys: str) -> None: ...

    def known(self, account: str, address: str) -> bool: ...

    def remember(self, account: str, address: str) -> None: ...


class SignInThrottle:
    """At most ``limit`` failed sign-ins per account and per address in ``window`` seconds."""

    def __init__(
        self, limit: int = 5, window: float = 900.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = {}
        self._known: OrderedDict[tuple[str, str], float] = OrderedDict()

    def retry_after(self, *keys: str) -> int:
        """Seconds to wait before trying again (0: may try now)."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if len(times) >= self._limit:
                    wait = max(wait, times[0] + self._window - now)
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
            if len(self._failures) > 100_000:  # bounded: drop the stalest keys
                for key in list(self._failures)[:50_000]:
                    del self._failures[key]

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def known(self, account: str, address: str) -> bool:
        """Whether ``account`` signed in from ``address`` in the last 30 days."""
        with self._lock:
            since = self._known.get((account, address))
        return since is not None and self._clock() - since < KNOWN_ADDRESS_SECONDS

    def remember(self, account: str, address: str) -> None:
        with self._lock:
            self._known.pop((account, address), None)
            self._known[(account, address)] = self._clock()
            while len(self._known) > 100_000:  # bounded: the oldest go first
                self._known.popitem(last=False)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self._window:
            times.popleft()
        return times
