"""Cancel mid-way, two senders at once, and pacing under Telegram's real limits."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

from bot.channels.telegram import TelegramChannel
from bot.pacing import Pacer
from storage import broadcasts
from storage.db import Database
from storage.types import utcnow
from tests.bot.broadcast.support import broadcaster, counts, create
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_limits import SendLimits
from tests.support.people import add_people


def _accepted(fake: FakeTelegram) -> Counter[str]:
    return Counter(s.chat_id for s in fake.sent() if s.method == "sendMessage")


async def test_cancel_mid_way_stops_the_rest(db: Database) -> None:
    add_people(db, channel="telegram", count=300)
    with FakeTelegram() as fake:
        channel = TelegramChannel(token=fake.token, api_url=fake.url)
        broadcast_id = create(db)
        sender = broadcaster(db, {"telegram": channel}, rate=100, concurrency=4)
        running = asyncio.create_task(sender.run_one(broadcast_id, asyncio.Event()))
        await fake.wait_for_async(lambda: len(fake.sent()) >= 40, 20)
        with db.write() as session:
            broadcasts.cancel(session, broadcast_id=broadcast_id, now=utcnow())
        at_cancel = len(fake.sent())
        status = await asyncio.wait_for(running, 20)
        await asyncio.sleep(0.3)
        accepted = _accepted(fake)
        await channel.close()
    found = counts(db, broadcast_id)
    assert status == "cancelled"
    assert sum(accepted.values()) <= at_cancel + 4  # only the sends already in flight
    assert found["sent"] == sum(accepted.values()) and set(accepted.values()) == {1}
    assert found["cancelled"] == 300 - found["sent"] and found["cancelled"] > 200


async def test_two_senders_never_send_twice(db: Database, db_url: str) -> None:
    crowd = add_people(db, channel="telegram", count=400)
    with FakeTelegram() as fake:
        broadcast_id = create(db)
        channels = [TelegramChannel(token=fake.token, api_url=fake.url) for _ in range(2)]
        engines = [Database(db_url), Database(db_url)]  # like two processes
        senders = [
            broadcaster(e, {"telegram": c}, rate=300)
            for e, c in zip(engines, channels, strict=True)
        ]
        results = await asyncio.gather(*(s.run_one(broadcast_id, asyncio.Event()) for s in senders))
        accepted = _accepted(fake)
        for channel in channels:
            await channel.close()
        for engine in engines:
            engine.dispose()
    assert results == ["done", "done"]
    assert set(accepted) == set(crowd.eligible) and set(accepted.values()) == {1}
    assert all(s.stats["sent"] > 0 for s in senders)  # both really took part
    assert counts(db, broadcast_id)["sent"] == 400


async def test_pacing_under_the_real_telegram_limits(db: Database) -> None:
    add_people(db, channel="telegram", count=90)
    with FakeTelegram() as fake:
        fake.rate_limit(SendLimits())  # 30/s overall, 1/s per chat, as documented
        channel = TelegramChannel(token=fake.token, api_url=fake.url)
        broadcast_id = create(db)
        pacer = Pacer(per_second=28)  # the configured default
        sender = broadcaster(db, {"telegram": channel}, pacers={"telegram": pacer})
        started = time.monotonic()
        assert await sender.run_one(broadcast_id, asyncio.Event()) == "done"
        elapsed = time.monotonic() - started
        calls = fake.calls("sendMessage")
        await channel.close()
    assert not [c for c in calls if c.status == 429]  # paced by the sender, not by errors
    assert len(calls) == 90 and elapsed >= (90 - 6) / 30
    times = sorted(c.time for c in calls)
    assert (len(times) - 1) / (times[-1] - times[0]) <= 30  # steady rate under the limit
    # any one second holds at most the limit plus the pacer's small starting burst
    assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) <= 30 + 6
