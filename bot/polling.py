"""Polling mode for a developer without a public URL: fetch updates and hand them to the runner.

Retries here are in-process waits around one call (a fetch, or handing one update to the
runner), so they use tenacity's policies. The outbox does not: its schedule is durable, kept in
the database, and survives a restart (storage/outbox.py, bot/sender.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_never,
    wait_exponential,
)

from bot.channels.base import MalformedUpdate
from bot.errors import ChannelError
from bot.messages import Incoming

log = logging.getLogger(__name__)

Fetch = Callable[[], Awaitable[list[dict[str, Any]]]]
Handle = Callable[[Incoming], Awaitable[object]]
Sleep = Callable[[float], Awaitable[None]]

# A failed fetch waits 1, 2, 4 … 60 s; an update the runner could not take waits 2, 4 … 60 s
# and is tried again for as long as it takes, so it is never lost and never overtaken.
FETCH_WAIT = wait_exponential(multiplier=1, max=60)
HANDLE_WAIT = wait_exponential(multiplier=2, max=60)


async def poll_forever(
    *,
    name: str,
    fetch: Fetch,
    parse: Callable[[dict[str, Any]], Incoming | None],
    handle: Handle,
    stop: asyncio.Event,
    after_each: Callable[[dict[str, Any]], None] = lambda raw: None,
    sleep: Sleep | None = None,
) -> None:
    """Fetch, parse and handle until stopped; a failed fetch waits and tries again."""
    # A wait between fetches ends early on stop; a wait before handing an update again does
    # not (it would spin), the task is cancelled at shutdown instead.
    between_fetches: Sleep = sleep or (lambda seconds: _sleep(stop, seconds))
    before_handling_again: Sleep = sleep or asyncio.sleep
    while not stop.is_set():
        updates = await _fetch(name, fetch, stop, between_fetches)
        if updates is None:  # stopped while waiting to try again
            return
        for raw in updates:
            await _one(name, raw, parse, handle, before_handling_again)
            after_each(raw)


async def _fetch(
    name: str, fetch: Fetch, stop: asyncio.Event, pause: Sleep
) -> list[dict[str, Any]] | None:
    def stopped(_: RetryCallState) -> bool:
        return stop.is_set()

    def warn(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        delay = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s polling failed: %s; retrying in %.0fs", name, exc, delay)

    retrying = AsyncRetrying(
        retry=retry_if_exception_type(ChannelError),
        wait=FETCH_WAIT,
        stop=stopped,
        sleep=pause,
        before_sleep=warn,
        reraise=True,
    )

    async def attempt() -> list[dict[str, Any]] | None:
        return None if stop.is_set() else await fetch()  # stopped during the wait: no fetch

    try:
        return await retrying(attempt)
    except ChannelError:
        return None  # only reached once stopped


async def _one(
    name: str,
    raw: dict[str, Any],
    parse: Callable[[dict[str, Any]], Incoming | None],
    handle: Handle,
    pause: Sleep,
) -> None:
    try:
        incoming = parse(raw)
    except MalformedUpdate:
        log.warning("%s sent a malformed update; skipped", name)
        return
    if incoming is None:
        return

    def failed(state: RetryCallState) -> None:
        # Not acknowledged yet: keep trying so the update is never lost.
        exc = state.outcome.exception() if state.outcome else None
        log.error("%s update %s failed; retrying", name, incoming.dedupe_key, exc_info=exc)

    retrying = AsyncRetrying(
        retry=retry_if_exception_type(Exception),
        wait=HANDLE_WAIT,
        stop=stop_never,
        sleep=pause,
        before_sleep=failed,
    )
    await retrying(handle, incoming)


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
