"""The announcement sender wired to the settings (server and `sangkien broadcast send`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.broadcast.broadcaster import Broadcaster
from bot.broadcast.delivery import Documents
from bot.broadcast.hook import BroadcastHook
from bot.channels.base import Channel
from bot.pacing import Pacer
from scheduler.quiet import QuietHours
from storage.db import Database
from webhook.config import Settings
from webhook.downloads import public_base


def quiet_hours(settings: Settings) -> QuietHours | None:
    return QuietHours.parse(settings.scheduler.quiet_hours, ZoneInfo(settings.scheduler.timezone))


def build_broadcaster(
    settings: Settings,
    *,
    db: Database,
    channels: Mapping[str, Channel],
    pacers: Mapping[str, Pacer],
    secret: str,
    on_report: Callable[[], None] = lambda: None,
) -> Broadcaster:
    server = settings.server
    documents = Documents(
        data_dir=Path(server.data_dir),
        secret=secret,
        public_base=public_base(None, server.public_url, server.host, server.port),
    )
    return Broadcaster(
        db=db,
        channels=channels,
        pacers=pacers,
        quiet=quiet_hours(settings),
        documents=documents,
        on_report=on_report,
    )


def broadcast_hook(settings: Settings, wake: Callable[[], None]) -> BroadcastHook:
    """The chat side (/thongbao, «Đã đọc», /tatthongbao): a pre-step plus effect handlers."""
    return BroadcastHook(
        admins=settings.roles.admins,
        quiet=quiet_hours(settings),
        quiet_spec=settings.scheduler.quiet_hours,
        on_created=wake,
    )
