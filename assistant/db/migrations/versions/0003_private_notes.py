"""shortlist notes: private (the counsellor's) or shared (printed, exported, on the share link)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Notes written before the choice existed become private: nobody was told they were
    # shown to the jobseeker, so none is shown until its counsellor marks it shared.
    with op.batch_alter_table("shortlist_items") as batch:
        batch.add_column(
            sa.Column("note_shared", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("shortlist_items") as batch:
        batch.drop_column("note_shared")
