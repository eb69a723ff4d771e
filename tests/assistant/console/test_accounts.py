"""Accounts: argon2 hashes, sign-in, sessions, sign out everywhere, throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.console import AccountError, Accounts, SignInThrottle, token_hash
from assistant.db.models import SessionRow, User

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(db: sessionmaker[Session], clock: Clock) -> Accounts:
    return Accounts(db, session_hours=12, clock=clock)


def test_passwords_are_stored_as_argon2id(accounts: Accounts, db: sessionmaker[Session]) -> None:
    accounts.add("Conseil@Forem.be", PASSWORD, "counsellor")
    with db() as s:
        user = s.scalar(select(User))
    assert user is not None and user.email == "conseil@forem.be"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("email", "password", "role", "problem"),
    [
        ("not-an-email", PASSWORD, "counsellor", "e-mail"),
        ("a@b.be", "short", "counsellor", "too short"),
        ("a@b.be", PASSWORD, "boss", "role"),
    ],
)
def test_bad_accounts_are_refused(
    accounts: Accounts, email: str, password: str, role: str, problem: str
) -> None:
    with pytest.raises(AccountError, match=problem):
        accounts.add(email, password, role)


def test_an_email_is_used_once(accounts: Accounts) -> None:
    accounts.add("a@b.be", PASSWORD, "counsellor")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("A@B.be", PASSWORD, "admin")


def test_sign_in(accounts: Accounts) -> None:
    accounts.add("a@b.be", PASSWORD, "admin")
    assert accounts.authenticate("a@b.be", "wrong password!!") is None
    assert accounts.authenticate("nobody@b.be", PASSWORD) is None
    user = accounts.authenticate(" A@b.be ", PASSWORD)
    assert user is not None and user.role == "admin"


def test_sessions_store_only_a_hash_and_expire(
    accounts: Accounts, db: sessionmaker[Session], clock: Clock
) -> None:
    user = accounts.add("a@b.be", PASSWORD, "counsellor")
    token, signed = accounts.open_session(user)
    with db() as s:
        (row,) = s.scalars(select(SessionRow))
    assert row.id == token_hash(token) != token
    found = accounts.session(token)
    assert found is not None and found.actor.email == "a@b.be" and found.csrf == signed.csrf
    assert accounts.session("forged-token") is None
    clock.now += timedelta(hours=12, seconds=1)
    assert accounts.session(token) is None


def test_sign_out_everywhere_and_disabling(accounts: Accounts) -> None:
    user = accounts.add("a@b.be", PASSWORD, "counsellor")
    first, _ = accounts.open_session(user)
    second, _ = accounts.open_session(user)
    assert accounts.close_all(user.id) == 2
    assert accounts.session(first) is None and accounts.session(second) is None
    third, _ = accounts.open_session(user)
    accounts.set_disabled("a@b.be", True)
    assert accounts.session(third) is None
    assert accounts.authenticate("a@b.be", PASSWORD) is None


def test_a_new_password_signs_out_everywhere(accounts: Accounts) -> None:
    user = accounts.add("a@b.be", PASSWORD, "counsellor")
    token, _ = accounts.open_session(user)
    accounts.set_password("a@b.be", "another long password")
    assert accounts.session(token) is None
    assert accounts.authenticate("a@b.be", "another long password") is not None


def test_throttle_counts_failures_per_key_and_forgives_after_the_window() -> None:
    now = [0.0]
    throttle = SignInThrottle(limit=3, window=900, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("email:a", "ip:1") == 0
        throttle.failed("email:a", "ip:1")
    assert throttle.retry_after("email:a") > 0
    assert throttle.retry_after("ip:1") > 0
    assert throttle.retry_after("email:b", "ip:2") == 0
    now[0] += 901
    assert throttle.retry_after("email:a", "ip:1") == 0


def test_throttle_remembers_an_accounts_addresses_for_thirty_days() -> None:
    now = [0.0]
    throttle = SignInThrottle(clock=lambda: now[0])
    throttle.remember("email:a", "ip:1")
    assert throttle.known("email:a", "ip:1")
    assert not throttle.known("email:a", "ip:2") and not throttle.known("email:b", "ip:1")
    now[0] = 31 * 24 * 3600.0
    assert not throttle.known("email:a", "ip:1")
