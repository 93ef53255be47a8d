"""Digest batches: claim unsent entries exactly once, track deliveries, settle outcomes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, func, insert, literal, select, update
from sqlmodel import Session, col

from storage.models import (
    DigestBatch,
    DigestDelivery,
    DigestItem,
    Outbox,
    StatusChange,
    Submission,
)
from storage.upserts import insert_for

REF_PREFIX = "digest:"
FINAL_FAILURES = ("failed", "blocked")


def claim_batch(session: Session, *, now: datetime) -> tuple[DigestBatch, list[Submission]] | None:
    """A new batch of every submitted entry that is in no batch yet; None when there is none.

    The digest_item primary key decides races: a concurrent claim waits on our uncommitted
    rows and then skips them (ON CONFLICT DO NOTHING), so an entry joins exactly one batch.
    """
    batch = DigestBatch(status="pending", created_at=now)
    session.add(batch)
    session.flush()
    unbatched = (
        select(col(Submission.id), literal(batch.id))
        .where(
            col(Submission.submitted_at).is_not(None),
            ~exists().where(col(DigestItem.submission_id) == col(Submission.id)),
        )
        .order_by(col(Submission.id))
    )
    stmt = (
        insert_for(session, DigestItem)
        .from_select(["submission_id", "batch_id"], unbatched)
        .on_conflict_do_nothing(index_elements=["submission_id"])
    )
    session.execute(stmt)
    entries = batch_entries(session, batch_id=batch.id or 0)
    if not entries:
        session.delete(batch)
        return None
    return batch, entries


def batch_entries(session: Session, *, batch_id: int) -> list[Submission]:
    stmt = (
        select(Submission)
        .join(DigestItem, col(DigestItem.submission_id) == col(Submission.id))
        .where(col(DigestItem.batch_id) == batch_id)
        .order_by(col(Submission.id))
    )
    return list(session.execute(stmt).scalars())


def add_delivery(session: Session, *, batch_id: int, recipient: str, now: datetime) -> int:
    delivery = DigestDelivery(batch_id=batch_id, recipient=recipient, created_at=now)
    session.add(delivery)
    session.flush()
    return delivery.id or 0


def delivery_ref(delivery_id: int) -> str:
    return f"{REF_PREFIX}{delivery_id}"


def delivery_of(ref: str | None) -> int | None:
    if not ref or not ref.startswith(REF_PREFIX):
        return None
    tail = ref[len(REF_PREFIX) :]
    return int(tail) if tail.isdigit() else None


def mark_delivered(session: Session, *, delivery_id: int, now: datetime) -> DigestBatch | None:
    """Record that one recipient got all its messages when that is so; return the batch
    when this completed it (every recipient served), else None. Safe to call repeatedly."""
    delivery = session.get(DigestDelivery, delivery_id)
    if delivery is None:
        return None
    # The batch row lock serialises the last two deliveries finishing at the same moment.
    batch = _lock_batch(session, batch_id=delivery.batch_id)
    if batch is None or batch.status == "delivered":
        return None
    if delivery.status != "sent" and _unsent(session, delivery_id) == 0:
        delivery.status, delivery.sent_at = "sent", now
        session.flush()
    open_deliveries = session.execute(
        select(func.count())
        .select_from(DigestDelivery)
        .where(col(DigestDelivery.batch_id) == batch.id, col(DigestDelivery.status) != "sent")
    ).scalar_one()
    if open_deliveries:
        return None
    batch.status, batch.delivered_at = "delivered", now
    return batch


def _unsent(session: Session, delivery_id: int) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(Outbox)
            .where(col(Outbox.ref) == delivery_ref(delivery_id), col(Outbox.status) != "sent")
        ).scalar_one()
    )


def _lock_batch(session: Session, *, batch_id: int) -> DigestBatch | None:
    stmt = select(DigestBatch).where(col(DigestBatch.id) == batch_id).with_for_update()
    session.expire_all()
    return session.execute(stmt).scalars().first()


def open_deliveries(session: Session) -> list[DigestDelivery]:
    """Deliveries not yet complete, of batches not yet delivered."""
    stmt = (
        select(DigestDelivery)
        .join(DigestBatch, col(DigestBatch.id) == col(DigestDelivery.batch_id))
        .where(col(DigestBatch.status) != "delivered", col(DigestDelivery.status) != "sent")
        .order_by(col(DigestDelivery.id))
    )
    return list(session.execute(stmt).scalars())


def flag_failed(session: Session, *, delivery: DigestDelivery) -> bool:
    """Mark a delivery failed when one of its messages was given up on; True if it was."""
    failed = session.execute(
        select(func.count())
        .select_from(Outbox)
        .where(
            col(Outbox.ref) == delivery_ref(delivery.id or 0),
            col(Outbox.status).in_(FINAL_FAILURES),
        )
    ).scalar_one()
    if failed and delivery.status != "failed":
        delivery.status = "failed"
    return bool(failed)


def retry_failed(session: Session, *, now: datetime) -> int:
    """Queue again the digest messages given up on (sent ones stay sent: no duplicates)."""
    result = session.execute(
        update(Outbox)
        .where(col(Outbox.ref).like(f"{REF_PREFIX}%"), col(Outbox.status).in_(FINAL_FAILURES))
        .values(status="pending", attempts=0, next_attempt_at=now)
    )
    session.execute(
        update(DigestDelivery)
        .where(col(DigestDelivery.status) == "failed")
        .values(status="pending")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def deliveries(session: Session, *, batch_id: int) -> list[DigestDelivery]:
    stmt = (
        select(DigestDelivery)
        .where(col(DigestDelivery.batch_id) == batch_id)
        .order_by(col(DigestDelivery.id))
    )
    return list(session.execute(stmt).scalars())


def forward_batch(session: Session, *, batch_id: int, by: str, now: datetime) -> list[Submission]:
    """Entries of the batch still «submitted» become «forwarded», with history, in bulk.

    One UPDATE … RETURNING rather than a lock per entry: a big batch settles in the
    sender's transaction without holding the database for long. Entries a reviewer
    already acted on keep their status.
    """
    in_batch = select(col(DigestItem.submission_id)).where(col(DigestItem.batch_id) == batch_id)
    stmt = (
        update(Submission)
        .where(col(Submission.id).in_(in_batch), col(Submission.status) == "submitted")
        .values(status="forwarded", updated_at=now)
        .returning(Submission)
    )
    moved = list(session.execute(stmt).scalars())
    if moved:
        rows = [
            {"submission_id": s.id, "status": "forwarded", "at": now, "by": by, "note": None}
            for s in moved
        ]
        session.execute(insert(StatusChange), rows)
    return moved
