"""The pacer keeps sends under the platform's limits and lets replies overtake bulk sends."""

from __future__ import annotations

import asyncio

from bot.pacing import Pacer


class FakeClock:
    """Virtual time: sleeping advances the clock, so tests run instantly and exactly."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def _pacer(clock: FakeClock, **kw: float) -> Pacer:
    return Pacer(per_second=kw.pop("per_second", 30), clock=clock, sleep=clock.sleep, **kw)


async def test_bulk_rate_never_exceeds_the_limit() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    start = clock.now
    sent: list[float] = []
    for n in range(300):
        await pacer.acquire(str(n), bulk=True)
        sent.append(clock.now)
    # 300 messages at 30/s with a burst of 6: close to 10 seconds, never much less.
    assert clock.now - start >= (300 - 6) / 30 - 1e-6
    for i in range(len(sent)):  # any one-second window holds about 30 (+ the small burst)
        window = [t for t in sent if sent[i] <= t < sent[i] + 1.0]
        assert len(window) <= 30 + 6
    assert (clock.now - start) <= 300 / 30 + 0.5  # and it is not needlessly slow


async def test_reply_is_not_blocked_by_bulk_backlog() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    for n in range(60):  # bulk drains the bucket down to its reserve
        await pacer.acquire(f"b{n}", bulk=True)
    before = clock.now
    await pacer.acquire("user-chatting")
    assert clock.now == before  # a reply finds a token at once


async def test_per_chat_interval_for_bulk_and_groups() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    await pacer.acquire("42", bulk=True)
    t0 = clock.now
    await pacer.acquire("42", bulk=True)
    assert clock.now - t0 >= 1.0
    await pacer.acquire("-100123")
    t1 = clock.now
    await pacer.acquire("-100123")  # groups: 20 per minute, also for replies
    assert clock.now - t1 >= 3.0
    t2 = clock.now
    await pacer.acquire("7")
    await pacer.acquire("7")  # replies to one private chat may burst
    assert clock.now == t2


async def test_pause_after_429_holds_everything() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    pacer.pause(5)
    t0 = clock.now
    await pacer.acquire("1")
    assert clock.now - t0 >= 5


async def test_at_the_limit_replies_get_their_turn_in_the_order_they_asked() -> None:
    """Real time: a stream of senders, each arriving while the ones before still wait. The
    one who asked first goes first, however the wake-ups fall (retrying sleepers let the
    latest comer take a freed token, and some people waited far longer than others)."""
    # 20 ms a token against an arrival every 2 ms: a queue forms even on a busy machine
    pacer = Pacer(per_second=50, burst=1)
    await pacer.acquire("warm-up")  # the bucket is empty from here on
    done: list[int] = []

    async def send(n: int) -> None:
        await pacer.acquire(str(n))
        done.append(n)

    tasks = []
    for n in range(40):
        tasks.append(asyncio.create_task(send(n)))
        await asyncio.sleep(0.002)
    assert pacer.waiting > 0
    await asyncio.gather(*tasks)
    assert done == list(range(40))
    assert pacer.waiting == 0


async def test_a_sender_that_gives_up_passes_its_turn_on() -> None:
    pacer = Pacer(per_second=50, burst=1)
    await pacer.acquire("warm-up")
    first = asyncio.create_task(pacer.acquire("1"))
    await asyncio.sleep(0)
    second = asyncio.create_task(pacer.acquire("2"))
    third = asyncio.create_task(pacer.acquire("3"))
    await asyncio.sleep(0)
    second.cancel()  # the sender stops while waiting in line
    first.cancel()  # and so does the one at the head
    await asyncio.wait_for(third, timeout=2)  # the third still gets its token
    assert pacer.waiting == 0
