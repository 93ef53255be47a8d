"""The fake Telegram server's mutable state: recorded calls, deliveries, scripts, files."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fakes.telegram_limits import SendLimits


@dataclass(frozen=True)
class Call:
    """One request the fake answered (recorded in completion order)."""

    method: str
    params: dict[str, Any]
    time: float  # time.monotonic() when the request arrived
    status: int
    via_webhook_reply: bool = False  # made by answering a webhook delivery, not by a request


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part (sendDocument, sendPhoto)."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class Sent:
    """A message the fake accepted and "delivered"."""

    method: str
    chat_id: str
    text: str | None
    message: dict[str, Any]
    params: dict[str, Any]


@dataclass(frozen=True)
class Failure:
    """A scripted answer that replaces the next call of one method."""

    status: int
    description: str
    retry_after: int | None = None


_DESCRIPTIONS = {
    400: "Bad Request: scripted failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def failure_for(status: int, retry_after: int | None, description: str | None) -> Failure:
    if status == 429:
        wait = retry_after or 1
        return Failure(429, description or f"Too Many Requests: retry after {wait}", wait)
    return Failure(status, description or _DESCRIPTIONS.get(status, "Scripted failure"), None)


class FakeState:
    """Everything the fake knows; every access from either thread holds `lock`."""

    def __init__(self, token: str, bot_username: str, poll_cap: float) -> None:
        self.lock = threading.Lock()
        self.token = token
        self.poll_cap = poll_cap  # long polls end sooner than Telegram's, to keep tests fast
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Trợ lý Sáng kiến",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._message_id = 0  # never reset: message ids only ever grow
        self._update_id = 0
        self.listener: Callable[[Call], None] | None = None  # bench timing; survives reset()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.calls: list[Call] = []
            self.sent: list[Sent] = []
            self.failures: dict[str, deque[Failure]] = {}
            self.delays: dict[str, deque[float]] = {}
            self.blocked: set[str] = set()
            self.missing: set[str] = set()
            self.updates: list[dict[str, Any]] = []
            self.files: dict[str, tuple[str, bytes]] = {}
            self.webhook: dict[str, Any] = {}
            self.limits: SendLimits | None = None

    def next_message_id(self) -> int:
        with self.lock:
            self._message_id += 1
            return self._message_id

    def queue_update(self, update: dict[str, Any]) -> int:
        with self.lock:
            update_id = update.get("update_id")
            if not isinstance(update_id, int):
                update_id = max(self._update_id, 0) + 1
                update = {"update_id": update_id, **update}
            self._update_id = max(self._update_id, update_id)
            self.updates.append(update)
            return update_id

    def pop_failure(self, method: str) -> Failure | None:
        with self.lock:
            queue = self.failures.get(method)
            return queue.popleft() if queue else None

    def pop_delay(self, method: str) -> float:
        with self.lock:
            queue = self.delays.get(method)
            return queue.popleft() if queue else 0.0

    def record(
        self,
        method: str,
        params: dict[str, Any],
        arrived: float,
        status: int,
        *,
        via_webhook_reply: bool = False,
    ) -> None:
        call = Call(method, params, arrived, status, via_webhook_reply)
        with self.lock:
            self.calls.append(call)
            listener = self.listener
        if listener is not None:
            listener(call)

    def message(self, chat_id: str, **content: Any) -> dict[str, Any]:
        """A Message object as the Bot API returns it for a message the bot sent."""
        numeric = int(chat_id) if chat_id.lstrip("-").isdigit() else 0
        if numeric > 0:
            chat: dict[str, Any] = {"id": numeric, "type": "private", "first_name": "Người dùng"}
        else:
            kind = "supergroup" if chat_id.startswith("-100") else "group"
            chat = {"id": numeric, "type": kind, "title": "Nhóm thử nghiệm"}
        return {
            "message_id": self.next_message_id(),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
