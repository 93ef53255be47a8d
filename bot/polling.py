"""Polling mode for a developer without a public URL: fetch updates and hand them to the runner."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels.base import MalformedUpdate
from bot.errors import ChannelError
from bot.messages import Incoming

log = logging.getLogger(__name__)

Fetch = Callable[[], Awaitable[list[dict[str, Any]]]]
Handle = Callable[[Incoming], Awaitable[object]]


async def poll_forever(
    *,
    name: str,
    fetch: Fetch,
    parse: Callable[[dict[str, Any]], Incoming | None],
    handle: Handle,
    stop: asyncio.Event,
    after_each: Callable[[dict[str, Any]], None] = lambda raw: None,
) -> None:
    """Fetch, parse and handle until stopped; a failed fetch waits and tries again."""
    delay = 1.0
    while not stop.is_set():
        try:
            updates = await fetch()
            delay = 1.0
        except ChannelError as exc:
            log.warning("%s polling failed: %s; retrying in %.0fs", name, exc, delay)
            await _sleep(stop, delay)
            delay = min(delay * 2, 60.0)
            continue
        for raw in updates:
            await _one(name, raw, parse, handle)
            after_each(raw)


async def _one(
    name: str,
    raw: dict[str, Any],
    parse: Callable[[dict[str, Any]], Incoming | None],
    handle: Handle,
) -> None:
    try:
        incoming = parse(raw)
    except MalformedUpdate:
        log.warning("%s sent a malformed update; skipped", name)
        return
    if incoming is None:
        return
    while True:
        try:
            await handle(incoming)
            return
        except Exception:
            # Not acknowledged yet: keep trying so the update is never lost.
            log.exception("%s update %s failed; retrying", name, incoming.dedupe_key)
            await asyncio.sleep(2.0)


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
