"""The council's results list: every submitted score of the entries a viewer may see."""

from __future__ import annotations

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.desk import Scope, scope_condition
from storage.models import Score, Submission


def scored(
    session: Session, *, scope: Scope, principal: str | None
) -> list[tuple[Submission, Score]]:
    """Entries in scope with their scores, by code then member. With a principal (not an
    admin), only entries that member has scored at that level: others' scores stay hidden
    until one's own is in, as on the entry page."""
    stmt = (
        select(Submission, Score)
        .join(Score, col(Score.submission_id) == col(Submission.id))
        .where(scope_condition(scope))
        .order_by(col(Submission.code), col(Score.level), col(Score.principal))
    )
    if principal is not None:
        own = aliased(Score)
        stmt = stmt.where(
            exists().where(
                and_(
                    col(own.submission_id) == col(Submission.id),
                    col(own.level) == col(Score.level),
                    col(own.principal) == principal,
                )
            )
        )
    return [(entry, score) for entry, score in session.execute(stmt).all()]
