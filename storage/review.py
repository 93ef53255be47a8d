"""Status changes of submissions: lock, change with history, find entries waiting too long."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage import desk_marks, queries
from storage.models import Identity, Person, StatusChange, Submission
from storage.prior import NOT_INDEXED


def lock_submission(session: Session, *, code: str) -> Submission | None:
    """The submission, locked until the transaction ends (status changes never interleave)."""
    session.expire_all()
    stmt = select(Submission).where(col(Submission.code) == code).with_for_update()
    return session.execute(stmt).scalars().first()


def change_status(
    session: Session,
    *,
    submission: Submission,
    status: str,
    by: str,
    note: str | None,
    now: datetime,
) -> StatusChange:
    """Set the status and append it to the history (who, when, why)."""
    was = submission.status
    submission.status = status
    submission.updated_at = now
    change = StatusChange(
        submission_id=submission.id or 0, status=status, at=now, by=by[:128], note=note
    )
    session.add(change)
    session.flush()
    if status in NOT_INDEXED and was not in NOT_INDEXED:  # withdrawn: like nothing any more
        desk_marks.drop(session, submission_id=submission.id or 0, code=submission.code)
    elif was in NOT_INDEXED and status not in NOT_INDEXED:
        desk_marks.reopen(session, submission_id=submission.id or 0)
    return change


def amend(
    session: Session, *, submission: Submission, title: str, fields: dict[str, Any], now: datetime
) -> None:
    """The author's revised content replaces the old (the history keeps the status trail)."""
    submission.title = title
    submission.fields = fields
    submission.updated_at = now
    for name, value in queries.indexed_fields(fields).items():
        setattr(submission, name, value)
    submission.search_key = None  # the desk recomputes it from the new content
    submission.similar_level = submission.quality_flags = None  # and its marks


def identities(session: Session, *, ids: Iterable[int]) -> dict[int, Identity]:
    """Identities by id (where authors submitted from: their own channel is where they are told)."""
    wanted = list(ids)
    if not wanted:
        return {}
    stmt = select(Identity).where(col(Identity.id).in_(wanted))
    return {identity.id or 0: identity for identity in session.execute(stmt).scalars()}


def erased_people(session: Session, *, ids: Iterable[int]) -> set[int]:
    """Those of `ids` who asked us to forget their personal data."""
    wanted = list(ids)
    if not wanted:
        return set()
    stmt = select(col(Person.id)).where(
        col(Person.id).in_(wanted), col(Person.erased_at).is_not(None)
    )
    return {int(i) for i in session.execute(stmt).scalars()}


def revisable(session: Session, *, person_id: int) -> list[Submission]:
    """The person's entries that wait for their amendments, newest first."""
    stmt = (
        select(Submission)
        .where(col(Submission.person_id) == person_id, col(Submission.status) == "needs_revision")
        .order_by(col(Submission.id).desc())
    )
    return list(session.execute(stmt).scalars())


def waiting_since(
    session: Session, *, statuses: Sequence[str], before: datetime, limit: int = 500
) -> list[tuple[Submission, datetime]]:
    """Entries in `statuses` whose last status change is older than `before`, oldest first."""
    last = (
        select(col(StatusChange.submission_id), func.max(col(StatusChange.at)).label("at"))
        .group_by(col(StatusChange.submission_id))
        .subquery()
    )
    stmt = (
        select(Submission, last.c.at)
        .join(last, last.c.submission_id == Submission.id)
        .where(col(Submission.status).in_(statuses), last.c.at < before)
        .order_by(last.c.at, col(Submission.id))
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]
