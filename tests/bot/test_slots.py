"""Slots: a fixed number of holders; a freed slot goes to a waiting reply before bulk."""

from __future__ import annotations

import asyncio

from bot.slots import Slots


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_waiting_reply_gets_the_next_slot_before_earlier_bulk() -> None:
    slots, order = Slots(1), []
    gate = asyncio.Event()

    async def use(name: str, bulk: bool, wait: bool = False) -> None:
        async with slots.hold(bulk=bulk):
            order.append(name)
            if wait:
                await gate.wait()

    first = asyncio.create_task(use("bulk-0", True, wait=True))
    await _settle()
    waiting = [asyncio.create_task(use(f"bulk-{n}", True)) for n in (1, 2)]
    await _settle()
    waiting.append(asyncio.create_task(use("reply", False)))
    await _settle()
    assert order == ["bulk-0"] and slots.held == 1
    gate.set()
    await asyncio.gather(first, *waiting)
    assert order == ["bulk-0", "reply", "bulk-1", "bulk-2"]
    assert slots.held == 0


async def test_a_cancelled_waiter_passes_its_turn_on() -> None:
    slots, order = Slots(2), []
    gate = asyncio.Event()

    async def use(name: str, bulk: bool) -> None:
        async with slots.hold(bulk=bulk):
            order.append(name)
            await gate.wait()

    holders = [asyncio.create_task(use(f"h{n}", False)) for n in range(2)]
    await _settle()
    gone = asyncio.create_task(use("gone", False))
    later = asyncio.create_task(use("later", True))
    await _settle()
    gone.cancel()
    await _settle()
    gate.set()
    await asyncio.gather(*holders, later)
    assert order == ["h0", "h1", "later"]
    assert gone.cancelled() and slots.held == 0
