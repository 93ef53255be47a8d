"""When a reminder is due, pure: draft delays, deadline windows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta


def parse_delay(value: str) -> timedelta:
    """ "24h" → 24 hours, "3d" → 3 days (config scheduler.draft_reminders)."""
    amount, unit = int(value[:-1]), value[-1]
    return timedelta(hours=amount) if unit == "h" else timedelta(days=amount)


def draft_step(idle_since: datetime, now: datetime, delays: Sequence[timedelta]) -> int | None:
    """Index of the latest reminder whose delay has passed (delays ascending), or None.

    Only the latest is sent: after downtime a draft gets one reminder, not a burst.
    """
    idle = now - idle_since
    passed = [index for index, delay in enumerate(delays) if idle >= delay]
    return passed[-1] if passed else None


def deadline_step(deadline: date, days_before: Sequence[int], today: date) -> int | None:
    """The reminder (N days before) whose window today falls in, or None.

    The window of N runs from N days before to the next smaller N; a day missed while the
    server was down is made up the next day, never after the deadline itself.
    """
    if today > deadline:
        return None
    started = [n for n in days_before if today >= deadline - timedelta(days=n)]
    return min(started) if started else None
