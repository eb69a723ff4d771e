"""The ``boussole`` command line: ``main`` parses and dispatches; ``console`` and ``partners``
register their command groups (``db``, ``users``, ``purge``; ``partners``, ``demo-partner``)."""

from __future__ import annotations

from assistant.cli.app import main

__all__ = ["main"]
