"""What makes an announcement acceptable, and when it really starts (quiet hours)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.broadcast.render import MAX_TEXT
from scheduler.quiet import QuietHours

CHANNELS = ("telegram", "zalo", "web")


def check(text: str, channels: Sequence[str]) -> list[tuple[str, str]]:
    """Why the announcement cannot be accepted: (code, English message) pairs; the code
    lets the desk say it in Vietnamese, the message is the API's and the CLI's."""
    found = []
    if not text.strip():
        found.append(("text_empty", "text is empty"))
    if len(text) > MAX_TEXT:
        found.append(("text_long", f"text is longer than {MAX_TEXT} characters ({len(text)})"))
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        found.append(("channels", f"unknown channels {unknown}; use {list(CHANNELS)}"))
    return found


def problems(text: str, channels: Sequence[str]) -> list[str]:
    """Why the announcement cannot be accepted (English: for the API and the CLI)."""
    return [message for _code, message in check(text, channels)]


def starts_at(send_at: datetime, quiet: QuietHours | None) -> datetime:
    """A time inside quiet hours waits for the first allowed minute after them."""
    return send_at if quiet is None else quiet.next_allowed(send_at)
