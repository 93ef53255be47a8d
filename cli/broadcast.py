"""`sangkien broadcast send|status|cancel`: announcements from the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import datetime
from typing import Any, TextIO

from bot.errors import ConfigError
from webhook.config import Settings

Sub = Any  # argparse's private _SubParsersAction


def register(sub: Sub) -> None:
    broadcast = sub.add_parser("broadcast", help="send, follow or cancel an announcement")
    actions = broadcast.add_subparsers(required=True, metavar="ACTION")
    send = actions.add_parser("send", help="create an announcement (and send it now)")
    send.add_argument("--text", required=True, help="the announcement (≤ 1,500 characters)")
    send.add_argument("--agency", action="append", default=[], help="only this unit (repeatable)")
    send.add_argument("--channel", action="append", default=[], choices=["telegram", "zalo", "web"])
    send.add_argument("--at", help="send at this ISO time, e.g. 2026-12-01T08:00+07:00")
    send.add_argument(
        "--detach", action="store_true", help="only create it; the running server sends it"
    )
    send.set_defaults(func=_send)
    for name, helptext in (("status", "show the counts"), ("cancel", "stop sending the rest")):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("id", type=int)
        action.set_defaults(func=_status if name == "status" else _cancel)


def _send(settings: Settings, args: argparse.Namespace) -> int:
    from bot.broadcast import rules
    from bot.messages import nfc
    from storage import broadcasts
    from storage.db import Database
    from storage.types import utcnow
    from webhook.broadcasting import quiet_hours

    if problems := rules.problems(args.text, args.channel):
        raise ConfigError("--text/--channel", "; ".join(problems))
    now = utcnow()
    send_at = max(_when(args.at, settings), now) if args.at else now
    db = Database(settings.database.url)
    try:
        with db.write() as session:
            created = broadcasts.create(
                session,
                text=nfc(args.text),
                agencies=[nfc(a) for a in args.agency],
                channels=args.channel,
                send_at=send_at,
                created_by="cli",
                now=now,
            )
        starts = rules.starts_at(send_at, quiet_hours(settings))
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
    bar = ProgressBar(sys.stderr)
    while True:
        counts = await asyncio.to_thread(_counts, db, broadcast_id)
        bar.show(counts)
        if stop.is_set():
            bar.end()
            return
        await asyncio.sleep(0.5)


def _counts(db: Any, broadcast_id: int) -> dict[str, int]:
    from storage import broadcasts

    with db.session() as session:
        return broadcasts.counts(session, broadcast_id=broadcast_id)


class ProgressBar:
    """One plain-text line on stderr: done/total, rate and ETA (redrawn in a terminal)."""

    def __init__(self, out: TextIO, width: int = 30, clock: Any = time.monotonic) -> None:
        self.out, self.width, self.clock = out, width, clock
        self.started = clock()
        self.tty = out.isatty()
        self._last_print = 0.0

    def line(self, counts: dict[str, int]) -> str:
        total = counts.get("total", 0)
        done = total - counts.get("pending", 0) - counts.get("sending", 0)
        elapsed = max(self.clock() - self.started, 1e-6)
        rate = counts.get("sent", 0) / elapsed
        left = counts.get("pending", 0) + counts.get("sending", 0)
        eta = f"{int(left / rate // 60)}:{int(left / rate % 60):02d}" if rate > 0 else "-:--"
        filled = int(self.width * done / total) if total else 0
        bar = "#" * filled + "-" * (self.width - filled)
        return f"[{bar}] {done}/{total} sent {counts.get('sent', 0)} {rate:.1f}/s ETA {eta}"

    def show(self, counts: dict[str, int]) -> None:
        if self.tty:
            self.out.write("\r" + self.line(counts))
        elif self.clock() - self._last_print >= 5:  # a log file gets a line every 5 s
            self.out.write(self.line(counts) + "\n")
            self._last_print = self.clock()
        self.out.flush()

    def end(self) -> None:
        if self.tty:
            self.out.write("\n")
            self.out.flush()


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
    from storage import broadcasts
    from storage.db import Database
    from storage.types import utcnow

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            found = (
                broadcasts.cancel(session, broadcast_id=broadcast_id, now=utcnow())
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
