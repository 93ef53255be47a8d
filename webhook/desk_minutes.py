"""«Biên bản họp Hội đồng sáng kiến» from the desk's data: which entries a meeting considered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.desk import catalogue as text
from bot.desk import decision as desk_decision
from bot.desk import scoring as rules
from bot.desk.access import Viewer
from bot.dialogue.dates import parse_date
from bot.dialogue.errors import Invalid
from bot.dossier.minutes import Considered, Member, Minutes, build_minutes
from bot.review.catalogue import STATUS_LABELS
from storage import decisions, scores
from storage.councils import CouncilView
from storage.models import Score, StatusChange, Submission


def may_read(viewer: Viewer, council: CouncilView) -> bool:
    """Members of that council (chair and secretary included) and admins only."""
    return viewer.admin or viewer.principal in council.members


def meeting_day(raw: str | None, tz: ZoneInfo, now: datetime) -> date | None:
    """The typed day (dd/mm/yyyy and the other Vietnamese forms, never month first), today
    when left empty, None when it cannot be read."""
    typed = (raw or "").strip()[:40]
    if not typed:
        return now.astimezone(tz).date()
    try:
        return parse_date(typed)
    except Invalid:
        return None


def minutes_docx(
    session: Session, council: CouncilView, day: date, tz: ZoneInfo, threshold: int
) -> bytes:
    """The meeting of `day`: the council's entries scored by then that were either confirmed
    that day or still await a decision; present are the members who scored them."""
    start = datetime.combine(day, time(0), tz)
    rows = decisions.scored_before(
        session,
        level=council.level,
        units=council.units if council.level == "co_so" else None,
        until=start + timedelta(days=1),
    )
    grouped: list[tuple[Submission, list[Score]]] = []
    for _id, group in groupby(rows, key=lambda r: r[0].id):  # ordered by code
        pairs = list(group)
        grouped.append((pairs[0][0], [s for _, s in pairs]))
    made = decisions.decided(
        session,
        submission_ids=[e.id or 0 for e, _ in grouped],
        statuses=desk_decision.DECISIONS[council.level],
    )
    names: dict[str, str] = {}

    def name(principal: str) -> str:
        if principal not in names:
            names[principal] = scores.person_name(session, principal=principal) or principal
        return names[principal]

    considered: list[Considered] = []
    present: dict[str, None] = {}
    for entry, scored in grouped:
        change = None
        if entry.status not in rules.SCORABLE:  # no longer waiting: decided, or left the table
            change = made.get(entry.id or 0)
            if change is None or change.at.astimezone(tz).date() != day:
                continue  # decided at another meeting, or withdrawn, sent back…
        present.update(dict.fromkeys(s.principal for s in scored))
        considered.append(_considered(entry, scored, change, council.level, threshold, name))
    return build_minutes(
        Minutes(
            council=council.name,
            level=text.LEVELS.get(council.level, council.level),
            meeting=day,
            members=len(council.members),
            present=_members(council, list(present), name),
            entries=considered,
            threshold=threshold,
            chair=name(council.chair) if council.chair else "",
            secretary=name(council.secretary) if council.secretary else "",
        )
    )


def _considered(
    entry: Submission,
    scored: list[Score],
    change: StatusChange | None,
    level: str,
    threshold: int,
    name: Callable[[str], str],
) -> Considered:
    summary = rules.summarize([s.total for s in scored], threshold)
    assert summary is not None  # every entry here has a score
    proposal = desk_decision.proposed(level, summary) or ""
    confirmed = ""
    if change is not None:
        who = text.MINUTES_BY.get(change.by.partition(":")[0], "")
        confirmed = STATUS_LABELS.get(change.status, change.status) + who
    return Considered(
        code=entry.code,
        title=entry.title,
        authors=_authors(entry),
        agency=entry.agency or "",
        totals=[(name(s.principal), s.total) for s in scored],
        average=rules.points_vn(summary.average),
        proposed=STATUS_LABELS.get(proposal, proposal),
        confirmed=confirmed,
        note=(change.note or "") if change else "",
    )


def _authors(entry: Submission) -> str:
    """The co-authors as the form lists them, else the author who sent it."""
    listed = [str(a.get("name") or "").strip() for a in entry.fields.get("authors") or []]
    named = [n for n in listed if n]
    return ", ".join(named) if named else str(entry.author.get("name") or "")


def _members(council: CouncilView, present: list[str], name: Callable[[str], str]) -> list[Member]:
    """Those who scored: the chair first, then the secretary, then in the order they scored."""

    def role(principal: str) -> str:
        if principal == council.chair:
            return "chair"
        return "secretary" if principal == council.secretary else "member"

    order = {"chair": 0, "secretary": 1, "member": 2}
    ranked = sorted(present, key=lambda p: order[role(p)])  # stable: scoring order kept
    return [Member(name(p), p, role(p)) for p in ranked]
