"""council chair and secretary; the chair's confirmed decisions

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("council_member") as batch:
        batch.add_column(
            sa.Column("role", sa.String(length=16), nullable=False, server_default="member")
        )
    op.create_table(
        "council_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("status_change_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("council", sa.String(length=200), nullable=False),
        sa.Column("acting", sa.String(length=16), nullable=False),
        sa.Column("proposed", sa.String(length=32), nullable=True),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("average", sa.Float(), nullable=True),
        sa.Column("scores", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.ForeignKeyConstraint(["status_change_id"], ["status_change.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_council_decision_submission_id", "council_decision", ["submission_id"])


def downgrade() -> None:
    op.drop_index("ix_council_decision_submission_id", table_name="council_decision")
    op.drop_table("council_decision")
    with op.batch_alter_table("council_member") as batch:
        batch.drop_column("role")
