"""A client that goes away in the middle of its request body: answered quietly, no error log."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from tests.web.conftest import PartnerKeys
from web.app import create_app


@pytest.mark.parametrize("path", ["/chat", "/modules", "/console/login"])
def test_a_client_gone_mid_body_is_handled_quietly(
    built_index: LoadedIndex,
    tmp_path: Path,
    partner: PartnerKeys,
    caplog: pytest.LogCaptureFixture,
    path: str,
) -> None:
    app = create_app(
        Settings(index_dir=tmp_path / "index"),
        services=SearchService(built_index),
        partners=partner.store,
    )
    messages = [
        {"type": "http.request", "body": b"message=J%27habite", "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    with TestClient(app) as c:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"testserver"),
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"content-length", b"500"),
            ],
            "client": ("203.0.113.9", 50000),
            "server": ("testserver", 80),
            "state": dict(c.app_state),
        }
        with caplog.at_level(logging.DEBUG):
            c.portal.call(app, scope, receive, send)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([r for r in caplog.records if "disconnect" in r.getMessage().lower()]) <= 1
    assert not [m for m in sent if m.get("status", 0) >= 500]
