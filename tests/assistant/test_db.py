"""The schema comes from the migrations, and matches the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from assistant.db.engine import DatabaseError, open_engine, schema_is_current, upgrade
from assistant.db.models import Base


def test_migrations_build_the_models_schema(db_engine: Engine) -> None:
    assert schema_is_current(db_engine)
    with db_engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    tables = set(inspect(db_engine).get_table_names())
    assert {"users", "sessions", "shortlists", "shortlist_items", "audit_events"} <= tables


def test_upgrading_twice_changes_nothing(db_engine: Engine) -> None:
    upgrade(db_engine)
    assert schema_is_current(db_engine)


def test_a_bad_database_url_says_what_to_write() -> None:
    with pytest.raises(DatabaseError, match="postgresql"):
        open_engine("not a url at all")
