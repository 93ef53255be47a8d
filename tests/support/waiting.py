"""Waiting on a fake platform's inbox from a test thread."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_quiet(
    read: Callable[[], list[str]], settle: float = 0.6, timeout: float = 15.0
) -> list[str]:
    """Wait until no new message has arrived for `settle` seconds; return them all."""
    deadline = time.monotonic() + timeout
    count, since = len(read()), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now_count = len(read())
        if now_count != count:
            count, since = now_count, time.monotonic()
        elif time.monotonic() - since >= settle:
            return read()
    raise AssertionError("the bot kept talking")


def wait_until(read: Callable[[], T | None], timeout: float = 15.0) -> T:
    """The first value `read` gives that is not None (polled every 50 ms)."""
    deadline = time.monotonic() + timeout
    while (value := read()) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing after {timeout}s")
        time.sleep(0.05)
    return value
