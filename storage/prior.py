"""Earlier entries for the novelty check: imported PriorEntry rows and our own submissions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage.models import PriorEntry, Submission
from storage.upserts import insert_for

SUBMISSION = "sub:"  # index keys keep our codes apart from imported ones, which may look alike
PRIOR = "prior:"
# Withdrawn entries are not "done before": the author took them back before any assessment.
NOT_INDEXED = frozenset({"withdrawn"})
# Which answer holds the solution, by kind: it is what makes two entries the same idea.
BODY_FIELD = {"sang_kien": "solution", "hien_ke": "proposal"}
_CHUNK = 500  # codes per IN (…) query


@dataclass(frozen=True)
class IndexRow:
    """One entry as the similarity index takes it; `indexed` False means take it out."""

    key: str
    title: str
    body: str
    indexed: bool


@dataclass(frozen=True)
class Earlier:
    """What the author and reviewers are shown of an earlier entry, read fresh."""

    code: str
    title: str
    agency: str
    year: int | None
    status: str


def upsert_prior_entries(
    session: Session, *, rows: Sequence[Mapping[str, Any]], now: datetime
) -> tuple[int, int]:
    """Store imported rows by code (a re-import updates them); returns (created, updated)."""
    if not rows:
        return 0, 0
    codes = [str(row["code"]) for row in rows]
    known: set[str] = set()
    for start in range(0, len(codes), _CHUNK):
        chunk = codes[start : start + _CHUNK]
        stmt = select(col(PriorEntry.code)).where(col(PriorEntry.code).in_(chunk))
        known.update(session.execute(stmt).scalars())
    columns = ("title", "content", "agency", "year", "status")
    for start in range(0, len(rows), _CHUNK):
        values = [
            {"code": str(row["code"]), **{c: row.get(c) for c in columns}, "imported_at": now}
            for row in rows[start : start + _CHUNK]
        ]
        stmt = insert_for(session, PriorEntry).values(values)
        update = {name: stmt.excluded[name] for name in (*columns, "imported_at")}
        session.execute(stmt.on_conflict_do_update(index_elements=["code"], set_=update))
    created = len(set(codes) - known)
    return created, len(codes) - created


def index_rows(session: Session, *, since: datetime | None = None) -> Iterator[IndexRow]:
    """Submissions and imported rows changed at or after `since` (all when None)."""
    subs = select(
        col(Submission.code),
        col(Submission.kind),
        col(Submission.title),
        col(Submission.fields),
        col(Submission.status),
    )
    priors = select(col(PriorEntry.code), col(PriorEntry.title), col(PriorEntry.content))
    if since is not None:
        subs = subs.where(col(Submission.updated_at) >= since)
        priors = priors.where(col(PriorEntry.imported_at) >= since)
    for code, kind, title, fields, status in session.execute(
        subs.execution_options(yield_per=1000)
    ):
        body = (fields or {}).get(BODY_FIELD.get(kind, ""))
        text = body if isinstance(body, str) else ""
        yield IndexRow(SUBMISSION + code, title, text, status not in NOT_INDEXED)
    for code, title, content in session.execute(priors.execution_options(yield_per=1000)):
        yield IndexRow(PRIOR + code, title, content or "", True)


def changes_since(session: Session, *, since: datetime) -> tuple[Any, ...]:
    """A fingerprint of what `index_rows(since=...)` would read: counts and latest times.

    Indexed aggregates in one statement, so asking before every similarity lookup costs little; a new
    entry, a status change or an import from anywhere changes it.
    """
    changed_sub = col(Submission.updated_at) >= since
    changed_prior = col(PriorEntry.imported_at) >= since
    stmt = select(  # one round trip: four scalar subqueries
        select(func.count()).where(changed_sub).scalar_subquery(),
        select(func.max(col(Submission.updated_at))).where(changed_sub).scalar_subquery(),
        select(func.count()).select_from(PriorEntry).where(changed_prior).scalar_subquery(),
        select(func.max(col(PriorEntry.imported_at))).where(changed_prior).scalar_subquery(),
    )
    return tuple(session.execute(stmt).one())


def earlier_entries(session: Session, *, keys: Sequence[str], tz: ZoneInfo) -> dict[str, Earlier]:
    """The entries behind index keys as stored now; withdrawn and vanished ones are left out."""
    subs = [key.removeprefix(SUBMISSION) for key in keys if key.startswith(SUBMISSION)]
    priors = [key.removeprefix(PRIOR) for key in keys if key.startswith(PRIOR)]
    found: dict[str, Earlier] = {}
    if subs:
        stmt = select(Submission).where(col(Submission.code).in_(subs))
        for row in session.execute(stmt).scalars():
            if row.status in NOT_INDEXED:
                continue
            day = row.submitted_at or row.created_at
            year = day.astimezone(tz).year if day else None
            found[SUBMISSION + row.code] = Earlier(
                row.code, row.title, row.agency or "", year, row.status
            )
    if priors:
        stmt_prior = select(PriorEntry).where(col(PriorEntry.code).in_(priors))
        for prior in session.execute(stmt_prior).scalars():
            found[PRIOR + prior.code] = Earlier(
                prior.code, prior.title, prior.agency or "", prior.year, prior.status or ""
            )
    return found
