"""ended web chat sessions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ended_web_session",
        sa.Column("visitor_id", sa.String(length=64), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("visitor_id"),
    )
    op.create_index(
        "ix_ended_web_session_ended_at", "ended_web_session", ["ended_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_ended_web_session_ended_at", table_name="ended_web_session")
    op.drop_table("ended_web_session")
