"""Objects as signed bytes: what the app keeps in Redis is read back only if it wrote it.

A conversation or a transcript is a tree of the app's own frozen dataclasses; it is pickled and
signed with HMAC-SHA256 under the server's secret key (the one every replica shares). Bytes
whose signature does not match (written by someone else, or under another key) are never
unpickled: they read as nothing, like an expired conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import pickle
from typing import Any

logger = logging.getLogger(__name__)
_DIGEST = hashlib.sha256().digest_size


class Sealed:
    """Seals objects into bytes and opens them, under ``secret``."""

    def __init__(self, secret: bytes, purpose: str) -> None:
        if len(secret) < 32:
            raise ValueError("the secret must be at least 32 bytes")
        self._key = hmac.new(secret, purpose.encode(), hashlib.sha256).digest()

    def seal(self, value: Any) -> bytes:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return hmac.new(self._key, payload, hashlib.sha256).digest() + payload

    def open(self, data: bytes | None) -> Any:
        """The object sealed in ``data``; ``None`` for nothing, or for bytes not signed here."""
        if not data or len(data) <= _DIGEST:
            return None
        signature, payload = data[:_DIGEST], data[_DIGEST:]
        expected = hmac.new(self._key, payload, hashlib.sha256).digest()
        if not hmac.compare_digest(signature, expected):
            logger.warning("shared state with a wrong signature ignored")
            return None
        try:
            return pickle.loads(payload)
        except Exception as exc:  # another version's classes: read as expired
            logger.warning("shared state from another version ignored: %s", type(exc).__name__)
            return None
