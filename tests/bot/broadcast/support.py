"""Announcement test helpers: a broadcaster on real channel adapters against the fakes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from bot.broadcast.broadcaster import Broadcaster
from bot.channels.base import Channel
from bot.pacing import Pacer
from storage import broadcasts
from storage.db import Database
from storage.types import utcnow


def create(
    db: Database,
    *,
    text: str = "Lớp tập huấn viết sáng kiến ngày 12/12 tại Sở KH&CN.",
    agencies: Sequence[str] = (),
    channels: Sequence[str] = (),
    send_at: datetime | None = None,
    created_by: str = "api",
) -> int:
    now = utcnow()
    with db.write() as session:
        found = broadcasts.create(
            session,
            text=text,
            agencies=agencies,
            channels=channels,
            send_at=send_at or now,
            created_by=created_by,
            now=now,
        )
        return found.id or 0


def counts(db: Database, broadcast_id: int) -> dict[str, int]:
    with db.session() as session:
        return broadcasts.counts(session, broadcast_id=broadcast_id)


def broadcaster(
    db: Database,
    channels: Mapping[str, Channel],
    *,
    rate: float = 2000.0,
    concurrency: int = 16,
    pacers: Mapping[str, Pacer] | None = None,
) -> Broadcaster:
    """Fast pacing unless the test is about pacing; retries after 50 ms, not seconds."""
    return Broadcaster(
        db=db,
        channels=channels,
        pacers=pacers if pacers is not None else {n: Pacer(per_second=rate) for n in channels},
        concurrency=concurrency,
        poll=0.1,
        backoff=lambda attempts: timedelta(milliseconds=50),
    )
