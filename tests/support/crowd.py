"""Many people chatting with the bot on Telegram at once, as the platform delivers them.

Each person posts their script's updates one at a time to the webhook and, like a person,
waits for the bot's next message before the next one (up to `reply_timeout`, then `think`). A delivery
that fails (connection dropped, 5xx) is redelivered with the same update_id until it is
acknowledged, as Telegram does. Used by the two-replica test and bench/replicas.py.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_state import Call
from tests.scripts import Script
from tests.support.apps import TELEGRAM_SECRET

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REDELIVER_FOR = 120.0  # seconds a delivery is retried before the crowd gives up on it


def update_for(update_id: int, user_id: int, kind: str, value: str) -> dict[str, Any]:
    if kind == "text":
        return tu.text_update(update_id, user_id, value)
    if kind == "command":
        command, _, argument = value.lstrip("/").partition(" ")
        return tu.command_update(update_id, user_id, command, argument)
    return tu.callback_update(update_id, user_id, value)


@dataclass
class CrowdResult:
    latencies: list[float] = field(default_factory=list)  # POST → the bot's next message
    no_reply: int = 0  # updates after which no message came within reply_timeout
    redeliveries: int = 0
    elapsed: float = 0.0

    @property
    def updates(self) -> int:
        return len(self.latencies) + self.no_reply


class Crowd:
    """`people` people from `first_user` on, each playing `script` (update ids unique)."""

    def __init__(
        self,
        fake: FakeTelegram,
        url: str,
        *,
        people: int,
        script: Script,
        first_user: int = 900_000,
        reply_timeout: float = 30.0,
        think: float = 0.0,
    ) -> None:
        self.fake = fake
        self.url = f"{url.rstrip('/')}/webhook/telegram"
        self.people = people
        self.script = script
        self.first_user = first_user
        self.reply_timeout = reply_timeout
        self.think = think  # seconds a person takes between a reply and their next update
        self.acknowledged = 0  # updates answered 200 so far (read from other threads)
        self.result = CrowdResult()
        self._replies: dict[str, asyncio.Event] = defaultdict(asyncio.Event)
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def total(self) -> int:
        return self.people * len(self.script)

    def user_ids(self) -> list[int]:
        return [self.first_user + n for n in range(self.people)]

    def run_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=lambda: asyncio.run(self.run()), name="crowd", daemon=True)
        thread.start()
        return thread

    async def run(self) -> CrowdResult:
        self._loop = asyncio.get_running_loop()
        self.fake.on_call(self._seen)
        limits = httpx.Limits(max_connections=self.people, max_keepalive_connections=self.people)
        try:
            async with httpx.AsyncClient(timeout=60, limits=limits) as client:
                start = time.monotonic()
                await asyncio.gather(*(self._person(client, n) for n in range(self.people)))
                self.result.elapsed = time.monotonic() - start
        finally:
            self.fake.on_call(None)
        return self.result

    def _seen(self, call: Call) -> None:  # in the fake's thread
        chat = call.params.get("chat_id")
        if call.method == "sendMessage" and chat is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._replies[str(chat)].set)

    async def _person(self, client: httpx.AsyncClient, n: int) -> None:
        user_id = self.first_user + n
        reply = self._replies[str(user_id)]
        for step, (kind, value) in enumerate(self.script):
            update = update_for(1_000 * user_id + step, user_id, kind, value)
            reply.clear()
            start = time.monotonic()
            await self._deliver(client, update)
            try:
                await asyncio.wait_for(reply.wait(), self.reply_timeout)
                self.result.latencies.append(time.monotonic() - start)
            except TimeoutError:
                self.result.no_reply += 1
            if self.think:
                await asyncio.sleep(self.think)

    async def _deliver(self, client: httpx.AsyncClient, update: dict[str, Any]) -> None:
        deadline = time.monotonic() + REDELIVER_FOR
        while True:
            try:
                response = await client.post(
                    self.url, json=update, headers={SECRET_HEADER: TELEGRAM_SECRET}
                )
                if response.status_code == 200:
                    self.acknowledged += 1
                    return
                if response.status_code < 500:
                    raise AssertionError(f"update refused: {response.status_code} {response.text}")
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"update {update['update_id']} never acknowledged")
            self.result.redeliveries += 1
            await asyncio.sleep(0.2)
