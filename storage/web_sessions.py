"""Ended web chat sessions: a cookie named here never resumes its conversation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from storage.models import EndedWebSession
from storage.upserts import insert_for


def end_session(session: Session, *, visitor_id: str, now: datetime) -> None:
    statement = insert_for(session, EndedWebSession).values(visitor_id=visitor_id, ended_at=now)
    session.execute(statement.on_conflict_do_nothing())


def is_ended(session: Session, *, visitor_id: str) -> bool:
    return session.get(EndedWebSession, visitor_id) is not None


def drop_ended(session: Session, *, before: datetime) -> int:
    """Forget endings older than any cookie could be: such a cookie has expired anyway."""
    result = session.execute(delete(EndedWebSession).where(col(EndedWebSession.ended_at) < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
