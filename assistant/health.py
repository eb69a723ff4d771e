"""Readiness: is the database usable, and is the index being served still on disk?

:func:`problems` lists what is wrong, one short reason each (no server path, no secret):
``/healthz`` answers 503 with them, so a load balancer or an operator sees a deleted database
file or a damaged index folder at once instead of requests that seem to work.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from assistant.db.engine import DatabaseGoneError
from index.errors import GenerationError
from index.generations import current_name


def problems(engine: Engine | None, index_dir: Path, served: Path) -> list[str]:
    """Why the service is not ready; empty when it is.

    Args:
        engine: the console's database (``None``: not checked).
        index_dir: the index folder the service watches.
        served: the folder of the generation being served.
    """
    found: list[str] = []
    if engine is not None:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except DatabaseGoneError:
            found.append(
                "database: its file was deleted or replaced while the server was running; "
                "restore it and restart the server"
            )
        except Exception as exc:  # any failure means not ready; the reason names its kind
            found.append(f"database: unreachable ({type(exc).__name__})")
    try:
        current_name(index_dir)
    except GenerationError:
        found.append("index: the CURRENT pointer of the index folder is damaged or missing")
    if not served.is_dir():
        found.append(f"index: the served generation {served.name} was removed from disk")
    return found
