"""The reviewers' desk queries: a council's entries with filters, search, counts and paging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, false, func, or_, select, true, update
from sqlmodel import Session, col

from storage.models import Submission

PROVINCIAL_STATUSES = ("provincial_review", "recognized_provincial", "not_recognized_provincial")
SORTS: dict[str, Any] = {
    "newest": (col(Submission.submitted_at).desc(), col(Submission.id).desc()),
    "oldest": (col(Submission.submitted_at).asc(), col(Submission.id).asc()),
    "code": (col(Submission.code).asc(),),
    "title": (col(Submission.title).asc(), col(Submission.id).asc()),
}
KeyFn = Callable[[str], str]
# "Has similar entries": at the configured threshold (khá giống and up), rất giống, or none.
SIMILAR_FILTERS: dict[str, Any] = {
    "any": lambda: col(Submission.similar_level) >= 1,
    "strong": lambda: col(Submission.similar_level) == 2,  # noqa: PLR2004
    "none": lambda: col(Submission.similar_level) == 0,
}


@dataclass(frozen=True)
class Scope:
    """What a viewer may see: everything (admins), units of their cơ sở councils, and/or
    entries proposed for or in provincial review (cấp tỉnh council)."""

    everything: bool = False
    units: tuple[str, ...] = ()
    provincial: bool = False

    @property
    def empty(self) -> bool:
        return not (self.everything or self.units or self.provincial)


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    kind: str | None = None
    unit: str | None = None
    field: str | None = None
    year: int | None = None
    key: str | None = None  # the search words, already folded like the stored keys
    similar: str | None = None  # one of SIMILAR_FILTERS
    flag: str | None = None  # "any", "none" or a checklist rule that failed
    sort: str = "newest"
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class Row:
    code: str
    kind: str
    status: str
    title: str
    agency: str | None
    field: str | None
    submitted_at: datetime | None
    similar_level: int | None = None
    quality_flags: str | None = None


@dataclass(frozen=True)
class QueuePage:
    rows: list[Row]
    total: int
    counts: dict[str, int]  # per status, under every filter but the status one


def scope_condition(scope: Scope) -> Any:
    if scope.everything:
        return true()
    parts: list[Any] = []
    if scope.units:
        parts.append(col(Submission.agency).in_(scope.units))
    if scope.provincial:
        parts.append(col(Submission.status).in_(PROVINCIAL_STATUSES))
        parts.append(and_(col(Submission.kind) == "sang_kien", col(Submission.scope) == "cap_tinh"))
    return or_(*parts) if parts else false()


def _conditions(scope: Scope, filters: Filters) -> list[Any]:
    found: list[Any] = [scope_condition(scope)]
    if filters.kind:
        found.append(col(Submission.kind) == filters.kind)
    if filters.unit:
        found.append(col(Submission.agency) == filters.unit)
    if filters.field:
        found.append(col(Submission.field) == filters.field)
    if filters.year:
        start = datetime(filters.year, 1, 1, tzinfo=UTC)
        end = datetime(filters.year + 1, 1, 1, tzinfo=UTC)
        found.append(col(Submission.submitted_at) >= start)
        found.append(col(Submission.submitted_at) < end)
    if filters.similar in SIMILAR_FILTERS:
        found.append(SIMILAR_FILTERS[filters.similar]())
    if filters.flag:
        found.append(_flag_condition(filters.flag))
    if filters.key:
        escaped = filters.key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found.append(col(Submission.search_key).like(f"%{escaped}%", escape="\\"))
    return found


def _flag_condition(flag: str) -> Any:
    """Stored as " rule rule " ("" when every rule passed; None not worked out yet)."""
    flags = col(Submission.quality_flags)
    if flag == "any":
        return flags > ""
    if flag == "none":
        return flags == ""
    return flags.like(f"% {flag} %")


def queue(session: Session, *, scope: Scope, filters: Filters) -> QueuePage:
    base = _conditions(scope, filters)
    counts = {
        str(status): int(n)
        for status, n in session.execute(
            select(col(Submission.status), func.count())
            .where(*base)
            .group_by(col(Submission.status))
        )
    }
    where = [*base, col(Submission.status) == filters.status] if filters.status else base
    total = sum(counts.values()) if not filters.status else counts.get(filters.status, 0)
    stmt = (
        select(
            col(Submission.code),
            col(Submission.kind),
            col(Submission.status),
            col(Submission.title),
            col(Submission.agency),
            col(Submission.field),
            col(Submission.submitted_at),
            col(Submission.similar_level),
            col(Submission.quality_flags),
        )
        .where(*where)
        .order_by(*SORTS.get(filters.sort, SORTS["newest"]))
        .limit(filters.per_page)
        .offset(max(filters.page - 1, 0) * filters.per_page)
    )
    return QueuePage([Row(*r) for r in session.execute(stmt)], total, counts)


def choices(session: Session, *, scope: Scope) -> tuple[list[str], list[str], list[int]]:
    """The units, fields and years present in the scope, for the filter lists."""
    where = scope_condition(scope)
    units = session.execute(
        select(col(Submission.agency)).where(where, col(Submission.agency).is_not(None)).distinct()
    ).scalars()
    fields = session.execute(
        select(col(Submission.field)).where(where, col(Submission.field).is_not(None)).distinct()
    ).scalars()
    first, last = session.execute(
        select(func.min(Submission.submitted_at), func.max(Submission.submitted_at)).where(where)
    ).one()
    years = list(range(last.year, first.year - 1, -1)) if first and last else []
    return sorted(str(u) for u in units), sorted(str(f) for f in fields), years


def visible(session: Session, *, scope: Scope, code: str) -> Submission | None:
    """The entry when the scope covers it; None for no such entry or one the viewer may not see."""
    stmt = select(Submission).where(col(Submission.code) == code, scope_condition(scope))
    return session.execute(stmt).scalars().first()


def missing_keys(session: Session) -> bool:
    stmt = select(col(Submission.id)).where(col(Submission.search_key).is_(None)).limit(1)
    return session.execute(stmt).first() is not None


def fill_keys(session: Session, *, key: KeyFn, batch: int = 5000) -> int:
    """Fill in the search keys of new or amended entries; returns how many were filled."""
    stmt = (
        select(
            col(Submission.id),
            col(Submission.code),
            col(Submission.title),
            col(Submission.field),
            col(Submission.agency),
        )
        .where(col(Submission.search_key).is_(None))
        .limit(batch)
    )
    rows = session.execute(stmt).all()
    values = [
        {"id": row_id, "search_key": key(" ".join(p for p in (code, title, field, agency) if p))}
        for row_id, code, title, field, agency in rows
    ]
    if values:
        session.execute(update(Submission), values)
    return len(values)
