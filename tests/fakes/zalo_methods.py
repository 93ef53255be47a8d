"""The fake Zalo Bot API's state and its methods' answers (checks, JSON shapes), without HTTP."""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

MAX_TEXT = 2000
SENDS = ("sendMessage", "sendPhoto")
BOT_PROFILE = {
    "account_name": "bot.SangKienFake",
    "account_type": "BASIC",
    "can_join_groups": False,
}

Reply = tuple[int, dict[str, Any]]  # (HTTP status, JSON body)


@dataclass(frozen=True)
class Call:
    """One request the fake received. `at` is time.monotonic() on arrival."""

    method: str
    params: dict[str, Any]
    at: float
    authorized: bool


@dataclass
class Failure:
    status: int
    http_status: int
    retry_after: float | None
    description: str | None
    after: int = 0  # calls to let through before this failure applies


def _no_webhook() -> dict[str, Any]:
    return {"url": "", "secret_token": "", "updated_at": 0}


@dataclass
class ZaloState:
    """Everything the fake remembers; touch it only while holding `lock`."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    calls: list[Call] = field(default_factory=list)
    delivered: dict[str, list[str]] = field(default_factory=dict)
    updates: deque[dict[str, Any]] = field(default_factory=deque)
    failures: dict[str, deque[Failure]] = field(default_factory=dict)
    blocked: set[str] = field(default_factory=set)
    rate: float | None = None
    sent_at: deque[float] = field(default_factory=deque)
    webhook: dict[str, Any] = field(default_factory=_no_webhook)

    def clear(self) -> None:
        """Back to a fresh state, keeping the lock (call with it held)."""
        fresh = ZaloState()
        for spec in fields(self):
            if spec.name != "lock":
                setattr(self, spec.name, getattr(fresh, spec.name))

    def refusal(self, method: str, params: dict[str, Any]) -> Reply | None:
        """An injected failure, a blocked chat or the rate limit, in that order (lock held)."""
        queue = self.failures.get(method)
        if queue and queue[0].after > 0:
            queue[0].after -= 1
        elif queue:
            failure = queue.popleft()
            more = {"parameters": {"retry_after": failure.retry_after}}
            text = failure.description or f"Injected failure {failure.status}"
            if failure.retry_after is None:
                more = {}
            return error(failure.status, text, http_status=failure.http_status, **more)
        if method in SENDS and str(params.get("chat_id")) in self.blocked:
            return error(403, "Forbidden: the user has blocked the bot")
        if method in SENDS and self._over_rate():
            return error(429, "Too Many Requests", parameters={"retry_after": 1})
        return None

    def _over_rate(self) -> bool:
        """A sliding one-second window over successful and refused sends alike."""
        if self.rate is None:
            return False
        now = time.monotonic()
        while self.sent_at and now - self.sent_at[0] >= 1.0:
            self.sent_at.popleft()
        if len(self.sent_at) >= self.rate:
            return True
        self.sent_at.append(now)
        return False


def error(code: int, description: str, *, http_status: int | None = None, **more: Any) -> Reply:
    return http_status or code, {
        "ok": False,
        "error_code": code,
        "description": description,
        **more,
    }


def ok(result: Any) -> Reply:
    return 200, {"ok": True, "result": result}


def answer(state: ZaloState, bot_id: str, method: str, params: dict[str, Any]) -> Reply:
    """Answer every method but getUpdates (which waits, so the server runs it itself)."""
    if method == "getMe":
        return ok({"id": bot_id, **BOT_PROFILE})
    handler = _METHODS.get(method)
    if handler is None:
        return error(404, f"Not Found: method {method}")
    with state.lock:
        return handler(state, params)


def utf16_len(text: str) -> int:
    """Zalo's clients count JavaScript string length: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _send_message(state: ZaloState, params: dict[str, Any]) -> Reply:
    chat_id, text = params.get("chat_id"), params.get("text")
    if not isinstance(chat_id, str) or not chat_id:
        return error(400, "Bad Request: chat_id is required")
    if not isinstance(text, str) or not 1 <= utf16_len(text) <= MAX_TEXT:
        return error(400, f"Bad Request: text must be 1-{MAX_TEXT} characters")
    state.delivered.setdefault(chat_id, []).append(text)
    return ok(_sent())


def _send_photo(state: ZaloState, params: dict[str, Any]) -> Reply:
    chat_id, photo = params.get("chat_id"), params.get("photo")
    if not isinstance(chat_id, str) or not chat_id:
        return error(400, "Bad Request: chat_id is required")
    if not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
        return error(400, "Bad Request: photo must be a URL")
    return ok(_sent())


def _send_chat_action(state: ZaloState, params: dict[str, Any]) -> Reply:
    if not params.get("chat_id") or params.get("action") not in ("typing", "upload_photo"):
        return error(400, "Bad Request: chat_id and action (typing|upload_photo) are required")
    return ok(True)


def _set_webhook(state: ZaloState, params: dict[str, Any]) -> Reply:
    url, secret = params.get("url"), params.get("secret_token")
    if not isinstance(url, str) or not url.startswith("https://"):
        return error(400, "Bad Request: url must be an https URL")
    if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
        return error(400, "Bad Request: secret_token must be 8-256 characters")
    state.webhook = {"url": url, "secret_token": secret, "updated_at": _now_ms()}
    return ok({"url": url, "updated_at": state.webhook["updated_at"]})


def _delete_webhook(state: ZaloState, params: dict[str, Any]) -> Reply:
    state.webhook = {**_no_webhook(), "updated_at": _now_ms()}
    return ok({"url": "", "updated_at": state.webhook["updated_at"]})


def _get_webhook_info(state: ZaloState, params: dict[str, Any]) -> Reply:
    return ok({"url": state.webhook["url"], "updated_at": state.webhook["updated_at"]})


_METHODS: dict[str, Callable[[ZaloState, dict[str, Any]], Reply]] = {
    "sendMessage": _send_message,
    "sendPhoto": _send_photo,
    "sendChatAction": _send_chat_action,
    "setWebhook": _set_webhook,
    "deleteWebhook": _delete_webhook,
    "getWebhookInfo": _get_webhook_info,
}


def _now_ms() -> int:
    return int(time.time() * 1000)


def _sent() -> dict[str, Any]:
    return {"message_id": uuid.uuid4().hex[:20], "date": _now_ms()}
