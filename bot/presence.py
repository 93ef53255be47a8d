"""The "typing…" bubble when a reply is slow to come: fire and forget, throttled per chat."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from bot.messages import Incoming

log = logging.getLogger(__name__)

SendTyping = Callable[[str], Awaitable[None]]
# Telegram shows the bubble for five seconds or until the next message: one call per chat per
# few seconds is enough, and a burst of updates must not spend the platform's rate limit.
EVERY = 3.0
# A reply that goes out within this long needs no bubble: most do, and each bubble is a call
# to the platform that costs as much as the reply itself.
AFTER = 1.0
MAX_CHATS = 10_000
# Bubbles share the connections of the replies: a few in flight at most, never a queue that
# replies wait behind. When the platform is that slow, a bubble is skipped, not delayed.
IN_FLIGHT = 2
Key = tuple[str, str]


class TypingIndicator:
    """Starts sendChatAction "typing" without awaiting it, only when the reply is late (no
    message went to the chat `after` seconds on); a failure only costs the bubble."""

    def __init__(
        self,
        channels: Mapping[str, Any],
        *,
        every: float = EVERY,
        after: float = AFTER,
        in_flight: int = IN_FLIGHT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.channels = channels
        self.every = every
        self.after = after
        self.in_flight = in_flight
        self._sending = 0
        # Only the leader's outbox sender calls replied(): a replica that does not lead
        # cannot know when the reply went out, so it shows the bubble at once, before it.
        self.leading = True
        self.clock = clock
        self._last: dict[Key, float] = {}
        self._waiting: dict[Key, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def show(self, incoming: Incoming) -> None:
        """Returns at once and never raises: the webhook must not wait for a cosmetic call."""
        send: SendTyping | None = getattr(self.channels.get(incoming.channel), "send_typing", None)
        key = (incoming.channel, incoming.chat_id)
        if send is None or key in self._waiting or not self._due(key):
            return
        try:
            task = asyncio.get_running_loop().create_task(self._later(send, key))
        except RuntimeError:  # no running loop: a synchronous caller has nobody to show it to
            self._last.pop(key, None)
            return
        self._tasks.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self._tasks.discard)
        if not task.done():
            self._waiting[key] = task

    def replied(self, channel: str, chat_id: str) -> None:
        """A message is going out to the chat: a bubble still waiting is not needed, and the
        chat's next slow update may show one again."""
        task = self._waiting.pop((channel, chat_id), None)
        if task is not None:
            task.cancel()
            self._last.pop((channel, chat_id), None)

    @property
    def waiting(self) -> int:
        """Bubbles not yet sent (each waits for its reply, or for `after`)."""
        return len(self._waiting)

    async def _later(self, send: SendTyping, key: Key) -> None:
        try:
            if self.after > 0 and self.leading:
                await asyncio.sleep(self.after)
        finally:
            if self._waiting.get(key) is asyncio.current_task():
                del self._waiting[key]
        if self._sending >= self.in_flight:
            self._last.pop(key, None)  # skipped: the chat's next slow update may show one
            return
        self._sending += 1
        try:
            await _send(send, key[1])
        finally:
            self._sending -= 1

    async def close(self) -> None:
        """Cancel bubbles still in flight (shutdown, before the channels close)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _due(self, key: Key) -> bool:
        now = self.clock()
        if now - self._last.get(key, now - self.every) < self.every:
            return False
        if len(self._last) >= MAX_CHATS:  # forget chats quiet for longer than the throttle
            self._last = {k: at for k, at in self._last.items() if now - at < self.every}
        self._last[key] = now
        return True


async def _send(send: SendTyping, chat_id: str) -> None:
    try:
        await send(chat_id)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # a closed client, a refused call: nothing the user needs
        log.debug("typing indicator failed: %s", type(exc).__name__)
