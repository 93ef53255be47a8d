"""Drives a conversation as a Zalo user: real event JSON posted to the real webhook."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx

from tests.fakes import zalo_updates as zu
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN, ZALO_SECRET
from tests.support.waiting import wait_quiet

SECRET_HEADER = "X-Bot-Api-Secret-Token"
CODE = re.compile(r"\b(SK|HK)-\d{4}-\d{5}\b")


class ZaloUser:
    """One person on Zalo. Zalo has no buttons, so every choice is typed (a number or a label)."""

    def __init__(
        self,
        *,
        base_url: str,
        fake: FakeZaloApi,
        user_id: str,
        secret: str = ZALO_SECRET,
        client: httpx.Client | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.fake = fake
        self.user_id = user_id
        self.secret = secret
        self.client = client or httpx.Client(timeout=30.0)
        self.last_update: dict[str, Any] = {}

    def post(self, update: dict[str, Any], *, retries: int = 0) -> httpx.Response:
        self.last_update = update
        for attempt in range(retries + 1):
            try:
                return self.client.post(
                    f"{self.base_url}/webhook/zalo",
                    json=update,
                    headers={SECRET_HEADER: self.secret},
                )
            except httpx.TransportError:
                if attempt == retries:
                    raise
                time.sleep(0.5)
        raise AssertionError("unreachable")

    def say(self, text: str, **extra: Any) -> httpx.Response:
        response = self.post(zu.text_event(self.user_id, text, _message_id(), **extra))
        assert response.status_code == 200, response.text
        return response

    def act(self, kind: str, value: str) -> httpx.Response:
        """One step of a tests/scripts.py script; "choice" has no meaning on Zalo."""
        if kind == "text":
            return self.say(value)
        if kind == "command":
            return self.say(f"/{value}")
        raise ValueError(f"a Zalo user cannot {kind}: use a *_TEXT script")

    def play(self, script: Iterable[tuple[str, str]]) -> None:
        for kind, value in script:
            self.act(kind, value)

    def texts(self) -> list[str]:
        return self.fake.messages_to(self.user_id)

    def wait_for_text(self, pattern: str, timeout: float = 15.0, *, after: int = 0) -> str:
        """The latest delivered text (from index `after` on) matching `pattern`."""
        regex = re.compile(pattern)
        found = self.fake.wait_for(
            lambda: next((t for t in reversed(self.texts()[after:]) if regex.search(t)), None),
            timeout,
        )
        assert found is not None
        return found

    def wait_for_count(self, count: int, timeout: float = 15.0) -> list[str]:
        """All delivered texts, once there are at least `count` of them."""
        self.fake.wait_for(lambda: len(self.texts()) >= count, timeout)
        return self.texts()

    def wait_for_code(self, timeout: float = 15.0, *, after: int = 0) -> str:
        match = CODE.search(self.wait_for_text(CODE.pattern, timeout, after=after))
        assert match
        return match.group(0)

    def wait_quiet(self, settle: float = 0.6, timeout: float = 15.0) -> list[str]:
        """Wait until no new message has arrived for `settle` seconds."""
        return wait_quiet(self.texts, settle, timeout)


def _message_id() -> str:
    return uuid.uuid4().hex[:20]


def zalo_sections(db_url: str, data_dir: Path, *, zalo_url: str, zalo_token: str) -> dict[str, Any]:
    """A config file's sections for a real server with Zalo (webhook mode) and the API."""
    return {
        "server": {"data_dir": str(data_dir)},
        "database": {"url": db_url},
        "admin": {"api_token": ADMIN_TOKEN},
        "zalo": {
            "enabled": True,
            "token": zalo_token,
            "api_url": zalo_url,
            "mode": "webhook",
            "webhook_secret": ZALO_SECRET,
        },
    }
