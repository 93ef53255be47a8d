"""Per-person API tokens: issue (the secret is returned once, only its hash kept), revoke."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from bot.admin import check_principal, clean
from bot.errors import AdminRefused
from storage import api_tokens, audit
from storage.models import ApiToken

MAX_DAYS = 3650


def create(
    session: Session,
    *,
    name: str,
    role: str,
    principal: str | None,
    expires_days: int | None,
    by: str,
    now: datetime,
) -> tuple[ApiToken, str]:
    """A new token for `name` with `role`; the secret exists nowhere else once shown."""
    holder = clean(name)
    if not 1 <= len(holder) <= 80:
        raise AdminRefused("token_name", "name", "must be 1 to 80 characters")
    if role not in api_tokens.ROLES:
        raise AdminRefused("role", "role", f"role must be one of {', '.join(api_tokens.ROLES)}")
    account = check_principal(principal, "user") if principal else None
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise AdminRefused("expires", "expires", f"must be 1 to {MAX_DAYS} days", max=MAX_DAYS)
    expires = now + timedelta(days=expires_days) if expires_days else None
    row, secret = api_tokens.issue(
        session,
        name=holder,
        role=role,
        principal=account,
        expires_at=expires,
        created_by=by[:80],
        now=now,
    )
    audit.record(
        session,
        actor=by,
        action="token.create",
        target=row.prefix,
        now=now,
        detail={"role": role, "expires_days": expires_days},
    )
    return row, secret


def revoke(session: Session, *, ref: str, by: str, now: datetime) -> ApiToken | None:
    """Revoke by id or prefix at once; None when there is no such token."""
    row = api_tokens.revoke(session, ref=ref, now=now)
    if row is not None and row.revoked_at == now:
        audit.record(session, actor=by, action="token.revoke", target=row.prefix, now=now)
    return row


def state(row: ApiToken, now: datetime) -> str:
    """active, expired or revoked."""
    if row.revoked_at:
        return "revoked"
    if row.expires_at and row.expires_at <= now:
        return "expired"
    return "active"
