"""Granting and revoking reviewer and admin roles; the last admin cannot be removed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from bot.admin import check_principal
from bot.errors import AdminRefused
from storage import audit
from storage import roles as store
from storage.models import RoleGrant


def _check_role(role: str) -> None:
    if role not in store.ROLES:
        raise AdminRefused("role", "role", f"role must be one of {', '.join(store.ROLES)}")


def grant(session: Session, *, role: str, principal: str, by: str, now: datetime) -> bool:
    """Grant a role; False when the person already holds it (nothing changes, nothing logged)."""
    _check_role(role)
    principal = check_principal(principal, "user")
    if not store.grant(session, role=role, principal=principal, by=by, now=now):
        return False
    audit.record(
        session, actor=by, action="role.grant", target=principal, now=now, detail={"role": role}
    )
    return True


def revoke(
    session: Session,
    *,
    role: str,
    principal: str,
    configured_admins: Sequence[str],
    by: str,
    now: datetime,
) -> bool:
    """Revoke a granted role; False when there was no grant (roles in the config file stay).
    Refused when it would leave nobody holding admin, from config or granted."""
    _check_role(role)
    principal = check_principal(principal, "user")
    if role == "admin":
        # Locked, so two admins revoking each other at once cannot both pass the count.
        holders = session.execute(
            select(col(RoleGrant.principal))
            .where(col(RoleGrant.role) == "admin", col(RoleGrant.revoked_at).is_(None))
            .with_for_update()
        ).scalars()
        granted = set(holders)
        others = (granted | set(configured_admins)) - {principal}
        if principal in granted and principal not in configured_admins and not others:
            raise AdminRefused(
                "last_admin", "user", f"{principal} is the last admin; grant another admin first"
            )
    if not store.revoke(session, role=role, principal=principal, now=now):
        return False
    audit.record(
        session, actor=by, action="role.revoke", target=principal, now=now, detail={"role": role}
    )
    return True
