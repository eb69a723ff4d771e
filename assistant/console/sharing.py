"""Signed, expiring links to a shortlist, for the jobseeker (no account needed).

A token carries the shortlist's public id and its share version, signed with the server's
secret key (itsdangerous, HMAC-SHA256). It expires after ``share_days``; raising the
shortlist's share version (or deleting it) revokes every link given before.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from assistant.errors import AssistantError

SALT = "boussole.shortlist-share"


class ShareLinkError(AssistantError):
    """A share link that is tampered with, expired or revoked."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def load_secret(path: Path) -> bytes:
    """The server's secret key, created (random, mode 0600) on first use."""
    if path.is_file():
        key = path.read_bytes().strip()
        if len(key) < 32:
            raise AssistantError(f"{path} holds too short a secret key: delete it to make one")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    return key


class ShareLinks:
    def __init__(self, secret: bytes, days: int, *, clock: Callable[[], float] = time.time):
        def timestamp(_signer: TimestampSigner) -> int:
            return int(clock())

        signer = type("ClockedSigner", (TimestampSigner,), {"get_timestamp": timestamp})
        self._serializer = URLSafeTimedSerializer(secret, salt=SALT, signer=signer)
        self.days = days

    def token(self, public_id: str, version: int) -> str:
        return self._serializer.dumps([public_id, version])

    def read(self, token: str) -> tuple[str, int]:
        """``(public_id, version)`` of a valid token.

        Raises:
            ShareLinkError: the token was changed, or is older than ``days``.
        """
        try:
            value = self._serializer.loads(token, max_age=self.days * 86400)
        except SignatureExpired:
            raise ShareLinkError("this link has expired", expired=True) from None
        except BadSignature:
            raise ShareLinkError("this link is not valid") from None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not isinstance(value[0], str)
            or not isinstance(value[1], int)
        ):
            raise ShareLinkError("this link is not valid")
        return value[0], value[1]
