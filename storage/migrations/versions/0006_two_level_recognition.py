"""two-level recognition: provincial only after cơ sở (history filled in for earlier jumps)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

No schema change: statuses are strings. Entries that reached `recognized_provincial`
straight from an open status (the old rules allowed it) get the cơ sở recognition that the
law presupposes written into their history, marked as added by this migration.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BY = "migration:0006"
NOTE = (
    "Ghi nhận bổ sung khi chuyển đổi dữ liệu: sáng kiến được công nhận cấp tỉnh thì đã được "
    "công nhận ở cấp cơ sở."
)
_changes = sa.table(
    "status_change",
    sa.column("id", sa.Integer),
    sa.column("submission_id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("by", sa.String),
    sa.column("note", sa.String),
)
_submissions = sa.table(
    "submission", sa.column("id", sa.Integer), sa.column("status", sa.String)
)


def upgrade() -> None:
    bind = op.get_bind()
    recognised = sa.select(_changes.c.submission_id).where(_changes.c.status == "recognized")
    first_provincial = (
        sa.select(sa.func.min(_changes.c.id))
        .where(_changes.c.status == "recognized_provincial")
        .where(_changes.c.submission_id.not_in(recognised))
        .group_by(_changes.c.submission_id)
    )
    rows = bind.execute(
        sa.select(_changes.c.submission_id, _changes.c.at).where(
            _changes.c.id.in_(first_provincial)
        )
    ).all()
    for submission_id, at in rows:
        bind.execute(
            _changes.insert().values(
                submission_id=submission_id, status="recognized", at=at, by=BY, note=NOTE
            )
        )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(_changes.delete().where(_changes.c.by == BY))
    # The old rules knew no provincial round nor its refusal: the cơ sở recognition stands.
    bind.execute(
        _submissions.update()
        .where(_submissions.c.status.in_(("provincial_review", "not_recognized_provincial")))
        .values(status="recognized")
    )
