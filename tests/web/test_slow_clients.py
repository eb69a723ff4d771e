"""Slow and idle clients: connections without a request head are closed, bodies have a
deadline, and keep-alive and the connection limit come from the settings."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path
from typing import Any

import anyio
import pytest
import uvicorn

from tests.loops import run_async
from tests.web.test_public_url_and_headers import _echo_client, _served_options
from web.slow_clients import BodyDeadlineMiddleware

SERVER_KEYS = (
    "http",
    "timeout_keep_alive",
    "limit_concurrency",
    "h11_max_incomplete_event_size",
)


def test_serve_hands_the_timeouts_and_the_connection_limit_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch, small_catalog_file: Path, tmp_path: Path
) -> None:
    options = _served_options(
        monkeypatch,
        small_catalog_file,
        tmp_path,
        BOUSSOLE_KEEP_ALIVE_SECONDS="7",
        BOUSSOLE_MAX_CONNECTIONS="321",
    )
    assert options["timeout_keep_alive"] == 7
    assert options["limit_concurrency"] == 321
    assert options["h11_max_incomplete_event_size"] > 0


def test_a_connection_that_never_finishes_its_request_head_is_closed(
    monkeypatch: pytest.MonkeyPatch, small_catalog_file: Path, tmp_path: Path
) -> None:
    options = _served_options(
        monkeypatch, small_catalog_file, tmp_path, BOUSSOLE_HEADER_TIMEOUT_SECONDS="1"
    )
    kept: dict[str, Any] = {k: options[k] for k in SERVER_KEYS}
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(_echo_client, log_level="warning", **kept))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            threading.Event().wait(0.05)
        with socket.create_connection(listener.getsockname()) as idle:
            idle.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and then nothing more
            idle.settimeout(30)
            assert idle.recv(100) == b""  # closed by the server
        with socket.create_connection(listener.getsockname()) as prompt:
            prompt.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            prompt.settimeout(30)
            assert prompt.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        server.should_exit = True
        thread.join(30)


def test_a_body_sent_too_slowly_gets_408() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    chunks = [{"type": "http.request", "body": b"a", "more_body": True}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if chunks:
            return chunks.pop()
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def main() -> None:
        limited = BodyDeadlineMiddleware(app, seconds=0.2)
        await limited({"type": "http", "path": "/chat", "headers": []}, receive, send)

    run_async(main)
    assert sent[0]["status"] == 408
    assert "too slowly" in json.loads(sent[1]["body"])["detail"]
