"""TypingIndicator: only for a late reply, fire and forget, throttled per chat, silent on failure."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from bot.errors import TransientError
from bot.messages import Incoming
from bot.presence import TypingIndicator


@dataclass
class Recorder:
    """A channel whose send_typing records chats, may fail, and may hang until released."""

    chats: list[str] = field(default_factory=list)
    error: Exception | None = None
    gate: asyncio.Event | None = None

    async def send_typing(self, chat_id: str) -> None:
        self.chats.append(chat_id)
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error


class NoTyping:
    """A channel without the method (the web chat has no platform to ask)."""


def _incoming(channel: str = "zalo", chat: str = "c1") -> Incoming:
    return Incoming(channel=channel, user_id=chat, chat_id=chat, dedupe_key="k", kind="text")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_show_returns_before_the_call_and_the_call_follows() -> None:
    channel = Recorder(gate=asyncio.Event())
    indicator = TypingIndicator({"zalo": channel}, after=0.0)
    indicator.show(_incoming())  # synchronous: it cannot wait for the platform
    await _settle()
    assert channel.chats == ["c1"]
    channel.gate.set()  # type: ignore[union-attr]
    await _settle()
    await indicator.close()


async def test_throttled_per_chat_not_per_channel() -> None:
    channel, clock = Recorder(), Clock()
    indicator = TypingIndicator({"zalo": channel}, every=3.0, after=0.0, clock=clock)
    for chat, advance in (("a", 0.0), ("a", 1.0), ("b", 0.0), ("a", 2.5), ("a", 0.1)):
        clock.now += advance
        indicator.show(_incoming(chat=chat))
        await _settle()  # each bubble goes out before the next update
    assert channel.chats == ["a", "b", "a"]


@pytest.mark.parametrize("error", [TransientError("down"), RuntimeError("client closed")])
async def test_failures_are_swallowed(error: Exception, caplog: pytest.LogCaptureFixture) -> None:
    channel = Recorder(error=error)
    indicator = TypingIndicator({"zalo": channel}, after=0.0)
    indicator.show(_incoming())
    await _settle()
    assert channel.chats == ["c1"]
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


async def test_channels_without_typing_and_unknown_channels_are_skipped() -> None:
    indicator = TypingIndicator({"web": NoTyping()}, after=0.0)
    indicator.show(_incoming(channel="web"))
    indicator.show(_incoming(channel="telegram"))
    await indicator.close()


def test_without_a_running_loop_nothing_happens() -> None:
    channel = Recorder()
    TypingIndicator({"zalo": channel}).show(_incoming())
    assert channel.chats == []


async def test_close_cancels_a_hanging_call() -> None:
    channel = Recorder(gate=asyncio.Event())
    indicator = TypingIndicator({"zalo": channel}, after=0.0)
    indicator.show(_incoming())
    await _settle()
    await asyncio.wait_for(indicator.close(), timeout=1.0)


async def test_a_reply_before_the_delay_cancels_the_bubble() -> None:
    channel = Recorder()
    indicator = TypingIndicator({"zalo": channel}, after=3600.0)
    indicator.show(_incoming(chat="a"))
    indicator.show(_incoming(chat="b"))
    await _settle()
    assert indicator.waiting == 2
    indicator.replied("zalo", "a")
    indicator.replied("telegram", "b")  # another channel's chat of the same id: not this one
    await _settle()
    assert (channel.chats, indicator.waiting) == ([], 1)
    await indicator.close()
    assert channel.chats == []


async def test_a_late_reply_comes_after_the_bubble_and_cancels_nothing() -> None:
    channel = Recorder()
    indicator = TypingIndicator({"zalo": channel}, after=0.0)
    indicator.show(_incoming())
    await _settle()
    indicator.replied("zalo", "c1")
    assert (channel.chats, indicator.waiting) == (["c1"], 0)


async def test_a_cancelled_bubble_does_not_throttle_the_next_update() -> None:
    channel, clock = Recorder(), Clock()
    indicator = TypingIndicator({"zalo": channel}, every=3.0, after=0.0, clock=clock)
    indicator.show(_incoming())
    indicator.replied("zalo", "c1")  # the reply went out before the bubble: none was shown
    clock.now += 1.0
    indicator.show(_incoming())  # within `every`, yet the chat has seen no bubble
    indicator.show(_incoming())  # but only one at a time
    await _settle()
    assert channel.chats == ["c1"]


async def test_a_replica_that_does_not_lead_sends_the_bubble_at_once() -> None:
    channel = Recorder()
    indicator = TypingIndicator({"zalo": channel}, after=3600.0)
    indicator.leading = False  # no sender here to say the reply went out
    indicator.show(_incoming())
    await _settle()
    assert (channel.chats, indicator.waiting) == (["c1"], 0)


async def test_bubbles_in_flight_are_few_and_the_rest_are_skipped_not_queued() -> None:
    channel = Recorder(gate=asyncio.Event())  # the platform is slow: every bubble hangs
    indicator = TypingIndicator({"zalo": channel}, after=0.0, in_flight=2)
    for chat in ("a", "b", "c", "d"):
        indicator.show(_incoming(chat=chat))
    await _settle()
    assert channel.chats == ["a", "b"]  # c and d were skipped: replies never wait behind them
    channel.gate.set()  # type: ignore[union-attr]
    await _settle()
    indicator.show(_incoming(chat="c"))  # a skipped chat may show one with its next update
    await _settle()
    assert channel.chats == ["a", "b", "c"]
    await indicator.close()
