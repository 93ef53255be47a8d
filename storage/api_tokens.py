"""Per-person API tokens: issued once, stored as SHA-256 only, checked in constant time, revoked."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlmodel import Session, col

from storage.models import ApiToken

ROLES = ("reviewer", "admin")
# "sk_" + 8 hex (the public prefix, a row's name) + "_" + 43 url-safe characters (256 bits).
TOKEN = re.compile(r"^(sk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$")
TOUCH_EVERY = timedelta(
    minutes=1
)  # last_used_at is kept to the minute: one write, not one per call


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    session: Session,
    *,
    name: str,
    role: str,
    principal: str | None,
    expires_at: datetime | None,
    created_by: str,
    now: datetime,
) -> tuple[ApiToken, str]:
    """A new token row and the token itself, which exists nowhere else once shown."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    while True:
        prefix = f"sk_{secrets.token_hex(4)}"
        if (
            session.execute(select(col(ApiToken.id)).where(col(ApiToken.prefix) == prefix)).first()
            is None
        ):
            break
    token = f"{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken(
        prefix=prefix,
        token_hash=digest(token),
        name=name,
        role=role,
        principal=principal,
        created_by=created_by,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    return row, token


def authenticate(session: Session, *, token: str, now: datetime) -> ApiToken | None:
    """The live token row matching `token`, or None (unknown, wrong, revoked or expired)."""
    shape = TOKEN.match(token)
    if shape is None:
        return None
    row = session.execute(
        select(ApiToken).where(col(ApiToken.prefix) == shape.group(1))
    ).scalar_one_or_none()
    if row is None or not hmac.compare_digest(digest(token), row.token_hash):
        return None
    if row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        return None
    return row


def touch(session: Session, *, token_id: int, now: datetime) -> None:
    """Record use, at most once a minute per token."""
    row = session.get(ApiToken, token_id)
    if row is not None and (row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY):
        row.last_used_at = now


def stale(row: ApiToken, now: datetime) -> bool:
    """Whether a use now would update last_used_at (so the caller needs a write at all)."""
    return row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY


def listing(session: Session) -> list[ApiToken]:
    return list(session.execute(select(ApiToken).order_by(col(ApiToken.id))).scalars())


def revoke(session: Session, *, ref: str, now: datetime) -> ApiToken | None:
    """Revoke the token named by id or prefix ("12", "sk_1a2b3c4d"); None when there is none."""
    ref = ref.strip()
    match = [col(ApiToken.prefix) == (ref if ref.startswith("sk_") else f"sk_{ref}")]
    if ref.isdigit() and len(ref) < 10:
        match.append(col(ApiToken.id) == int(ref))
    row = session.execute(select(ApiToken).where(or_(*match))).scalars().first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = now
    return row


def any_live(session: Session, *, now: datetime) -> bool:
    """Whether any token could be used now (the API is off when none and no admin.api_token)."""
    stmt = select(col(ApiToken.id)).where(
        col(ApiToken.revoked_at).is_(None),
        or_(col(ApiToken.expires_at).is_(None), col(ApiToken.expires_at) > now),
    )
    return session.execute(stmt.limit(1)).first() is not None


def actor(row: ApiToken) -> str:
    """How the history names a change made with this token: "api:Nguyễn Văn A (telegram:42)"."""
    person = f"api:{row.name}"
    return f"{person} ({row.principal})" if row.principal else person
