"""«đã đọc» typed on Zalo, quiet hours, and the /thongbao time parser."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.broadcast import compose, rules
from bot.broadcast.hook import BroadcastHook, chain
from bot.dialogue import Dialogue, load_units
from bot.messages import Incoming
from bot.runner import Runner
from scheduler.quiet import QuietHours
from storage import broadcasts
from storage.db import Database
from storage.models import BroadcastDelivery
from storage.types import utcnow
from tests.bot.broadcast.support import broadcaster, counts, create
from tests.support.people import add_people

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _runner(db: Database) -> Runner:
    hook = BroadcastHook(admins=[], quiet=None)
    return Runner(
        db=db,
        dialogue=Dialogue(units=load_units()),
        extra_handlers=hook.handlers(),
        pre_step=chain(hook),
    )


def _said(text: str, n: int) -> Incoming:
    return Incoming(
        channel="zalo",
        user_id="100000",
        chat_id="100000",
        dedupe_key=f"k{n}",
        kind="text",
        text=text,
    )


def test_typing_da_doc_on_zalo_marks_the_latest_announcement_read(db: Database) -> None:
    add_people(db, channel="zalo", count=1)
    first, latest = create(db), create(db)
    with db.write() as session:
        for broadcast_id in (first, latest):
            broadcasts.start(session, broadcast_id=broadcast_id, now=utcnow(), fold=str.lower)
        for row in session.exec(select(BroadcastDelivery)):
            row.status, row.sent_at = "sent", utcnow() + timedelta(seconds=row.broadcast_id)
    handled = _runner(db).handle(_said("Đã đọc!", 1))
    assert "đã đọc thông báo" in handled.replies[0].text
    assert counts(db, latest)["read"] == 1 and counts(db, first)["read"] == 0


def test_da_doc_without_an_announcement_is_ordinary_dialogue(db: Database) -> None:
    add_people(db, channel="zalo", count=1)
    handled = _runner(db).handle(_said("đã đọc", 1))
    assert all("đã đọc thông báo" not in r.text for r in handled.replies)


async def test_quiet_hours_hold_an_announcement_back(db: Database) -> None:
    add_people(db, channel="telegram", count=2)
    broadcast_id = create(db)
    sender = broadcaster(db, {})
    now = datetime.now(TZ)
    sender.quiet = QuietHours(
        (now - timedelta(hours=1)).time(), (now + timedelta(hours=1)).time(), TZ
    )
    await sender.round(asyncio.Event())
    assert counts(db, broadcast_id)["total"] == 0  # not even started
    with db.session() as session:
        assert broadcasts.get(session, broadcast_id=broadcast_id).status == "scheduled"  # type: ignore[union-attr]


def test_a_time_in_quiet_hours_waits_for_their_end() -> None:
    quiet = QuietHours(time(21), time(7), TZ)
    late = datetime(2026, 12, 1, 22, 30, tzinfo=TZ)
    assert rules.starts_at(late, quiet) == datetime(2026, 12, 2, 7, 0, tzinfo=TZ)
    assert rules.starts_at(late.replace(hour=9), quiet) == late.replace(hour=9)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("08:00 12/12/2026", datetime(2026, 12, 12, 8, 0, tzinfo=TZ)),
        ("12/12 8h30", datetime(2026, 12, 12, 8, 30, tzinfo=TZ)),
        ("14:15 1/2", datetime(2026, 2, 1, 14, 15, tzinfo=TZ)),
        ("ngày mai", None),
        ("25:00 12/12/2026", None),
    ],
)
def test_time_parser(typed: str, expected: datetime | None) -> None:
    env = compose.ComposeEnv(datetime(2026, 11, 27, 5, tzinfo=UTC), TZ, [], "", True)
    assert compose.parse_time(typed, env) == expected
