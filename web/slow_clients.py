"""Slow and idle clients cannot hold the server's connections.

uvicorn closes a kept-alive connection idle ``keep_alive_seconds`` after a response, refuses
connections past ``max_connections`` with 503, and h11 refuses a request head over 16 KiB;
two things it does not do are added here:

- :class:`HeadTimeoutProtocol`: uvicorn's h11 protocol that also closes a connection whose
  request head is not complete ``header_timeout_seconds`` after it opened (or after the
  previous response): an idle socket, or headers sent a byte a minute. ``boussole serve``
  names it as uvicorn's ``http`` protocol; each worker reads the timeout from
  ``BOUSSOLE_HEADER_TIMEOUT_SECONDS``, which ``serve`` sets from the settings.
- :class:`BodyDeadlineMiddleware`: the whole request body must arrive within
  ``body_timeout_seconds`` of the first read; past it, 408 and the request is dropped.
"""

from __future__ import annotations

import asyncio
import math
import os
from typing import Any

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from web.limits import refuse_before_response

HEADER_TIMEOUT_ENV = "BOUSSOLE_HEADER_TIMEOUT_SECONDS"
DEFAULT_HEADER_TIMEOUT = 10.0
MAX_HEAD_BYTES = 16 * 1024


class HeadTimeoutProtocol(H11Protocol):  # type: ignore[misc]  # uvicorn ships no types for it
    """h11 with a deadline for each request head (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_timeout = float(os.environ.get(HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT))
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)
        self._arm_head_timer()

    def on_response_complete(self) -> None:
        # Armed before the parent starts a pipelined request: that one has its head already.
        self._arm_head_timer()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_late, self.cycle)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_late(self, cycle_when_armed: object) -> None:
        # A new request head since arming means a new cycle: then the request is under way.
        if self.cycle is cycle_when_armed and not self.transport.is_closing():
            self.transport.close()


class BodyTooSlowError(Exception):
    """The body did not arrive in time."""


class BodyDeadlineMiddleware:
    """The whole request body within ``seconds`` of the first read, else 408."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = math.inf
        body_done = False

        async def timed_receive() -> Message:
            nonlocal deadline, body_done
            if body_done:  # after the body, receive waits for a disconnect: no deadline
                return await receive()
            if deadline == math.inf:
                deadline = anyio.current_time() + self.seconds
            try:
                with anyio.fail_after(max(0.0, deadline - anyio.current_time())):
                    message = await receive()
            except TimeoutError:
                raise BodyTooSlowError from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        detail = f"request body sent too slowly: send it whole within {self.seconds:g} seconds"
        await refuse_before_response(
            self.app, scope, timed_receive, send, BodyTooSlowError, 408, detail, close=True
        )
