"""Web chat limits per address and per session, checked in memory before any database write.

Each replica keeps its own counters: with N replicas behind a proxy, a sender gets at most
N times the figures below, which still bounds a flood. Nothing here is ever written to disk.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from webhook.client_address import client_address, limit_key, networks
from webhook.config import Webchat
from webhook.webchat_wire import Refused

# What the visitor reads (one catalogue for the web chat's edge).
TOO_FAST = "Anh/chị gửi hơi nhanh. Vui lòng đợi khoảng {wait} rồi gửi tiếp."
TOO_MANY_SESSIONS = (
    "Có quá nhiều phiên trò chuyện mới từ mạng này. Vui lòng thử lại sau khoảng {wait}."
)
TOO_MUCH_TEXT = (
    "Phiên trò chuyện này đã nhận nhiều nội dung trong hôm nay. "
    "Vui lòng tiếp tục sau khoảng {wait}."
)
BUSY = "Trang đang có nhiều người truy cập từ mạng này. Vui lòng thử lại sau khoảng {wait}."


class Limited(Refused):
    """A request over a limit: 429 with the seconds to wait."""

    def __init__(self, message: str, retry_after: float) -> None:
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(429, message.format(wait=_wait_text(self.retry_after)))


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} giây"
    if seconds < 3600:
        return f"{math.ceil(seconds / 60)} phút"
    return f"{math.ceil(seconds / 3600)} giờ"


@dataclass
class _Bucket:
    tokens: float
    at: float


class Buckets:
    """Token buckets by key: at most `capacity` at once, refilled evenly over `period` seconds.

    Memory stays bounded under a flood of distinct keys: past `max_keys`, full buckets (idle
    senders) are dropped first, then the oldest.
    """

    def __init__(
        self,
        capacity: float,
        period: float,
        *,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity, self.rate = float(capacity), float(capacity) / period
        self.max_keys, self.clock = max_keys, clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str, amount: float = 1.0) -> float:
        """Spend `amount`; 0.0 when allowed, else the seconds until it would be."""
        with self._lock:
            now = self.clock()
            bucket = self._buckets.pop(key, None) or _Bucket(self.capacity, now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
            self._buckets[key] = bucket  # re-inserted: the dict's order is least recent first
            if bucket.tokens >= amount:
                bucket.tokens -= amount
                wait = 0.0
            else:
                wait = (min(amount, self.capacity) - bucket.tokens) / self.rate
            if len(self._buckets) > self.max_keys:
                self._prune(now)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)

    def _prune(self, now: float) -> None:
        refill = self.rate
        for key in [
            k for k, b in self._buckets.items() if b.tokens + (now - b.at) * refill >= self.capacity
        ]:
            del self._buckets[key]
        excess = len(self._buckets) - self.max_keys // 2
        for key in list(itertools.islice(self._buckets, max(0, excess))):
            del self._buckets[key]


class WebchatLimits:
    """The web chat's limits, from `[webchat]` in the config."""

    def __init__(self, config: Webchat, clock: Callable[[], float] = time.monotonic) -> None:
        minute, hour, day = 60.0, 3600.0, 86_400.0
        self.session_messages = Buckets(config.session_messages_per_minute, minute, clock=clock)
        self.address_messages = Buckets(config.address_messages_per_minute, minute, clock=clock)
        self.address_sessions = Buckets(config.address_new_sessions_per_hour, hour, clock=clock)
        self.address_reads = Buckets(config.address_reads_per_minute, minute, clock=clock)
        self.session_text = Buckets(config.session_text_kb_per_day * 1024, day, clock=clock)
        self.trusted = networks(config.trusted_proxies)

    def new_session(self, address: str) -> None:
        _check(self.address_sessions.take(address), TOO_MANY_SESSIONS)

    def read(self, address: str) -> None:
        _check(self.address_reads.take(address), BUSY)

    def address_message(self, address: str) -> None:
        _check(self.address_messages.take(address), BUSY)

    def session_message(self, visitor: str) -> None:
        _check(self.session_messages.take(visitor), TOO_FAST)

    def address(self, request: Request) -> str:
        """What a request's sender is counted by (through the trusted proxies)."""
        return limit_key(client_address(request, self.trusted))

    def text(self, visitor: str, size: int) -> None:
        _check(self.session_text.take(visitor, float(size)), TOO_MUCH_TEXT)


def _check(wait: float, message: str) -> None:
    if wait > 0:
        raise Limited(message, wait)
