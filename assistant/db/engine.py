"""Opening the database and bringing its schema up to date with the Alembic migrations."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from assistant.errors import AssistantError

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(AssistantError):
    """The database cannot be opened or its schema is not the one this version expects."""


class DatabaseGoneError(DatabaseError):
    """The SQLite file was deleted or replaced while the server ran: nothing may be written."""


def open_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created, foreign keys are enforced.

    Raises:
        DatabaseError: the URL is not one SQLAlchemy understands.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(
            f"BOUSSOLE_DATABASE_URL is not a database URL ({exc}); use sqlite:///path/file.db "
            "or postgresql+psycopg://user:password@host/db"
        ) from None
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        options["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        options["pool_pre_ping"] = True
    engine = create_engine(parsed, **options)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        if parsed.database and parsed.database != ":memory:":
            _watch_file(engine, Path(parsed.database))
    return engine


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino)


def _watch_file(engine: Engine, path: Path) -> None:
    """Refuse every use of the engine once its SQLite file is deleted or replaced.

    An open SQLite connection keeps writing to a deleted file, which is gone at the next
    start: logins, shortlists and the audit log would answer as if saved. The file's identity
    (device, inode) is taken at the first checkout and compared at every later one; a new
    connection is never opened on a missing file (SQLite would create an empty one, maybe
    under the same inode). Once gone, the engine stays refused until the server restarts.
    """
    known: list[tuple[int, int] | None] = []
    gone: list[bool] = []

    def refuse() -> DatabaseGoneError:
        gone.append(True)
        return DatabaseGoneError(
            f"the database file {path} was deleted or replaced while the server was "
            "running; nothing was written: restore it and restart the server"
        )

    @event.listens_for(engine, "do_connect")
    def _exists(_dialect: Any, _record: Any, _args: Any, _params: Any) -> None:
        if gone or (known and _file_id(path) is None):
            raise refuse()

    @event.listens_for(engine, "checkout")
    def _same_file(_dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        now = _file_id(path)
        if not known:
            known.append(now)
        if gone or now is None or now != known[0]:
            raise refuse()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied (a new database gets the whole schema)."""
    command.upgrade(alembic_config(engine), "head")


def schema_is_current(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
