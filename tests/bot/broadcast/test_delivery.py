"""Announcements against the fake platforms: once per eligible person, none to the others."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from storage.db import Database
from tests.bot.broadcast.support import broadcaster, counts, create
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_limits import SendLimits
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.people import add_people


async def test_two_thousand_on_telegram_each_eligible_once(db: Database) -> None:
    crowd = add_people(db, channel="telegram", count=2000, opted_out=40, unreachable=10, excluded=9)
    blocked = crowd.eligible[:25]
    with FakeTelegram() as fake:
        # The limits are on, but far above Telegram's: here only delivery is under test.
        fake.rate_limit(SendLimits(overall=5000, overall_burst=500))
        for chat in blocked:
            fake.block_chat(chat)
        fake.fail_next("sendMessage", 500, times=3)  # retried, not lost
        channel = TelegramChannel(token=fake.token, api_url=fake.url)
        broadcast_id = create(db)
        try:
            status = await broadcaster(db, {"telegram": channel}).run_one(
                broadcast_id, asyncio.Event()
            )
        finally:
            await channel.close()
        accepted = Counter(s.chat_id for s in fake.sent() if s.method == "sendMessage")
        tried = Counter(str(c.params.get("chat_id")) for c in fake.calls("sendMessage"))
        refused = Counter(str(c.params.get("chat_id")) for c in fake.calls() if c.status == 403)
    assert status == "done"
    delivered = set(crowd.eligible) - set(blocked)
    assert set(accepted) == delivered and set(accepted.values()) == {1}
    assert set(refused) == set(blocked) and set(refused.values()) == {1}  # then never again
    never = crowd.opted_out + crowd.unreachable + crowd.excluded
    assert not any(tried[chat] for chat in never)
    found = counts(db, broadcast_id)
    assert found["sent"] == len(accepted) == 2000 - 40 - 10 - 9 - 25
    assert found["unreachable"] == len(blocked) + len(crowd.unreachable)
    assert found["opted_out"] == 40
    assert found["total"] == 2000 - 9
    assert found["pending"] == found["sending"] == found["uncertain"] == found["failed"] == 0


async def test_five_hundred_on_zalo_at_its_configured_rate(db: Database) -> None:
    crowd = add_people(db, channel="zalo", count=500, opted_out=20, unreachable=5, excluded=6)
    blocked = crowd.eligible[:10]
    with FakeZaloApi() as fake:
        fake.rate_limit(400)
        for chat in blocked:
            fake.block_chat(chat)
        channel = ZaloChannel(token=fake.token, api_url=fake.url)
        broadcast_id = create(db, channels=["zalo"])
        try:
            status = await broadcaster(db, {"zalo": channel}, rate=300).run_one(
                broadcast_id, asyncio.Event()
            )
        finally:
            await channel.close()
        delivered = {chat: fake.messages_to(chat) for chat in crowd.eligible + crowd.opted_out}
        tried = Counter(str(c.params.get("chat_id")) for c in fake.calls("sendMessage"))
    assert status == "done"
    expected = set(crowd.eligible) - set(blocked)
    assert {chat for chat, texts in delivered.items() if texts} == expected
    assert all(len(delivered[chat]) == 1 for chat in expected)
    assert "đã đọc" in delivered[next(iter(expected))][0]  # Zalo: typed confirmation
    assert not any(tried[chat] for chat in crowd.opted_out + crowd.unreachable + crowd.excluded)
    found = counts(db, broadcast_id)
    assert found["sent"] == len(expected) and found["opted_out"] == 20
    assert found["unreachable"] == len(blocked) + 5
