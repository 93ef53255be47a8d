"""web uploads: quotas and removal of unused files

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=64), nullable=True),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_web_upload_chat_id", "web_upload", ["chat_id"])
    op.create_index("ix_web_upload_address", "web_upload", ["address"])
    op.create_index("ix_web_upload_created_at", "web_upload", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_web_upload_created_at", table_name="web_upload")
    op.drop_index("ix_web_upload_address", table_name="web_upload")
    op.drop_index("ix_web_upload_chat_id", table_name="web_upload")
    op.drop_table("web_upload")
