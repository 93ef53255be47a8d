"""Polling's waits: a failed fetch backs off 1, 2, 4 … 60 s; a failed update is handed again."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from bot.errors import ChannelError
from bot.messages import Incoming
from bot.polling import poll_forever


def _incoming(raw: dict[str, Any]) -> Incoming:
    return Incoming(
        channel="telegram",
        user_id="1",
        chat_id="1",
        dedupe_key=f"telegram:{raw['id']}",
        kind="text",
        text="xin chào",
    )


async def test_a_failing_fetch_backs_off_exponentially_up_to_a_minute_then_recovers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = asyncio.Event()
    waits: list[float] = []
    fetches = 0
    handled: list[str] = []

    async def fetch() -> list[dict[str, Any]]:
        nonlocal fetches
        fetches += 1
        if fetches <= 8:
            raise ChannelError("502 Bad Gateway")
        if fetches == 9:
            return [{"id": 1}, {"id": 2}]
        stop.set()
        return []

    async def handle(incoming: Incoming) -> None:
        handled.append(incoming.dedupe_key)

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    with caplog.at_level(logging.WARNING, logger="bot.polling"):
        await poll_forever(
            name="telegram", fetch=fetch, parse=_incoming, handle=handle, stop=stop, sleep=sleep
        )
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert handled == ["telegram:1", "telegram:2"]
    assert fetches == 10
    assert "telegram polling failed: 502 Bad Gateway; retrying in 60s" in caplog.text


async def test_an_update_the_runner_refuses_is_handed_again_in_order_never_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = asyncio.Event()
    waits: list[float] = []
    attempts: list[str] = []

    async def fetch() -> list[dict[str, Any]]:
        if attempts:
            stop.set()
            return []
        return [{"id": 7}, {"id": 8}]

    async def handle(incoming: Incoming) -> None:
        attempts.append(incoming.dedupe_key)
        if incoming.dedupe_key == "telegram:7" and attempts.count("telegram:7") <= 3:
            raise RuntimeError("database is down")

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    with caplog.at_level(logging.ERROR, logger="bot.polling"):
        await poll_forever(
            name="telegram", fetch=fetch, parse=_incoming, handle=handle, stop=stop, sleep=sleep
        )
    assert attempts == ["telegram:7"] * 4 + ["telegram:8"]
    assert waits == [2, 4, 8]
    assert caplog.text.count("telegram update telegram:7 failed; retrying") == 3
    assert "database is down" in caplog.text  # the cause is logged with its traceback


async def test_stopping_during_a_fetch_back_off_ends_the_loop() -> None:
    stop = asyncio.Event()
    fetches = 0

    async def fetch() -> list[dict[str, Any]]:
        nonlocal fetches
        fetches += 1
        raise ChannelError("timed out")

    async def sleep(seconds: float) -> None:
        stop.set()  # the operator stops the server while polling waits

    async def handle(incoming: Incoming) -> None:
        raise AssertionError("nothing was fetched")

    await asyncio.wait_for(
        poll_forever(
            name="zalo", fetch=fetch, parse=_incoming, handle=handle, stop=stop, sleep=sleep
        ),
        timeout=10,
    )
    assert fetches == 1
