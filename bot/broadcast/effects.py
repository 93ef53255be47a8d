"""Effects of /thongbao, applied by the runner inside the update's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PreviewBroadcast:
    """Count who would receive it; the runner then calls compose.preview with the counts."""

    agencies: tuple[str, ...]
    channels: tuple[str, ...]


@dataclass(frozen=True)
class CreateBroadcast:
    """The admin confirmed: store the announcement (send_at None means now)."""

    text: str
    agencies: tuple[str, ...]
    channels: tuple[str, ...]
    send_at: datetime | None
    attachment: dict[str, Any] | None = None
