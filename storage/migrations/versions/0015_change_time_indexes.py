"""indexes on the change times the similarity index polls

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every similarity lookup first asks "what changed since?" (another replica may have
    # stored an entry a moment ago): these keep that question cheap at 100,000 entries.
    op.create_index("ix_submission_updated_at", "submission", ["updated_at"], unique=False)
    op.create_index("ix_prior_entry_imported_at", "prior_entry", ["imported_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_prior_entry_imported_at", table_name="prior_entry")
    op.drop_index("ix_submission_updated_at", table_name="submission")
