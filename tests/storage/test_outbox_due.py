"""What the sender is offered: due rows in order, without the chats it is busy with."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from storage import outbox
from storage.db import Database
from storage.types import utcnow


def _queue(db: Database, chat: str, count: int, *, priority: int = 0) -> None:
    now = utcnow() - timedelta(seconds=1)

    def job(session: Session) -> None:
        outbox.enqueue(
            session,
            channel="telegram",
            chat_id=chat,
            identity_id=None,
            payloads=[{"text": f"{chat} {n}"} for n in range(count)],
            now=now,
            priority=priority,
        )

    db.run_write(job)


def _due(db: Database, **kwargs):  # type: ignore[no-untyped-def]
    with db.session() as session:
        return [(r.chat_id, r.payload["text"]) for r in outbox.due(session, now=utcnow(), **kwargs)]


def test_a_busy_chat_is_skipped_and_does_not_hide_the_chats_behind_it(db: Database) -> None:
    _queue(db, "busy", 300, priority=1)  # a flood of bulk messages queued first
    _queue(db, "a", 2)
    _queue(db, "b", 1, priority=1)
    # Without skipping, the limit is filled by the busy chat's rows.
    assert {chat for chat, _ in _due(db, limit=200)} == {"a", "busy"}
    found = _due(db, limit=200, skip=lambda _id, _channel, chat: chat == "busy")
    assert found == [("a", "a 0"), ("a", "a 1"), ("b", "b 0")]  # replies first, each in order


def test_skipped_ids_are_left_out_and_the_limit_counts_what_is_kept(db: Database) -> None:
    _queue(db, "a", 5)
    with db.session() as session:
        first = outbox.due(session, now=utcnow())[0].id
    found = _due(db, limit=2, skip=lambda row_id, _channel, _chat: row_id == first)
    assert found == [("a", "a 1"), ("a", "a 2")]
