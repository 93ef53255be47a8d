"""Outbox queries: enqueue replies, find what is due per chat in order, record outcomes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.models import Identity, Outbox


def enqueue(
    session: Session,
    *,
    channel: str,
    chat_id: str,
    identity_id: int | None,
    payloads: list[dict[str, Any]],
    now: datetime,
    priority: int = 0,
    ref: str | None = None,
) -> None:
    for payload in payloads:
        session.add(
            Outbox(
                channel=channel,
                chat_id=chat_id,
                identity_id=identity_id,
                payload=payload,
                priority=priority,
                ref=ref,
                next_attempt_at=now,
                created_at=now,
            )
        )


def due(session: Session, *, now: datetime, limit: int = 200) -> list[Outbox]:
    """Pending messages that may go now, never overtaking an earlier one of the same chat."""
    earlier = aliased(Outbox)
    blocked_behind = exists().where(
        and_(
            col(earlier.channel) == col(Outbox.channel),
            col(earlier.chat_id) == col(Outbox.chat_id),
            col(earlier.status) == "pending",
            col(earlier.id) < col(Outbox.id),
            col(earlier.next_attempt_at) > now,
        )
    )
    stmt = (
        select(Outbox)
        .where(
            col(Outbox.status) == "pending", col(Outbox.next_attempt_at) <= now, ~blocked_behind
        )
        .order_by(col(Outbox.priority), col(Outbox.id))
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


def mark_sent(session: Session, *, outbox_id: int, now: datetime) -> None:
    session.execute(
        update(Outbox)
        .where(Outbox.id == outbox_id)  # type: ignore[arg-type]
        .values(status="sent", sent_at=now, attempts=Outbox.attempts + 1)
    )


def mark_retry(
    session: Session, *, outbox_id: int, at: datetime, error: str, count_attempt: bool = True
) -> None:
    values: dict[str, Any] = {"next_attempt_at": at, "last_error": error[:500]}
    if count_attempt:
        values["attempts"] = Outbox.attempts + 1
    session.execute(update(Outbox).where(Outbox.id == outbox_id).values(**values))  # type: ignore[arg-type]


def mark_failed(session: Session, *, outbox_id: int, error: str) -> None:
    session.execute(
        update(Outbox)
        .where(Outbox.id == outbox_id)  # type: ignore[arg-type]
        .values(status="failed", last_error=error[:500], attempts=Outbox.attempts + 1)
    )


def mark_blocked(
    session: Session,
    *,
    channel: str,
    chat_id: str,
    now: datetime,
    error: str,
    up_to_id: int | None = None,
) -> int:
    """The chat is unreachable: stop every pending message to it and flag the identity.

    With `up_to_id`, only messages queued up to the one that failed are stopped: an outcome
    recorded late (outcomes are group-committed) must not swallow a reply queued after the
    person wrote again.
    """
    session.execute(
        update(Identity)
        .where(Identity.channel == channel, Identity.chat_id == chat_id)  # type: ignore[arg-type]
        .values(unreachable_at=now)
    )
    result = session.execute(
        update(Outbox)
        .where(
            Outbox.channel == channel,  # type: ignore[arg-type]
            Outbox.chat_id == chat_id,  # type: ignore[arg-type]
            Outbox.status == "pending",  # type: ignore[arg-type]
            *([col(Outbox.id) <= up_to_id] if up_to_id is not None else []),
        )
        .values(status="blocked", last_error=error[:500])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(col(Outbox.status), func.count()).group_by(col(Outbox.status))
    )
    return {status: int(n) for status, n in rows}


def retry_delay(attempts: int) -> timedelta:
    """Back-off after a transient failure: 2, 4, 8 … seconds, at most five minutes."""
    return timedelta(seconds=min(2 ** max(attempts, 1), 300))
