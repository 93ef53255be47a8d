"""admin actions (who changed roles, councils, API tokens, announcements)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import JsonType

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("detail", JsonType, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_admin_action_at", "admin_action", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_admin_action_at", table_name="admin_action")
    op.drop_table("admin_action")
