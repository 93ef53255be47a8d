"""link confirmation and wrong-try limits

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("link_code") as batch:
        batch.add_column(
            sa.Column("wrong_tries", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("issuer_identity_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("requester_identity_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "link_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_link_attempt_source", "link_attempt", ["source"], unique=False)
    op.create_index("ix_link_attempt_at", "link_attempt", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_link_attempt_at", table_name="link_attempt")
    op.drop_index("ix_link_attempt_source", table_name="link_attempt")
    op.drop_table("link_attempt")
    with op.batch_alter_table("link_code") as batch:
        batch.drop_column("requested_at")
        batch.drop_column("requester_identity_id")
        batch.drop_column("issuer_identity_id")
        batch.drop_column("wrong_tries")
