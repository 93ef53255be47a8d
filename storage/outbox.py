"""Outbox queries: enqueue replies, find what is due per chat in order, record outcomes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, insert, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.models import Conversation, Identity, Outbox
from storage.upserts import Prepared, table_of

_TABLE = table_of(Outbox)
_ENQUEUE = Prepared(lambda _: insert(_TABLE))
_SENT = Prepared(
    lambda _: (
        update(_TABLE)
        .where(_TABLE.c.id == bindparam("outbox_id"))
        .values(status="sent", sent_at=bindparam("sent_at"), attempts=_TABLE.c.attempts + 1)
    )
)


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
    """Queue the messages in order (ids ascend in list order: the sender keeps that order)."""
    if not payloads:
        return
    rows = [
        {
            "channel": channel,
            "chat_id": chat_id,
            "identity_id": identity_id,
            "payload": payload,
            "priority": priority,
            "next_attempt_at": now,
            "created_at": now,
            "ref": ref,
        }  # status, attempts: the model's defaults (pending, 0)
        for payload in payloads
    ]
    _ENQUEUE.run(session, rows)


def due(
    session: Session,
    *,
    now: datetime,
    limit: int = 200,
    skip: Callable[[int, str, str], bool] | None = None,
    look: int = 1000,
) -> list[Outbox]:
    """Pending messages that may go now, never overtaking an earlier one of the same chat.

    `skip(id, channel, chat_id)` leaves out rows the caller is busy with (a chat being sent
    to, an outcome just stored). It is asked on a light first look at up to `look` rows (ids
    and chats only), and only the rows kept are loaded whole: under a crowd most due rows
    belong to chats already being sent to, and loading those whole on every look cost the
    server more than its replies' database work.
    """
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
    heads = (
        select(col(Outbox.id), col(Outbox.channel), col(Outbox.chat_id))
        .where(col(Outbox.status) == "pending", col(Outbox.next_attempt_at) <= now, ~blocked_behind)
        .order_by(col(Outbox.priority), col(Outbox.id))
        .limit(look if skip is not None else limit)
    )
    ids = [
        row_id
        for row_id, channel, chat_id in session.execute(heads)
        if skip is None or not skip(row_id, channel, chat_id)
    ][:limit]
    if not ids:
        return []
    # Still pending: between the two reads an erasure or a refusal may have stopped a row.
    stmt = (
        select(Outbox)
        .where(col(Outbox.id).in_(ids), col(Outbox.status) == "pending")
        .order_by(col(Outbox.priority), col(Outbox.id))
    )
    return list(session.execute(stmt).scalars())


def mark_sent(session: Session, *, outbox_id: int, now: datetime) -> None:
    _SENT.run(session, {"outbox_id": outbox_id, "sent_at": now})


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
    failed_id: int | None = None,
) -> int:
    """The chat is unreachable: stop every pending message to it and flag the identity.

    With `failed_id` (the message the platform refused), an outcome that comes too late is
    not trusted: if the person has written to us since that message was queued, they have
    unblocked us (the runner cleared the flag), so only that message is stopped and what was
    queued since still goes. Outcomes are group-committed, and a chat's task may still hold
    a message loaded before the first refusal, so a refusal can be recorded after the person
    wrote again.
    """
    last_error = error[:500]
    if failed_id is not None and _wrote_since_queued(session, channel, chat_id, failed_id):
        result = session.execute(
            update(Outbox)
            .where(col(Outbox.id) == failed_id, col(Outbox.status) == "pending")
            .values(status="blocked", last_error=last_error)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
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
        )
        .values(status="blocked", last_error=last_error)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def _wrote_since_queued(session: Session, channel: str, chat_id: str, outbox_id: int) -> bool:
    # Conversation.updated_at is the time of the person's last message (their own updates
    # write it; so does, rarely, a link request naming them, and then a refusal stops only
    # its own message), Outbox.created_at the time the refused message was queued.
    queued = select(col(Outbox.created_at)).where(col(Outbox.id) == outbox_id).scalar_subquery()
    stmt = (
        select(col(Conversation.identity_id))
        .join(Identity, col(Identity.id) == col(Conversation.identity_id))
        .where(
            col(Identity.channel) == channel,
            col(Identity.chat_id) == chat_id,
            col(Conversation.updated_at) > queued,
        )
        .limit(1)
    )
    return session.execute(stmt).first() is not None


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(col(Outbox.status), func.count()).group_by(col(Outbox.status)))
    return {status: int(n) for status, n in rows}


def retry_delay(attempts: int) -> timedelta:
    """Back-off after a transient failure: 2, 4, 8 … seconds, at most five minutes."""
    return timedelta(seconds=min(2 ** max(attempts, 1), 300))
