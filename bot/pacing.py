"""Pacing under a platform's limits, so that sends wait here instead of earning a 429.

One Pacer per channel. Every send takes a token from the channel's bucket (`per_second`,
a burst of a few). Bulk sends (announcements, digests) only take a token while a few
stay in reserve, so a reply to someone who is chatting never queues behind 10,000
announcement messages. Bulk sends also keep `per_chat_interval` between two messages to
one chat; group chats (negative Telegram ids) get `group_per_minute` for every send.
After a 429 the whole channel pauses for retry_after.

Fair under a crowd: a send first waits out its own chat's interval (and a pause) on its own,
then queues for a token in a line, replies in one and bulk in another, each served in the
order it asked. Without the lines every waiter slept and retried, the token went to whoever
woke first, and at the platform's limit some people waited far longer than others.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable


class _Line:
    """Waiters served in the order they came: only the first may take a token."""

    def __init__(self) -> None:
        self._waiting: deque[asyncio.Future[None]] = deque()

    def __len__(self) -> int:
        return len(self._waiting)

    async def join(self) -> asyncio.Future[None]:
        ticket: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(ticket)
        if self._waiting[0] is not ticket:
            try:
                await ticket  # set by the one before, as it leaves the head
            except BaseException:
                self.leave(ticket)
                raise
        return ticket

    def leave(self, ticket: asyncio.Future[None]) -> None:
        was_first = bool(self._waiting) and self._waiting[0] is ticket
        try:
            self._waiting.remove(ticket)
        except ValueError:
            return
        if was_first and self._waiting and not self._waiting[0].done():
            self._waiting[0].set_result(None)


class Pacer:
    def __init__(
        self,
        *,
        per_second: float,
        per_chat_interval: float = 1.0,
        group_per_minute: float = 20.0,
        burst: float = 6.0,
        reserve: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rate = per_second
        # A small burst keeps every one-second window near `per_second`, not twice it.
        self.capacity = max(burst, 1.0)
        self.reserve = min(reserve, self.capacity - 1)
        self.per_chat_interval = per_chat_interval
        self.group_interval = 60.0 / group_per_minute
        self.clock = clock
        self.sleep = sleep
        self._tokens = self.capacity
        self._stamp = clock()
        self._paused_until = 0.0
        self._last_sent: dict[str, float] = {}
        self._replies = _Line()
        self._bulk = _Line()

    def pause(self, seconds: float) -> None:
        """The platform said 429: nothing goes out on this channel for `seconds`."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self, chat_id: str, *, bulk: bool = False) -> None:
        """Wait until a message to `chat_id` may go out, then count it as sent."""
        while (wait := self._own_wait(chat_id, bulk)) > 0:  # holds no place in a line
            await self.sleep(max(wait, 0.001))
        line = self._bulk if bulk else self._replies
        ticket = await line.join()
        try:
            while (wait := self._try(chat_id, bulk)) > 0:
                await self.sleep(max(wait, 0.001))  # never a wait too small to move the clock
        finally:
            line.leave(ticket)

    @property
    def waiting(self) -> int:
        """Sends queued for a token (replies and bulk)."""
        return len(self._replies) + len(self._bulk)

    def _own_wait(self, chat_id: str, bulk: bool) -> float:
        now = self.clock()
        return max(self._paused_until - now, self._chat_wait(chat_id, bulk, now))

    def _try(self, chat_id: str, bulk: bool) -> float:
        # Synchronous from check to take: no other task can interleave on the event loop.
        now = self.clock()
        self._refill(now)
        waits = [self._paused_until - now, self._chat_wait(chat_id, bulk, now)]
        needed = 1.0 + (self.reserve if bulk else 0.0)
        if self._tokens < needed - 1e-9:
            waits.append((needed - self._tokens) / self.rate)
        wait = max(waits)
        if wait > 1e-9:  # float rounding must not make a ready token look a hair short
            return wait
        self._tokens = max(self._tokens - 1, 0.0)
        self._last_sent[chat_id] = now
        return 0.0

    def _chat_wait(self, chat_id: str, bulk: bool, now: float) -> float:
        last = self._last_sent.get(chat_id)
        if last is None:
            return 0.0
        if chat_id.startswith("-"):
            return last + self.group_interval - now
        return last + self.per_chat_interval - now if bulk else 0.0

    def _refill(self, now: float) -> None:
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now
        if len(self._last_sent) > 50_000:  # forget chats idle for a minute or more
            self._last_sent = {c: t for c, t in self._last_sent.items() if now - t < 60}
