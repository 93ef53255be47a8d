"""Announcement queries: create, start (audience → delivery rows), claim, outcomes, counts.

At most once per person: a delivery row is claimed (status "sending", committed) before
its message goes out, and only an outcome moves it on. Rows a dead sender left "sending"
become "uncertain" (`recover`) and are never sent again: the message may or may not
have reached the platform, and a second copy is worse than a missing one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session, col

from storage.broadcast_audience import audience
from storage.models import Broadcast, BroadcastDelivery, Identity
from storage.upserts import insert_for

ACTIVE = ("pending", "sending")
STATES = (
    "pending",
    "sending",
    "sent",
    "failed",
    "unreachable",
    "opted_out",
    "cancelled",
    "uncertain",
)
_CLAIMED = ("sending", "uncertain")  # an outcome that turns up late still counts


def create(
    session: Session,
    *,
    text: str,
    agencies: Sequence[str],
    channels: Sequence[str],
    send_at: datetime,
    created_by: str,
    now: datetime,
    attachment_path: str | None = None,
    attachment_kind: str | None = None,
) -> Broadcast:
    broadcast = Broadcast(
        text=text,
        agencies=list(agencies),
        channels=list(channels),
        send_at=send_at,
        created_by=created_by,
        created_at=now,
        attachment_path=attachment_path,
        attachment_kind=attachment_kind,
    )
    session.add(broadcast)
    session.flush()
    return broadcast


def get(session: Session, *, broadcast_id: int) -> Broadcast | None:
    return session.get(Broadcast, broadcast_id)


def recent(session: Session, *, limit: int = 30) -> list[Broadcast]:
    """The newest announcements first (the desk's list)."""
    stmt = select(Broadcast).order_by(col(Broadcast.id).desc()).limit(limit)
    return list(session.execute(stmt).scalars())


def lock(session: Session, *, broadcast_id: int) -> Broadcast | None:
    stmt = select(Broadcast).where(col(Broadcast.id) == broadcast_id).with_for_update()
    return session.execute(stmt).scalars().first()


def due(session: Session, *, now: datetime) -> list[int]:
    """Announcements to start now (scheduled, send_at reached)."""
    stmt = select(col(Broadcast.id)).where(
        col(Broadcast.status) == "scheduled", col(Broadcast.send_at) <= now
    )
    return [int(i) for i in session.execute(stmt.order_by(col(Broadcast.id))).scalars()]


def sending(session: Session) -> list[Broadcast]:
    stmt = select(Broadcast).where(col(Broadcast.status) == "sending").order_by(col(Broadcast.id))
    return list(session.execute(stmt).scalars())


def start(session: Session, *, broadcast_id: int, now: datetime, fold: Callable[[str], str]) -> int:
    """Write one delivery row per person of the audience and mark the announcement sending.
    Under the announcement's row lock and with the unique key: two starters add nothing twice."""
    broadcast = lock(session, broadcast_id=broadcast_id)
    if broadcast is None or broadcast.status != "scheduled":
        return 0
    rows = [
        {
            "broadcast_id": broadcast_id,
            "person_id": r.person_id,
            "identity_id": r.identity_id,
            "channel": r.channel,
            "chat_id": r.chat_id,
            "status": r.status,
            "attempts": 0,
            "next_attempt_at": now,
        }
        for r in audience(
            session, agencies=broadcast.agencies, channels=broadcast.channels, fold=fold
        )
    ]
    for chunk in range(0, len(rows), 500):
        stmt = insert_for(session, BroadcastDelivery).values(rows[chunk : chunk + 500])
        session.execute(stmt.on_conflict_do_nothing(index_elements=["broadcast_id", "person_id"]))
    broadcast.status, broadcast.started_at = "sending", now
    return len(rows)


def claim(
    session: Session, *, broadcast_id: int, channel: str, now: datetime, limit: int = 1
) -> list[BroadcastDelivery]:
    """Take up to `limit` due rows for sending. The caller commits before sending anything;
    SKIP LOCKED (PostgreSQL) and BEGIN IMMEDIATE (SQLite) keep two senders off one row."""
    pick = (
        select(col(BroadcastDelivery.id))
        .where(
            col(BroadcastDelivery.broadcast_id) == broadcast_id,
            col(BroadcastDelivery.channel) == channel,
            col(BroadcastDelivery.status) == "pending",
            col(BroadcastDelivery.next_attempt_at) <= now,
        )
        .order_by(col(BroadcastDelivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    # Two statements on purpose: PostgreSQL may re-run a LIMIT subquery inside UPDATE … IN
    # and claim far more rows than asked for.
    ids = list(session.execute(pick).scalars())
    if not ids:
        return []
    stmt = (
        update(BroadcastDelivery)
        .where(col(BroadcastDelivery.id).in_(ids), col(BroadcastDelivery.status) == "pending")
        .values(status="sending", next_attempt_at=now)
        .returning(BroadcastDelivery)
    )
    return list(session.execute(stmt, execution_options={"synchronize_session": False}).scalars())


def record(session: Session, *, delivery_id: int, **values: Any) -> bool:
    """Move a claimed row on (sent, failed, back to pending…); False if it was not claimed."""
    if "last_error" in values and values["last_error"]:
        values["last_error"] = str(values["last_error"])[:500]
    stmt = (
        update(BroadcastDelivery)
        .where(
            col(BroadcastDelivery.id) == delivery_id, col(BroadcastDelivery.status).in_(_CLAIMED)
        )
        .values(**values)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def mark_unreachable(
    session: Session, *, delivery: BroadcastDelivery, now: datetime, error: str
) -> None:
    """403: this person's identity is flagged, so nothing else is sent to it until they write."""
    record(session, delivery_id=delivery.id or 0, status="unreachable", last_error=error)
    session.execute(
        update(Identity).where(col(Identity.id) == delivery.identity_id).values(unreachable_at=now)
    )


def recover(session: Session, *, claimed_before: datetime) -> int:
    """Rows a dead sender left "sending" become "uncertain": never sent again (see above)."""
    stmt = (
        update(BroadcastDelivery)
        .where(
            col(BroadcastDelivery.status) == "sending",
            col(BroadcastDelivery.next_attempt_at) < claimed_before,
        )
        .values(status="uncertain", last_error="the sender stopped during the send")
    )
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def next_retry(session: Session, *, broadcast_id: int) -> datetime | None:
    stmt = select(func.min(col(BroadcastDelivery.next_attempt_at))).where(
        col(BroadcastDelivery.broadcast_id) == broadcast_id,
        col(BroadcastDelivery.status) == "pending",
    )
    return session.execute(stmt).scalar()


def channels_pending(session: Session, *, broadcast_id: int) -> list[str]:
    stmt = (
        select(col(BroadcastDelivery.channel))
        .where(
            col(BroadcastDelivery.broadcast_id) == broadcast_id,
            col(BroadcastDelivery.status) == "pending",
        )
        .distinct()
    )
    return sorted(str(c) for c in session.execute(stmt).scalars())


def counts(session: Session, *, broadcast_id: int) -> dict[str, int]:
    """Deliveries by state (every state present, zeros included) plus "read" and "total"."""
    stmt = (
        select(col(BroadcastDelivery.status), func.count())
        .where(col(BroadcastDelivery.broadcast_id) == broadcast_id)
        .group_by(col(BroadcastDelivery.status))
    )
    found = {str(status): int(n) for status, n in session.execute(stmt)}
    result = {state: found.get(state, 0) for state in STATES}
    read = select(func.count()).where(
        col(BroadcastDelivery.broadcast_id) == broadcast_id,
        col(BroadcastDelivery.read_at).is_not(None),
    )
    result["read"] = int(session.execute(read).scalar() or 0)
    result["total"] = sum(found.values())
    return result


def finish_if_done(session: Session, *, broadcast_id: int, now: datetime) -> Broadcast | None:
    """The announcement, marked done, once no row is pending or sending (else None)."""
    broadcast = lock(session, broadcast_id=broadcast_id)
    if broadcast is None or broadcast.status != "sending":
        return None
    left = select(func.count()).where(
        col(BroadcastDelivery.broadcast_id) == broadcast_id,
        col(BroadcastDelivery.status).in_(ACTIVE),
    )
    if session.execute(left).scalar():
        return None
    broadcast.status, broadcast.finished_at = "done", now
    return broadcast


def cancel(session: Session, *, broadcast_id: int, now: datetime) -> Broadcast | None:
    """Stop it: nothing more is claimed; a message already in flight still finishes."""
    broadcast = lock(session, broadcast_id=broadcast_id)
    if broadcast is None or broadcast.status not in ("scheduled", "sending"):
        return broadcast
    broadcast.status, broadcast.cancelled_at = "cancelled", now
    session.execute(
        update(BroadcastDelivery)
        .where(
            col(BroadcastDelivery.broadcast_id) == broadcast_id,
            col(BroadcastDelivery.status) == "pending",
        )
        .values(status="cancelled")
    )
    return broadcast


def mark_read(
    session: Session, *, person_id: int, now: datetime, broadcast_id: int | None = None
) -> int | None:
    """The person read an announcement (that one, or the latest sent to them); its id."""
    stmt = (
        select(BroadcastDelivery)
        .where(
            col(BroadcastDelivery.person_id) == person_id, col(BroadcastDelivery.status) == "sent"
        )
        .order_by(col(BroadcastDelivery.sent_at).desc(), col(BroadcastDelivery.id).desc())
    )
    if broadcast_id is not None:
        stmt = stmt.where(col(BroadcastDelivery.broadcast_id) == broadcast_id)
    delivery = session.execute(stmt.limit(1)).scalars().first()
    if delivery is None:
        return None
    if delivery.read_at is None:
        delivery.read_at = now
    return delivery.broadcast_id


def set_attachment(session: Session, *, broadcast_id: int, path: str | None) -> None:
    session.execute(
        update(Broadcast).where(col(Broadcast.id) == broadcast_id).values(attachment_path=path)
    )
