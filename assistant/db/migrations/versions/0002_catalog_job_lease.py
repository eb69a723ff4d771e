"""catalog jobs: a lease, and one running job at a time across workers and replicas

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 13:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ONE_RUNNING = sa.text("status = 'running'")


def upgrade() -> None:
    # A job left running by an older version has no lease: it is over.
    op.execute("UPDATE catalog_jobs SET status = 'failed' WHERE status = 'running'")
    with op.batch_alter_table("catalog_jobs") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
    op.create_index(
        "uq_catalog_jobs_one_running",
        "catalog_jobs",
        ["status"],
        unique=True,
        sqlite_where=ONE_RUNNING,
        postgresql_where=ONE_RUNNING,
    )


def downgrade() -> None:
    op.drop_index("uq_catalog_jobs_one_running", table_name="catalog_jobs")
    with op.batch_alter_table("catalog_jobs") as batch:
        batch.drop_column("lease_until")
