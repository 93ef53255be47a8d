"""The admin actions log: who granted, revoked, created or cancelled what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from storage.models import AdminAction


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    target: str,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    """One line of the log, in the transaction of the change it describes (never a secret)."""
    session.add(
        AdminAction(
            at=now, actor=actor[:80], action=action, target=target[:200], detail=detail or {}
        )
    )


def recent(session: Session, *, limit: int = 50, prefix: str = "") -> list[AdminAction]:
    """The newest actions first; `prefix` narrows to one kind ("role.", "council.", …)."""
    stmt = select(AdminAction).order_by(col(AdminAction.id).desc()).limit(limit)
    if prefix:
        stmt = stmt.where(col(AdminAction.action).startswith(prefix))
    return list(session.execute(stmt).scalars())
