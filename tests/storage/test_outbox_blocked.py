"""A chat that refuses us: its pending messages stop and the person is flagged unreachable,
unless the refusal is recorded after the person wrote to us again (outcomes are recorded
late: they are group-committed, and a chat's task may still hold a message it loaded before
the first refusal). Checked on both backends.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlmodel import Session

from storage import outbox, queries
from storage.db import Database
from storage.models import Identity, Outbox
from storage.types import utcnow

CHAT = "4242"


def _write(db: Database, job):  # type: ignore[no-untyped-def]
    return db.run_write(job)


def _person_writes(db: Database, at) -> int:  # type: ignore[no-untyped-def]
    """What the runner does for one message: clear the flag, store the state, queue a reply."""

    def job(session: Session) -> int:
        identity, _, state = queries.open_conversation(
            session, channel="zalo", user_id=CHAT, chat_id=CHAT, now=at
        )
        identity.unreachable_at = None
        queries.store_state(session, identity_id=identity.id or 0, state=state, now=at)
        outbox.enqueue(
            session,
            channel="zalo",
            chat_id=CHAT,
            identity_id=identity.id,
            payloads=[{"text": f"reply at {at.isoformat()}"}],
            now=at,
        )
        session.flush()
        return int(session.execute(select(Outbox.id).order_by(Outbox.id.desc())).scalars().first())  # type: ignore[attr-defined]

    return int(_write(db, job))


def _notice(db: Database, at) -> int:  # type: ignore[no-untyped-def]
    """A message a job queues (a status notice, a reminder): the person did not write."""

    def job(session: Session) -> int:
        outbox.enqueue(
            session,
            channel="zalo",
            chat_id=CHAT,
            identity_id=None,
            payloads=[{"text": "notice"}],
            now=at,
            priority=1,
        )
        session.flush()
        return int(session.execute(select(Outbox.id).order_by(Outbox.id.desc())).scalars().first())  # type: ignore[attr-defined]

    return int(_write(db, job))


def _refused(db: Database, failed_id: int, at) -> int:  # type: ignore[no-untyped-def]
    return int(
        _write(
            db,
            lambda s: outbox.mark_blocked(
                s, channel="zalo", chat_id=CHAT, now=at, error="blocked", failed_id=failed_id
            ),
        )
    )


def _state(db: Database) -> tuple[dict[int, str], object]:
    with db.session() as session:
        rows = session.execute(select(Outbox)).scalars().all()
        identity = session.execute(select(Identity)).scalars().one()
        return {r.id or 0: r.status for r in rows}, identity.unreachable_at


def test_a_refusal_stops_every_pending_message_and_flags_the_person(db: Database) -> None:
    t0 = utcnow()
    first = _person_writes(db, t0)
    second = _notice(db, t0 + timedelta(seconds=1))  # a job's notice, queued before the refusal
    assert _refused(db, first, t0 + timedelta(seconds=2)) == 2
    statuses, unreachable = _state(db)
    assert statuses == {first: "blocked", second: "blocked"}
    assert unreachable is not None


def test_a_refusal_recorded_after_the_person_wrote_again_stops_only_its_message(
    db: Database,
) -> None:
    t0 = utcnow()
    stale = _person_writes(db, t0)
    # The person unblocks us and writes again before the refusal of `stale` is recorded.
    fresh = _person_writes(db, t0 + timedelta(seconds=5))
    assert _refused(db, stale, t0 + timedelta(seconds=6)) == 1
    statuses, unreachable = _state(db)
    assert statuses == {stale: "blocked", fresh: "pending"}  # the new reply still goes
    assert unreachable is None  # they can be reached: they just wrote
