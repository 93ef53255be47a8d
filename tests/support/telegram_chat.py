"""Drives a conversation as a Telegram user: real update JSON posted to the real webhook."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterable
from typing import Any

import httpx

from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram
from tests.support.waiting import wait_quiet

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CODE = re.compile(r"\b(SK|HK)-\d{4}-\d{5}\b")
_update_ids = itertools.count(1000)


class TelegramUser:
    """One person chatting with the bot; every action is a webhook POST with the secret."""

    def __init__(
        self,
        *,
        base_url: str,
        secret: str,
        fake: FakeTelegram,
        user_id: int,
        client: httpx.Client | None = None,
    ) -> None:
        self.base_url = base_url
        self.secret = secret
        self.fake = fake
        self.user_id = user_id
        self.client = client or httpx.Client(timeout=30.0)
        self.last_update_id = 0

    def post(self, update: dict[str, Any], *, retries: int = 0) -> httpx.Response:
        self.last_update_id = int(update["update_id"])
        for attempt in range(retries + 1):
            try:
                return self.client.post(
                    f"{self.base_url}/webhook/telegram",
                    json=update,
                    headers={SECRET_HEADER: self.secret},
                )
            except httpx.TransportError:
                if attempt == retries:
                    raise
                time.sleep(0.5)
        raise AssertionError("unreachable")

    def act(self, kind: str, value: str) -> httpx.Response:
        update_id = next(_update_ids)
        if kind == "text":
            update = tu.text_update(update_id, self.user_id, value)
        elif kind == "command":
            command, _, argument = value.lstrip("/").partition(" ")
            update = tu.command_update(update_id, self.user_id, command, argument)
        elif kind == "choice":
            update = tu.callback_update(update_id, self.user_id, value)
        else:
            raise ValueError(f"unknown action {kind}")
        response = self.post(update)
        assert response.status_code == 200, response.text
        self.fake.webhook_reply(response)  # as Telegram does: a method in the answer is a call
        return response

    def play(self, script: Iterable[tuple[str, str]]) -> None:
        for kind, value in script:
            self.act(kind, value)

    def texts(self) -> list[str]:
        return self.fake.messages_to(self.user_id)

    def wait_for_text(self, pattern: str, timeout: float = 15.0) -> str:
        regex = re.compile(pattern)
        return self.fake.wait_for(
            lambda: next((t for t in reversed(self.texts()) if regex.search(t)), None), timeout
        )

    def wait_for_code(self, timeout: float = 15.0) -> str:
        text = self.wait_for_text(CODE.pattern, timeout)
        match = CODE.search(text)
        assert match
        return match.group(0)

    def wait_quiet(self, settle: float = 0.6, timeout: float = 15.0) -> list[str]:
        """Wait until no new message has arrived for `settle` seconds."""
        return wait_quiet(self.texts, settle, timeout)
