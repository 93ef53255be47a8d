"""Requests in flight to a platform: a fixed number at once, a waiting reply before bulk."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator


class Slots:
    """At most `size` holders. A freed slot goes to the longest-waiting reply, and only when
    no reply waits to the longest-waiting bulk send (digest, reminder, notice), so a flood of
    bulk messages never queues a reply behind it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._held = 0
        self._replies: deque[asyncio.Future[None]] = deque()
        self._bulk: deque[asyncio.Future[None]] = deque()

    @property
    def held(self) -> int:
        return self._held

    @contextlib.asynccontextmanager
    async def hold(self, *, bulk: bool) -> AsyncIterator[None]:
        await self._acquire(bulk)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, bulk: bool) -> None:
        if self._held < self.size:  # nobody waits while a slot is free
            self._held += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._bulk if bulk else self._replies).append(waiter)
        try:
            await waiter  # resolved by _release, which hands its slot over
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # handed over just now: pass it on
                self._release()
            raise

    def _release(self) -> None:
        for queue in (self._replies, self._bulk):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():  # a cancelled waiter left; skip it
                    waiter.set_result(None)
                    return
        self._held -= 1
