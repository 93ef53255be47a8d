"""The desk dashboard's numbers: entries by month, unit and field, the funnel, decision times."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session, col

from bot.review.transitions import HK_DECISIONS, SK_DECISIONS
from storage.desk import Scope, scope_condition
from storage.models import StatusChange, Submission

DECISIONS = (*SK_DECISIONS, "recognized_provincial", "not_recognized_provincial", *HK_DECISIONS)


@dataclass(frozen=True)
class Stats:
    by_month: list[tuple[str, int]]  # "2026-03" → entries submitted that month (local time)
    by_unit: list[tuple[str, int]]
    by_field: list[tuple[str, int]]
    by_status: dict[str, int]
    decided: int  # entries with a decision, and the median days from submission to it
    median_days: float | None
    open_work: list[tuple[str, int]]  # who took entries into review → how many still there


def stats(session: Session, *, scope: Scope, tz: ZoneInfo) -> Stats:
    where = scope_condition(scope)
    month = _local_month(session, tz)
    months = session.execute(
        select(month, func.count())
        .where(where, col(Submission.submitted_at).is_not(None))
        .group_by(month)
    )
    decided, median_days = _decisions(session, where)
    return Stats(
        by_month=sorted((str(m), int(n)) for m, n in months),
        by_unit=_grouped(session, col(Submission.agency), where),
        by_field=_grouped(session, col(Submission.field), where),
        by_status=dict(_grouped(session, col(Submission.status), where)),
        decided=decided,
        median_days=median_days,
        open_work=_open_work(session, where),
    )


def _grouped(session: Session, column: Any, where: Any) -> list[tuple[str, int]]:
    rows = session.execute(
        select(column, func.count()).where(where, column.is_not(None)).group_by(column)
    )
    return sorted(((str(k), int(n)) for k, n in rows), key=lambda kv: (-kv[1], kv[0]))


def _decisions(session: Session, where: Any) -> tuple[int, float | None]:
    """Days from submission to the first decision, for entries decided at least once."""
    first = (
        select(col(StatusChange.submission_id), func.min(StatusChange.at).label("at"))
        .where(col(StatusChange.status).in_(DECISIONS))
        .group_by(col(StatusChange.submission_id))
        .subquery()
    )
    days = [
        float(d)
        for d in session.execute(
            select(_days(session, col(Submission.submitted_at), first.c.at))
            .join(first, first.c.submission_id == col(Submission.id))
            .where(where, col(Submission.submitted_at).is_not(None))
        ).scalars()
        if d is not None and d >= 0
    ]
    median = round(statistics.median(days), 1) if days else None
    return len(days), median


def _days(session: Session, start: Any, end: Any) -> Any:
    """Days between two UTC datetimes, computed by the database."""
    if _dialect(session) == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return func.extract("epoch", end - start) / 86400


def _local_month(session: Session, tz: ZoneInfo) -> Any:
    """ "YYYY-MM" of the submission in local time. PostgreSQL converts with the zone's rules;
    SQLite shifts by the zone's offset today (exact for Việt Nam, which has no summer time)."""
    at = col(Submission.submitted_at)
    if _dialect(session) == "sqlite":
        offset = datetime.now(tz).utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        return func.strftime("%Y-%m", at, f"{minutes:+d} minutes")
    return func.to_char(func.timezone(str(tz), at), "YYYY-MM")


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _open_work(session: Session, where: Any) -> list[tuple[str, int]]:
    """Entries now under review, counted by who last took each into review."""
    rows = session.execute(
        select(col(StatusChange.submission_id), col(StatusChange.by), col(StatusChange.at))
        .join(Submission, col(Submission.id) == col(StatusChange.submission_id))
        .where(where, col(Submission.status) == "under_review")
        .where(col(StatusChange.status) == "under_review")
        .order_by(col(StatusChange.at), col(StatusChange.id))
    ).all()
    last = {submission: by for submission, by, _at in rows}
    counts = Counter(last.values())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
