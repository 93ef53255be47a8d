"""Quiet hours ("21:00-07:00", local time): reminders and digests wait for the end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuietHours:
    """A window of local time, possibly across midnight; empty config means never quiet."""

    start: time
    end: time
    tz: ZoneInfo

    @classmethod
    def parse(cls, spec: str, tz: ZoneInfo) -> QuietHours | None:
        if not spec:
            return None
        start, end = (time.fromisoformat(part) for part in spec.split("-"))
        return None if start == end else cls(start, end, tz)

    def is_quiet(self, now: datetime) -> bool:
        local = now.astimezone(self.tz).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # across midnight

    def next_allowed(self, now: datetime) -> datetime:
        """`now` when not quiet, else the first minute after the window (aware, UTC-based)."""
        if not self.is_quiet(now):
            return now
        local = now.astimezone(self.tz)
        end = local.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        if end <= local:
            end += timedelta(days=1)
        return end.astimezone(now.tzinfo)
