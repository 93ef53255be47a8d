"""Desk sign-in: one-time links and browser sessions, both kept only as SHA-256 of the token."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlmodel import Session, col

from storage.models import DeskSession, Outbox, SignInLink

TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at kept to the minute: one write, not one per page


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """256 bits from the OS's CSPRNG, URL-safe."""
    return secrets.token_urlsafe(32)


def issue_link(session: Session, *, principal: str, now: datetime, ttl: timedelta) -> str:
    """A new sign-in link's token (shown once; only its hash is stored)."""
    token = new_token()
    session.add(
        SignInLink(
            token_hash=digest(token), principal=principal, created_at=now, expires_at=now + ttl
        )
    )
    session.flush()
    return token


def take_link(session: Session, *, token: str, now: datetime) -> str | None:
    """The principal of a live, unused link, marking it used in the same statement (so two
    concurrent openings cannot both succeed); None for an unknown, used or expired link."""
    if not token or len(token) > 100:
        return None
    hashed = digest(token)
    used = session.execute(
        update(SignInLink)
        .where(
            col(SignInLink.token_hash) == hashed,
            col(SignInLink.used_at).is_(None),
            col(SignInLink.expires_at) > now,
        )
        .values(used_at=now)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        return None
    row = session.execute(
        select(col(SignInLink.principal)).where(col(SignInLink.token_hash) == hashed)
    ).scalar_one()
    return str(row)


def start_session(
    session: Session, *, principal: str, method: str, now: datetime, lifetime: timedelta
) -> str:
    """A new desk session's cookie value (only its hash is stored)."""
    token = new_token()
    session.add(
        DeskSession(
            token_hash=digest(token),
            principal=principal,
            auth_method=method,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def live_session(
    session: Session, *, token: str, now: datetime, idle: timedelta
) -> DeskSession | None:
    """The session the cookie names, unless ended, past its absolute expiry or idle too long."""
    if not token or len(token) > 100:
        return None
    row = session.execute(
        select(DeskSession).where(col(DeskSession.token_hash) == digest(token))
    ).scalar_one_or_none()
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    if now - row.last_seen_at > idle:
        return None
    return row


def touch(session: Session, *, session_id: int, now: datetime) -> None:
    row = session.get(DeskSession, session_id)
    if row is not None and now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now


def stale(row: DeskSession, now: datetime) -> bool:
    """Whether a page now would update last_seen_at (so the caller needs a write at all)."""
    return now - row.last_seen_at >= TOUCH_EVERY


def end_session(session: Session, *, session_id: int, now: datetime) -> None:
    row = session.get(DeskSession, session_id)
    if row is not None and row.ended_at is None:
        row.ended_at = now


def replace_sent_payload(session: Session, *, outbox_id: int, payload: dict[str, Any]) -> None:
    """Keep a sent sign-in message without its code (the sender's row is detached)."""
    session.execute(update(Outbox).where(col(Outbox.id) == outbox_id).values(payload=payload))


def drop_stale(session: Session, *, before: datetime) -> int:
    """Sign-in links and desk sessions that stopped working before `before` (retention)."""
    links = session.execute(
        delete(SignInLink).where(
            or_(col(SignInLink.expires_at) < before, col(SignInLink.used_at) < before)
        )
    )
    sessions = session.execute(
        delete(DeskSession).where(
            or_(col(DeskSession.expires_at) < before, col(DeskSession.ended_at) < before)
        )
    )
    return int(links.rowcount or 0) + int(sessions.rowcount or 0)  # type: ignore[attr-defined]
