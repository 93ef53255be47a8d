"""Councils (Hội đồng sáng kiến) and their members as data: the command line's side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlmodel import Session, col

from storage.models import Council, CouncilMember

LEVELS = ("co_so", "tinh")
ROLES = ("member", "chair", "secretary")  # one chair and one secretary per council at most


@dataclass(frozen=True)
class CouncilView:
    """A council as the desk sees it, from the database or from config. The chair and the
    secretary are members too."""

    name: str
    level: str
    units: tuple[str, ...]
    members: tuple[str, ...]
    chair: str | None = None
    secretary: str | None = None


def add_member(
    session: Session,
    *,
    council: str,
    principal: str,
    level: str | None,
    units: list[str],
    by: str,
    now: datetime,
    role: str = "member",
) -> bool:
    """Add a member, creating the council when it is new (then `level` is needed); units
    given are added to the council's. A chair or secretary takes over from the one before
    (who stays a member). False when the member was already there in that role."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    row = _council(session, council)
    if row is None:
        if level not in LEVELS:
            raise ValueError("a new council needs a level: co_so or tinh")
        row = Council(name=council, level=level, units=[], created_at=now)
        session.add(row)
        session.flush()
    elif level is not None and level != row.level:
        raise ValueError(f"council {council!r} is level {row.level}, not {level}")
    if units:
        row.units = list(dict.fromkeys([*row.units, *units]))
    if role != "member":
        session.execute(
            update(CouncilMember)
            .where(col(CouncilMember.council_id) == row.id, col(CouncilMember.role) == role)
            .where(col(CouncilMember.principal) != principal)
            .values(role="member")
        )
    exists = session.execute(
        select(CouncilMember).where(
            col(CouncilMember.council_id) == row.id, col(CouncilMember.principal) == principal
        )
    ).scalar_one_or_none()
    if exists is not None:
        if exists.role == role:
            return False
        exists.role = role
        return True
    session.add(
        CouncilMember(
            council_id=row.id or 0, principal=principal, added_by=by, added_at=now, role=role
        )
    )
    return True


def configure(
    session: Session, *, council: str, level: str, units: list[str], now: datetime
) -> bool:
    """Create a council or set its level and units (replacing them); True when it is new."""
    row = _council(session, council)
    if row is None:
        session.add(Council(name=council, level=level, units=list(units), created_at=now))
        session.flush()
        return True
    row.level, row.units = level, list(units)
    return False


def remove(session: Session, *, council: str, principal: str | None) -> bool:
    """Remove one member, or (no principal) the whole council; False when nothing matched."""
    row = _council(session, council)
    if row is None:
        return False
    members = delete(CouncilMember).where(col(CouncilMember.council_id) == row.id)
    if principal is not None:
        members = members.where(col(CouncilMember.principal) == principal)
    removed = session.execute(members).rowcount  # type: ignore[attr-defined]
    if principal is None:
        session.delete(row)
        return True
    return bool(removed)


def listing(session: Session) -> list[CouncilView]:
    councils = list(session.execute(select(Council).order_by(col(Council.name))).scalars())
    members: dict[int, list[str]] = {}
    roles: dict[tuple[int, str], str] = {}
    for council_id, principal, role in session.execute(
        select(
            col(CouncilMember.council_id), col(CouncilMember.principal), col(CouncilMember.role)
        ).order_by(col(CouncilMember.id))
    ):
        members.setdefault(int(council_id), []).append(str(principal))
        if role != "member":
            roles[(int(council_id), str(role))] = str(principal)
    return [
        CouncilView(
            c.name,
            c.level,
            tuple(c.units),
            tuple(members.get(c.id or 0, ())),
            chair=roles.get((c.id or 0, "chair")),
            secretary=roles.get((c.id or 0, "secretary")),
        )
        for c in councils
    ]


def _council(session: Session, name: str) -> Council | None:
    return session.execute(select(Council).where(col(Council.name) == name)).scalar_one_or_none()
