"""Councils and their members: create, set level and units, add and remove members."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.admin import check_principal, clean
from bot.errors import AdminRefused
from storage import audit
from storage import councils as store


def _name(council: str) -> str:
    name = clean(council)
    if not 1 <= len(name) <= 200:
        raise AdminRefused("council_name", "council", "must be 1 to 200 characters")
    return name


def _units(units: Sequence[str]) -> list[str]:
    found = list(dict.fromkeys(u for u in (clean(u) for u in units) if u))
    if any(len(u) > 200 for u in found):
        raise AdminRefused("unit", "unit", "a unit name is longer than 200 characters")
    return found


def _level(level: str | None, *, needed: bool) -> str | None:
    if level is None and not needed:
        return None
    if level not in store.LEVELS:
        raise AdminRefused(
            "level", "level", f"a council's level is one of {', '.join(store.LEVELS)}"
        )
    return level


def save(
    session: Session, *, council: str, level: str, units: Sequence[str], by: str, now: datetime
) -> bool:
    """Create a council, or set an existing one's level and units; True when it is new."""
    name, checked = _name(council), _level(level, needed=True)
    assert checked is not None
    wanted = _units(units)
    created = store.configure(session, council=name, level=checked, units=wanted, now=now)
    audit.record(
        session,
        actor=by,
        action="council.create" if created else "council.update",
        target=name,
        now=now,
        detail={"level": checked, "units": wanted},
    )
    return created


def add_member(
    session: Session,
    *,
    council: str,
    member: str,
    level: str | None,
    units: Sequence[str],
    by: str,
    now: datetime,
    role: str = "member",
) -> bool:
    """Add a member, creating the council when it is new (then a level is needed); units
    given are added to the council's. A chair or secretary takes over from the one before.
    False when the member was already there in that role."""
    name, principal = _name(council), check_principal(member, "member")
    checked, wanted = _level(level, needed=False), _units(units)
    if role not in store.ROLES:
        raise AdminRefused("council_role", "role", f"role must be one of {', '.join(store.ROLES)}")
    try:
        added = store.add_member(
            session,
            council=name,
            principal=principal,
            level=checked,
            units=wanted,
            by=by,
            now=now,
            role=role,
        )
    except ValueError as exc:
        raise AdminRefused("level", "level", str(exc)) from None
    if added:
        audit.record(
            session,
            actor=by,
            action="council.member_add",
            target=name,
            now=now,
            detail={"member": principal, "council_role": role},
        )
    return added


def remove(session: Session, *, council: str, member: str | None, by: str, now: datetime) -> bool:
    """Remove one member, or (no member) the whole council; False when nothing matched."""
    name = _name(council)
    principal = member.strip() if member is not None else None
    if not store.remove(session, council=name, principal=principal):
        return False
    action = "council.member_remove" if principal else "council.remove"
    detail = {"member": principal} if principal else {}
    audit.record(session, actor=by, action=action, target=name, now=now, detail=detail)
    return True
