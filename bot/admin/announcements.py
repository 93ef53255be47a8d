"""Announcements: create (text, audience, time) and cancel, with the same rules everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.admin import clean
from bot.broadcast import render, rules
from bot.dialogue.matching import fold
from bot.errors import AdminRefused
from bot.messages import nfc
from storage import audit, broadcasts
from storage.broadcast_audience import audience
from storage.models import Broadcast


def create(
    session: Session,
    *,
    text: str,
    agencies: Sequence[str],
    channels: Sequence[str],
    send_at: datetime | None,
    by: str,
    now: datetime,
    attachment_path: str | None = None,
    attachment_kind: str | None = None,
) -> Broadcast:
    """A scheduled announcement (now when `send_at` is absent or past). Agencies narrow the
    audience to those units; channels to those platforms; empty means everyone."""
    problems = rules.check(text, channels)
    if send_at is not None and send_at.tzinfo is None:
        problems.append(
            ("send_at_zone", "send_at needs a time zone, e.g. 2026-12-01T08:00:00+07:00")
        )
    if problems:
        code, key = problems[0][0], "channel" if problems[0][0] == "channels" else "text"
        message = "; ".join(m for _c, m in problems)
        raise AdminRefused(code, key, message, length=len(text), limit=render.MAX_TEXT)
    units = list(dict.fromkeys(u for u in (clean(a) for a in agencies) if u))
    created = broadcasts.create(
        session,
        text=nfc(text),
        agencies=units,
        channels=list(dict.fromkeys(channels)),
        send_at=max(send_at or now, now),
        created_by=by[:80],
        now=now,
        attachment_path=attachment_path,
        attachment_kind=attachment_kind,
    )
    audit.record(
        session,
        actor=by,
        action="broadcast.create",
        target=str(created.id),
        now=now,
        detail={
            "agencies": units,
            "channels": created.channels,
            "send_at": created.send_at.isoformat(),
        },
    )
    return created


def expected(session: Session, broadcast: Broadcast) -> int:
    """How many people a scheduled announcement would reach if it started now (the same
    audience rule as at its start: consented, subscribed, reachable, in its units and channels)."""
    people = audience(session, agencies=broadcast.agencies, channels=broadcast.channels, fold=fold)
    return sum(1 for person in people if person.status == "pending")


def cancel(session: Session, *, broadcast_id: int, by: str, now: datetime) -> Broadcast | None:
    """Stop sending the rest; None when there is no such announcement. One already done or
    cancelled comes back unchanged (its status says so)."""
    found = broadcasts.cancel(session, broadcast_id=broadcast_id, now=now)
    if found is not None and found.status == "cancelled" and found.cancelled_at == now:
        audit.record(
            session, actor=by, action="broadcast.cancel", target=str(broadcast_id), now=now
        )
    return found
