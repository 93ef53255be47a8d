"""The chair's confirmed decisions on entries, each tied to the status change it made."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from storage.models import CouncilDecision, Score, StatusChange, Submission


def record(
    session: Session,
    *,
    submission_id: int,
    change: StatusChange,
    level: str,
    council: str,
    acting: str,
    proposed: str | None,
    average: float | None,
    scores: int,
    expected: int,
    now: datetime,
) -> CouncilDecision:
    row = CouncilDecision(
        submission_id=submission_id,
        status_change_id=change.id or 0,
        level=level,
        council=council[:200],
        acting=acting,
        proposed=proposed,
        decision=change.status,
        average=average,
        scores=scores,
        expected=expected,
        at=now,
    )
    session.add(row)
    session.flush()
    return row


def latest(
    session: Session, *, submission_ids: list[int], level: str
) -> dict[int, tuple[CouncilDecision, StatusChange]]:
    """The newest confirmation at `level` of each entry that has one, with its history row."""
    stmt = (
        select(CouncilDecision, StatusChange)
        .join(StatusChange, col(StatusChange.id) == col(CouncilDecision.status_change_id))
        .where(
            col(CouncilDecision.submission_id).in_(submission_ids),
            col(CouncilDecision.level) == level,
        )
        .order_by(col(CouncilDecision.id))
    )
    found: dict[int, tuple[CouncilDecision, StatusChange]] = {}
    for decision, change in session.execute(stmt).all():
        found[decision.submission_id] = (decision, change)
    return found


def scored_before(
    session: Session, *, level: str, units: tuple[str, ...] | None, until: datetime
) -> list[tuple[Submission, Score]]:
    """Sáng kiến with scores at `level` sent before `until`, with those scores, by code then
    in the order they came; `units` limits them to a cơ sở council's units (None: cấp tỉnh)."""
    stmt = (
        select(Submission, Score)
        .join(Score, col(Score.submission_id) == col(Submission.id))
        .where(
            col(Score.level) == level,
            col(Score.submitted_at) < until,
            col(Submission.kind) == "sang_kien",
        )
        .order_by(col(Submission.code), col(Score.id))
    )
    if units is not None:
        stmt = stmt.where(col(Submission.agency).in_(units))
    return [(entry, score) for entry, score in session.execute(stmt).all()]


def decided(
    session: Session, *, submission_ids: list[int], statuses: tuple[str, ...]
) -> dict[int, StatusChange]:
    """The newest history row setting one of `statuses`, per entry: the decision, whether the
    chair confirmed it at the desk or a reviewer set it in chat or the API."""
    stmt = (
        select(StatusChange)
        .where(
            col(StatusChange.submission_id).in_(submission_ids),
            col(StatusChange.status).in_(statuses),
        )
        .order_by(col(StatusChange.id))
    )
    return {row.submission_id: row for row in session.execute(stmt).scalars()}
