"""reviewers' desk: sign-in links, desk sessions, councils, queue columns of submissions

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Submissions get `field` and `scope` (copied from their fields, filled in here for existing
entries), an accent-free `search_key` the desk fills in lazily, and a queue index.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import JsonType

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_submissions = sa.table(
    "submission",
    sa.column("id", sa.Integer),
    sa.column("fields", JsonType),
    sa.column("field", sa.String),
    sa.column("scope", sa.String),
)


def upgrade() -> None:
    _desk_tables()
    # Plain ALTER TABLE (no batch copy): SQLite adds and drops columns in place.
    op.add_column("submission", sa.Column("field", sa.String(length=200), nullable=True))
    op.add_column("submission", sa.Column("scope", sa.String(length=16), nullable=True))
    op.add_column("submission", sa.Column("search_key", sa.String(), nullable=True))
    op.create_index("ix_submission_field", "submission", ["field"])
    op.create_index("ix_submission_scope", "submission", ["scope"])
    op.create_index("ix_submission_queue", "submission", ["status", "submitted_at"])
    _fill_columns()


def _desk_tables() -> None:
    ts = sa.DateTime(timezone=True)
    op.create_table(
        "signin_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("principal", sa.String(length=80), nullable=False),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("expires_at", ts, nullable=False),
        sa.Column("used_at", ts, nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "desk_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("principal", sa.String(length=80), nullable=False),
        sa.Column("auth_method", sa.String(length=16), nullable=False),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("last_seen_at", ts, nullable=False),
        sa.Column("expires_at", ts, nullable=False),
        sa.Column("ended_at", ts, nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "council",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("units", JsonType, nullable=False),
        sa.Column("created_at", ts, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "council_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("principal", sa.String(length=80), nullable=False),
        sa.Column("added_by", sa.String(length=80), nullable=False),
        sa.Column("added_at", ts, nullable=False),
        sa.ForeignKeyConstraint(["council_id"], ["council.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("council_id", "principal", name="uq_council_member"),
    )
    op.create_index("ix_council_member_principal", "council_member", ["principal"])


def _fill_columns() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_submissions.c.id, _submissions.c.fields)).all()
    for row_id, fields in rows:
        fields = fields or {}
        field, scope = fields.get("field"), fields.get("scope")
        if field or scope:
            bind.execute(
                _submissions.update()
                .where(_submissions.c.id == row_id)
                .values(
                    field=str(field)[:200] if field else None,
                    scope=str(scope)[:16] if scope else None,
                )
            )


def downgrade() -> None:
    op.drop_index("ix_submission_queue", table_name="submission")
    op.drop_index("ix_submission_scope", table_name="submission")
    op.drop_index("ix_submission_field", table_name="submission")
    for column in ("search_key", "scope", "field"):
        op.drop_column("submission", column)
    op.drop_index("ix_council_member_principal", table_name="council_member")
    op.drop_table("council_member")
    op.drop_table("council")
    op.drop_table("desk_session")
    op.drop_table("signin_link")
