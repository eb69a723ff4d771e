"""Fixtures of the web tests: a partner account whose secret key the API clients send."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.partners import FilePartnerStore


class PartnerKeys:
    def __init__(self, store: FilePartnerStore, publishable: str, secret: str) -> None:
        self.store = store
        self.publishable = publishable
        self.secret = secret

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"}


@pytest.fixture
def partner(tmp_path: Path) -> PartnerKeys:
    """A partner 'Portail test' allowed to embed from http://portal.test."""
    store = FilePartnerStore(tmp_path / "partners.json")
    _, publishable, secret = store.add("Portail test", ["http://portal.test"])
    return PartnerKeys(store, publishable, secret)


from tests.web.console_fixtures import console_app  # noqa: E402, F401  (a fixture for every web test)
