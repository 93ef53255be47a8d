"""Role grants: reviewers and admins from the command line, merged with config [roles]."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from storage.models import RoleGrant

ROLES = ("reviewer", "admin")
PRINCIPAL = re.compile(r"^(telegram|zalo|web):-?[\w.-]+$")


def grant(session: Session, *, role: str, principal: str, by: str, now: datetime) -> bool:
    """Grant a role; False when the principal already holds it (nothing changes)."""
    if _active(session, role=role, principal=principal):
        return False
    session.add(RoleGrant(role=role, principal=principal, granted_by=by, granted_at=now))
    return True


def revoke(session: Session, *, role: str, principal: str, now: datetime) -> bool:
    """Revoke a granted role; False when there was no active grant (config roles stay)."""
    found = _active(session, role=role, principal=principal)
    for row in found:
        row.revoked_at = now
    return bool(found)


def granted(session: Session, *, role: str) -> list[RoleGrant]:
    stmt = (
        select(RoleGrant)
        .where(col(RoleGrant.role) == role, col(RoleGrant.revoked_at).is_(None))
        .order_by(col(RoleGrant.id))
    )
    return list(session.execute(stmt).scalars())


def principals(session: Session, *, role: str, configured: Sequence[str]) -> list[str]:
    """Everyone holding the role: config first, then grants, without repeats."""
    seen = dict.fromkeys(configured)
    seen.update(dict.fromkeys(g.principal for g in granted(session, role=role)))
    return list(seen)


def holds(
    session: Session, *, role: str, configured: Sequence[str], candidates: Iterable[str]
) -> bool:
    """Whether any candidate (a user, or the group chat they write in) holds the role."""
    wanted = set(candidates)
    if wanted & set(configured):
        return True
    stmt = select(col(RoleGrant.id)).where(
        col(RoleGrant.role) == role,
        col(RoleGrant.revoked_at).is_(None),
        col(RoleGrant.principal).in_(wanted),
    )
    return session.execute(stmt.limit(1)).first() is not None


def _active(session: Session, *, role: str, principal: str) -> list[RoleGrant]:
    stmt = select(RoleGrant).where(
        col(RoleGrant.role) == role,
        col(RoleGrant.principal) == principal,
        col(RoleGrant.revoked_at).is_(None),
    )
    return list(session.execute(stmt).scalars())
