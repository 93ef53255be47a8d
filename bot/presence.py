"""The "typing…" bubble while the server handles an update: fire and forget, throttled per chat."""

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
MAX_CHATS = 10_000


class TypingIndicator:
    """Starts sendChatAction "typing" without awaiting it; a failure only costs the bubble."""

    def __init__(
        self,
        channels: Mapping[str, Any],
        *,
        every: float = EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.channels = channels
        self.every = every
        self.clock = clock
        self._last: dict[tuple[str, str], float] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def show(self, incoming: Incoming) -> None:
        """Returns at once and never raises: the webhook must not wait for a cosmetic call."""
        send: SendTyping | None = getattr(self.channels.get(incoming.channel), "send_typing", None)
        if send is None or not self._due(incoming.channel, incoming.chat_id):
            return
        try:
            task = asyncio.get_running_loop().create_task(_send(send, incoming.chat_id))
        except RuntimeError:  # no running loop: a synchronous caller has nobody to show it to
            return
        self._tasks.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Cancel bubbles still in flight (shutdown, before the channels close)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _due(self, channel: str, chat_id: str) -> bool:
        now = self.clock()
        key = (channel, chat_id)
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
