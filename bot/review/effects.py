"""Effects of reviewing, applied by the runner inside the update's transaction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChangeStatus:
    """Move an entry to `status` (checked again under the row lock) and tell its author."""

    code: str
    status: str
    note: str | None = None
