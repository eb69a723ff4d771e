"""A pure ASGI middleware that refuses request bodies over a size limit with 413.

It checks ``Content-Length`` first, then counts the bytes actually received, so a client that
lies about the length or streams without one is cut off too. Nothing is buffered here.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """Raised while the body is read; the app's HTTP error handling answers 413."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _message(max_bytes))


def _message(max_bytes: int) -> str:
    return f"request body too large: at most {max_bytes} bytes are accepted"


class BodyLimitMiddleware:
    """``max_bytes`` for every request, except the paths of ``larger`` (path → bytes): a
    catalog upload is bigger than a search."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.default_bytes = max_bytes
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.default_bytes)
        await self._limited(scope, receive, send, limit)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._refuse(send, limit)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await refuse_before_response(
            self.app, scope, counting_receive, send, BodyTooLarge, 413, _message(limit)
        )

    async def _refuse(self, send: Send, limit: int) -> None:
        await send_json(send, 413, _message(limit))


async def refuse_before_response(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    error: type[Exception],
    status: int,
    detail: str,
    *,
    close: bool = False,
) -> None:
    """Run ``app``; when ``error`` escapes it before any response started, answer ``status``
    with ``detail`` (after a response started there is nothing left to say)."""
    started = False

    async def tracking_send(message: Message) -> None:
        nonlocal started
        if message["type"] == "http.response.start":
            started = True
        await send(message)

    try:
        await app(scope, receive, tracking_send)
    except error:
        if not started:
            await send_json(send, status, detail, close=close)


async def send_json(send: Send, status: int, detail: str, *, close: bool = False) -> None:
    """A whole ``{"detail": ...}`` JSON response, optionally closing the connection."""
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
