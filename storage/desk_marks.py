"""The desk's marks per entry: similar entries (links both ways) and failed checklist rules.

Kept so the queue filters by index, never by a similarity search per row. Written when an
entry is submitted or amended (bot.writing_help), dropped when it is withdrawn or erased,
and worked out in the background for rows that have none yet (bot.desk.marks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlmodel import Session, col

from storage.models import PriorEntry, SimilarLink, Submission
from storage.prior import NOT_INDEXED, PRIOR, SUBMISSION
from storage.upserts import insert_for

NONE, FAIR, STRONG = 0, 1, 2


@dataclass(frozen=True)
class Found:
    """One entry like the marked one: its index key, cosine score and level."""

    key: str
    score: float
    strong: bool


@dataclass(frozen=True)
class Pending:
    """An entry whose marks are still to be worked out."""

    id: int
    code: str
    kind: str
    title: str
    fields: dict[str, Any]
    day: datetime
    needs_quality: bool
    needs_similar: bool
    updated_at: datetime


def flags_text(rules: Iterable[str]) -> str:
    """Failed rules as stored: " a b " (so LIKE '% a %' finds one); "" when all pass."""
    names = sorted(set(rules))
    return f" {' '.join(names)} " if names else ""


def set_quality(session: Session, *, submission_id: int, failed: Iterable[str]) -> None:
    stmt = update(Submission).where(col(Submission.id) == submission_id)
    session.execute(stmt.values(quality_flags=flags_text(failed)))


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    stmt = insert_for(session, SimilarLink).values(rows)
    update_set = {"score": stmt.excluded.score, "strong": stmt.excluded.strong}
    session.execute(
        stmt.on_conflict_do_update(index_elements=["submission_id", "other"], set_=update_set)
    )


def _ids_by_code(session: Session, codes: Sequence[str]) -> dict[str, int]:
    if not codes:
        return {}
    stmt = select(col(Submission.code), col(Submission.id)).where(
        col(Submission.code).in_(codes), col(Submission.status).not_in(NOT_INDEXED)
    )
    return {str(code): int(i) for code, i in session.execute(stmt)}


def _linked_to(session: Session, key: str) -> set[int]:
    stmt = select(col(SimilarLink.submission_id)).where(col(SimilarLink.other) == key)
    return {int(i) for i in session.execute(stmt).scalars()}


def _forget(session: Session, submission_id: int, key: str) -> set[int]:
    """Remove every link from and to the entry; returns the other submissions it touched."""
    touched = _linked_to(session, key)
    session.execute(delete(SimilarLink).where(col(SimilarLink.submission_id) == submission_id))
    session.execute(delete(SimilarLink).where(col(SimilarLink.other) == key))
    return touched


def replace_links(
    session: Session, *, submission_id: int, code: str, found: Sequence[Found]
) -> None:
    """The entry's similar entries now; a submission found gets the link back to this one."""
    key = SUBMISSION + code
    touched = _forget(session, submission_id, key)
    found = [f for f in found if f.key != key]
    ids = _ids_by_code(
        session, [f.key.removeprefix(SUBMISSION) for f in found if f.key.startswith(SUBMISSION)]
    )
    kept = [
        f
        for f in found
        if not f.key.startswith(SUBMISSION) or f.key.removeprefix(SUBMISSION) in ids
    ]
    _upsert(
        session,
        [
            {"submission_id": submission_id, "other": f.key, "score": f.score, "strong": f.strong}
            for f in kept
        ],
    )
    others = [
        (ids[f.key.removeprefix(SUBMISSION)], f) for f in kept if f.key.startswith(SUBMISSION)
    ]
    _upsert(
        session,
        [
            {"submission_id": i, "other": key, "score": f.score, "strong": f.strong}
            for i, f in others
        ],
    )
    relevel(session, {submission_id, *touched, *(i for i, _ in others)})


def drop(session: Session, *, submission_id: int, code: str) -> None:
    """A withdrawn or erased entry is like nothing: its links go both ways, levels follow."""
    touched = _forget(session, submission_id, SUBMISSION + code)
    relevel(session, touched)
    stmt = update(Submission).where(col(Submission.id) == submission_id)
    session.execute(stmt.values(similar_level=NONE))


