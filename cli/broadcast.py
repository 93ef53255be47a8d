"""`sangkien broadcast send|status|cancel`: announcements from the command line."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime
from typing import Any

import click

from bot.errors import ConfigError
from cli.command import Call, call, say
from cli.progress import Bar
from webhook.config import Settings


def register(root: click.Group) -> None:
    @root.group(
        "broadcast",
        help=say(
            "Gửi, theo dõi hoặc hủy một thông báo.", "Send, follow or cancel an announcement."
        ),
    )
    def broadcast() -> None:
        """The announcement group."""

    @broadcast.command(
        "send",
        help=say(
            "Tạo thông báo (và gửi ngay, có thanh tiến độ).",
            "Create an announcement (and send it now, with a progress bar).",
        ),
    )
    @click.option(
        "--text",
        required=True,
        help=say("nội dung (≤ 1.500 ký tự)", "the announcement (≤ 1,500 characters)"),
    )
    @click.option(
        "--agency",
        multiple=True,
        help=say("chỉ đơn vị này (lặp lại được)", "only this unit (repeatable)"),
    )
    @click.option(
        "--channel",
        multiple=True,
        type=click.Choice(["telegram", "zalo", "web"]),
        help=say("chỉ kênh này (lặp lại được)", "only this channel (repeatable)"),
    )
    @click.option(
        "--at",
        metavar="ISO",
        help=say(
            "gửi lúc này, ví dụ 2026-12-01T08:00+07:00",
            "send at this ISO time, e.g. 2026-12-01T08:00+07:00",
        ),
    )
    @click.option(
        "--detach",
        is_flag=True,
        help=say(
            "chỉ tạo; máy chủ đang chạy sẽ gửi", "only create it; the running server sends it"
        ),
    )
    def send(**params: Any) -> Call:
        return call(_send, params)

    @broadcast.command("status", help=say("Xem số lượng đã gửi.", "Show the counts."))
    @click.argument("id", type=int, help=say("số thông báo", "the announcement's number"))
    def status(**params: Any) -> Call:
        return call(_status, params)

    @broadcast.command("cancel", help=say("Dừng gửi phần còn lại.", "Stop sending the rest."))
    @click.argument("id", type=int, help=say("số thông báo", "the announcement's number"))
    def cancel(**params: Any) -> Call:
        return call(_cancel, params)


def _send(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import AdminRefused, announcements, option_error
    from bot.broadcast import rules
    from storage.db import Database
    from storage.types import utcnow
    from webhook.broadcasting import quiet_hours

    send_at = _when(args.at, settings) if args.at else None
    db = Database(settings.database.url)
    try:
        try:
            with db.write() as session:
                created = announcements.create(
                    session,
                    text=args.text,
                    agencies=args.agency,
                    channels=args.channel,
                    send_at=send_at,
                    by="cli",
                    now=utcnow(),
                )
        except AdminRefused as refused:
            raise option_error(refused, "--text/--channel") from None
        starts = rules.starts_at(created.send_at, quiet_hours(settings))
        print(f"announcement {created.id}: starts {starts.isoformat(timespec='minutes')}")
        if args.detach or starts > utcnow():
            print("the running server sends it (sangkien serve); follow: sangkien broadcast status")
            return 0
        status = asyncio.run(_foreground(settings, db, created.id or 0))
    finally:
        db.dispose()
    print(f"announcement {created.id}: {status}")
    return 0


async def _foreground(settings: Settings, db: Any, broadcast_id: int) -> str:
    """Send in this process (safe beside a running server: rows are claimed one by one)."""
    from bot.pacing import Pacer
    from webhook.app import build_channels
    from webhook.broadcasting import build_broadcaster
    from webhook.secrets import secret_key

    channels = build_channels(settings)
    pacers = {n: Pacer(per_second=getattr(settings, n).rate_per_second) for n in channels}
    sender = build_broadcaster(
        settings, db=db, channels=channels, pacers=pacers, secret=secret_key(settings)
    )
    stop = asyncio.Event()
    progress = asyncio.create_task(_progress(db, broadcast_id, stop))
    try:
        return await sender.run_one(broadcast_id, stop)
    finally:
        stop.set()
        await progress
        for channel in channels.values():
            await channel.close()


async def _progress(db: Any, broadcast_id: int, stop: asyncio.Event) -> None:
    with Bar("Đang gửi / sending") as bar:
        while True:
            counts = await asyncio.to_thread(_counts, db, broadcast_id)
            total = counts.get("total", 0)
            done = total - counts.get("pending", 0) - counts.get("sending", 0)
            bar.update(done, total=total, note=f"sent {counts.get('sent', 0)}")
            if stop.is_set():
                return
            await asyncio.sleep(0.5)


def _counts(db: Any, broadcast_id: int) -> dict[str, int]:
    from storage import broadcasts

    with db.session() as session:
        return broadcasts.counts(session, broadcast_id=broadcast_id)


def _when(value: str, settings: Settings) -> datetime:
    from zoneinfo import ZoneInfo

    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError("--at", f"'{value}' is not an ISO time (2026-12-01T08:00)") from None
    # A time without a zone is local time, as the admin reads the clock on the wall.
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(settings.scheduler.timezone))


def _status(settings: Settings, args: argparse.Namespace) -> int:
    return _show(settings, args.id, cancel=False)


def _cancel(settings: Settings, args: argparse.Namespace) -> int:
    return _show(settings, args.id, cancel=True)


def _show(settings: Settings, broadcast_id: int, *, cancel: bool) -> int:
    from bot.admin import announcements
    from storage import broadcasts
    from storage.db import Database
    from storage.types import utcnow

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            found = (
                announcements.cancel(session, broadcast_id=broadcast_id, by="cli", now=utcnow())
                if cancel
                else broadcasts.get(session, broadcast_id=broadcast_id)
            )
            if found is None:
                raise ConfigError("ID", f"no announcement {broadcast_id}")
            session.flush()
            counts = broadcasts.counts(session, broadcast_id=broadcast_id)
    finally:
        db.dispose()
    print(f"announcement {broadcast_id}: {found.status}")
    for key, value in counts.items():
        print(f"  {key:<12}{value}")
    return 0
