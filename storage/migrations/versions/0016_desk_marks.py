"""desk marks: similar entries and failed checklist rules per submission

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows stay None: the server works their marks out in the background. Plain
    # ALTER TABLE (no batch copy): SQLite adds and drops columns in place.
    op.add_column("submission", sa.Column("similar_level", sa.Integer(), nullable=True))
    op.add_column("submission", sa.Column("quality_flags", sa.String(length=400), nullable=True))
    op.create_index("ix_submission_similar_level", "submission", ["similar_level"], unique=False)
    op.create_table(
        "similar_link",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("other", sa.String(length=80), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("strong", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.PrimaryKeyConstraint("submission_id", "other"),
    )
    op.create_index("ix_similar_link_other", "similar_link", ["other"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_similar_link_other", table_name="similar_link")
    op.drop_table("similar_link")
    op.drop_index("ix_submission_similar_level", table_name="submission")
    for column in ("quality_flags", "similar_level"):
        op.drop_column("submission", column)
