"""Token-bucket flood control for the fake Telegram server (per chat, per group, overall)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """`rate` tokens per second refill a bucket holding at most `capacity` tokens."""

    rate: float
    capacity: float
    tokens: float = -1.0
    stamp: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        if self.tokens < 0:  # a fresh bucket starts full, at first use
            self.tokens, self.stamp = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


@dataclass
class SendLimits:
    """Telegram's documented limits: ≈1 msg/s per chat (short bursts tolerated),
    20 msg/min per group, 30 msg/s overall. A refused send consumes nothing."""

    per_chat: float = 1.0
    per_chat_burst: float = 3.0
    group_per_minute: float = 20.0
    overall: float = 30.0
    overall_burst: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _chats: dict[str, TokenBucket] = field(default_factory=dict)
    _overall: TokenBucket | None = None

    def _chat_bucket(self, chat_id: str) -> TokenBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if chat_id.startswith("-"):  # group and supergroup ids are negative
                bucket = TokenBucket(self.group_per_minute / 60, self.group_per_minute)
            else:
                bucket = TokenBucket(self.per_chat, self.per_chat_burst)
            self._chats[chat_id] = bucket
        return bucket

    def check(self, chat_id: str) -> int | None:
        """Consume one send for `chat_id`; return retry_after seconds when refused."""
        if self._overall is None:
            self._overall = TokenBucket(self.overall, self.overall_burst)
        now = self.clock()
        buckets = (self._overall, self._chat_bucket(chat_id))
        wait = max(bucket.wait(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))  # Telegram always says a whole number ≥ 1
        for bucket in buckets:
            bucket.take()
        return None