def reopen(session: Session, *, submission_id: int) -> None:
    """Back in the index (withdrawn, then archived): worked out again in the background."""
    stmt = update(Submission).where(col(Submission.id) == submission_id)
    session.execute(stmt.values(similar_level=None))


def relevel(session: Session, ids: Iterable[int]) -> None:
    """Each entry's level from its links: the strongest, or none."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    strongest = (
        select(func.max(case((col(SimilarLink.strong), STRONG), else_=FAIR)))
        .where(col(SimilarLink.submission_id) == col(Submission.id))
        .scalar_subquery()
    )
    stmt = update(Submission).where(col(Submission.id).in_(wanted))
    session.execute(stmt.values(similar_level=func.coalesce(strongest, NONE)))


def mark_all_similar_pending(session: Session) -> None:
    """After an import of earlier entries: every level is worked out again."""
    session.execute(update(Submission).values(similar_level=None))


def settle_withdrawn(session: Session) -> None:
    """Withdrawn entries without marks mark nothing: no lookup needed."""
    session.execute(
        update(Submission)
        .where(_missing(), col(Submission.status).in_(NOT_INDEXED))
        .values(
            similar_level=func.coalesce(col(Submission.similar_level), NONE),
            quality_flags=func.coalesce(col(Submission.quality_flags), ""),
        )
    )


def _missing() -> Any:
    return or_(col(Submission.similar_level).is_(None), col(Submission.quality_flags).is_(None))


def pending(session: Session, *, limit: int) -> list[Pending]:
    """Entries (not withdrawn) still without marks, oldest first."""
    stmt = (
        select(Submission)
        .where(_missing(), col(Submission.status).not_in(NOT_INDEXED))
        .order_by(col(Submission.id))
        .limit(limit)
    )
    return [
        Pending(
            s.id or 0,
            s.code,
            s.kind,
            s.title,
            dict(s.fields or {}),
            s.submitted_at or s.created_at,
            s.quality_flags is None,
            s.similar_level is None,
            s.updated_at,
        )
        for s in session.execute(stmt).scalars()
    ]


def unchanged(session: Session, rows: Iterable[Pending]) -> set[int]:
    """The ids of `rows` still as read (not amended, withdrawn or erased since), so the
    marks worked out for them fit; one query for the whole batch."""
    read = {row.id: row.updated_at for row in rows}
    if not read:
        return set()
    stmt = select(col(Submission.id), col(Submission.updated_at), col(Submission.status)).where(
        col(Submission.id).in_(list(read))
    )
    return {
        row_id
        for row_id, updated_at, status in session.execute(stmt)
        if read.get(row_id) == updated_at and status not in NOT_INDEXED
    }


def links_of(session: Session, *, submission_id: int) -> list[SimilarLink]:
    stmt = (
        select(SimilarLink)
        .where(col(SimilarLink.submission_id) == submission_id)
        .order_by(col(SimilarLink.score).desc(), col(SimilarLink.other))
    )
    return list(session.execute(stmt).scalars())


def others(
    session: Session, *, keys: Sequence[str]
) -> tuple[dict[str, Submission], dict[str, PriorEntry]]:
    """The entries behind link keys, by code: submissions and imported earlier entries."""
    subs = [k.removeprefix(SUBMISSION) for k in keys if k.startswith(SUBMISSION)]
    priors = [k.removeprefix(PRIOR) for k in keys if k.startswith(PRIOR)]
    found_subs: dict[str, Submission] = {}
    found_priors: dict[str, PriorEntry] = {}
    if subs:
        stmt = select(Submission).where(col(Submission.code).in_(subs))
        found_subs = {s.code: s for s in session.execute(stmt).scalars()}
    if priors:
        stmt_prior = select(PriorEntry).where(col(PriorEntry.code).in_(priors))
        found_priors = {p.code: p for p in session.execute(stmt_prior).scalars()}
    return found_subs, found_priors
