"""A real local fake of the Zalo Bot Platform API, served over HTTP by uvicorn in a thread."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

DEFAULT_TOKEN = "1234567890123456789:FakeZaloBotTokenAbCdEfGhIjKlMnOpQrStUvWx"
MAX_TEXT = 2000
_SENDS = ("sendMessage", "sendPhoto")


@dataclass(frozen=True)
class Call:
    """One request the fake received. `at` is time.monotonic() on arrival."""

    method: str
    params: dict[str, Any]
    at: float
    authorized: bool


@dataclass
class _Failure:
    status: int
    http_status: int
    retry_after: float | None
    description: str | None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _error(
    code: int, description: str, *, http_status: int | None = None, **more: Any
) -> JSONResponse:
    body = {"ok": False, "error_code": code, "description": description, **more}
    return JSONResponse(body, status_code=http_status or code)


def _ok(result: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result})


class FakeZaloApi:
    """POST {url}/bot{token}/{method}, with the platform's JSON shapes and failure modes.

    Use as a context manager (or start()/stop()). Everything a test scripts or inspects
    goes through a lock, because requests are served on the server's own thread.
    """

    def __init__(self, *, token: str = DEFAULT_TOKEN, poll_wait: float = 0.3) -> None:
        self.token = token
        self.poll_wait = poll_wait  # caps a long poll so tests never wait the full timeout
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._updates: deque[dict[str, Any]] = deque()
        self._failures: dict[str, deque[_Failure]] = {}
        self._blocked: set[str] = set()
        self._rate: float | None = None
        self._sent_at: deque[float] = deque()
        self._delivered: dict[str, list[str]] = {}
        self.webhook: dict[str, Any] = {"url": "", "secret_token": "", "updated_at": 0}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

    # -- lifecycle -------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The api_url to hand to ZaloChannel."""
        if not self._port:
            raise RuntimeError("FakeZaloApi is not started")
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> FakeZaloApi:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        app = Starlette(
            routes=[Route("/bot{token}/{method}", self._handle, methods=["GET", "POST"])]
        )
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="fake-zalo-api", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("fake Zalo API did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> FakeZaloApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- inspection ------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def messages_to(self, chat_id: str) -> list[str]:
        """Texts successfully delivered to a chat by sendMessage, in order."""
        with self._lock:
            return list(self._delivered.get(str(chat_id), []))

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"fake Zalo API: condition not met within {timeout}s")
            time.sleep(0.01)

    def reset(self) -> None:
        """Forget calls, deliveries, queued updates, failures, blocks and rate limits."""
        with self._lock:
            self._calls.clear()
            self._delivered.clear()
            self._updates.clear()
            self._failures.clear()
            self._blocked.clear()
            self._rate = None
            self._sent_at.clear()
            self.webhook = {"url": "", "secret_token": "", "updated_at": 0}

    # -- scripting -------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue a flat update for getUpdates (served one per call, in order)."""
        with self._lock:
            self._updates.append(update)

    def fail_next(
        self,
        method: str,
        status: int = 500,
        *,
        retry_after: float | None = None,
        times: int = 1,
        http_status: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of `method` fail with error_code `status`.

        `http_status` defaults to `status`; pass 200 to mimic an error carried only in
        the body ({"ok": false, "error_code": …} with HTTP 200), as Zalo does for 408.
        """
        failure = _Failure(status, http_status or status, retry_after, description)
        with self._lock:
            self._failures.setdefault(method, deque()).extend([failure] * times)

    def block_chat(self, chat_id: str) -> None:
        """Sends to this chat answer 403, as when the user blocked the bot."""
        with self._lock:
            self._blocked.add(str(chat_id))

    def rate_limit(self, per_second: float | None) -> None:
        """Cap sendMessage+sendPhoto to `per_second` over a sliding second (None: off)."""
        with self._lock:
            self._rate = per_second
            self._sent_at.clear()

    # -- serving ---------------------------------------------------------------------

    async def _handle(self, request: Request) -> JSONResponse:
        token, method = request.path_params["token"], request.path_params["method"]
        params = await self._params(request)
        authorized = token == self.token
        with self._lock:
            self._calls.append(Call(method, params or {}, time.monotonic(), authorized))
        if not authorized:
            return _error(401, "Unauthorized")
        if params is None:
            return _error(400, "Bad Request: body is not a JSON object")
        refusal = self._refusal(method, params)
        if refusal is not None:
            return refusal
        if method == "getUpdates":
            return await self._get_updates(params)
        handler = self._handlers.get(method)
        if handler is None:
            return _error(404, f"Not Found: method {method}")
        return handler(self, params)

    @staticmethod
    async def _params(request: Request) -> dict[str, Any] | None:
        if request.method == "GET":
            return dict(request.query_params)
        raw = await request.body()
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def _refusal(self, method: str, params: dict[str, Any]) -> JSONResponse | None:
        """An injected failure, a blocked chat or the rate limit, in that order."""
        with self._lock:
            queue = self._failures.get(method)
            failure = queue.popleft() if queue else None
            blocked = method in _SENDS and str(params.get("chat_id")) in self._blocked
            limited = method in _SENDS and self._over_rate()
        if failure is not None:
            extra: dict[str, Any] = {}
            if failure.retry_after is not None:
                extra["parameters"] = {"retry_after": failure.retry_after}
            text = failure.description or f"Injected failure {failure.status}"
            return _error(failure.status, text, http_status=failure.http_status, **extra)
        if blocked:
            return _error(403, "Forbidden: the user has blocked the bot")
        if limited:
            return _error(429, "Too Many Requests", parameters={"retry_after": 1})
        return None

    def _over_rate(self) -> bool:
        """Sliding one-second window; call with the lock held."""
        if self._rate is None:
            return False
        now = time.monotonic()
        while self._sent_at and now - self._sent_at[0] >= 1.0:
            self._sent_at.popleft()
        if len(self._sent_at) >= self._rate:
            return True
        self._sent_at.append(now)
        return False

    async def _get_updates(self, params: dict[str, Any]) -> JSONResponse:
        try:
            wanted = float(params.get("timeout", 30))
        except (TypeError, ValueError):
            return _error(400, "Bad Request: timeout must be a number")
        deadline = time.monotonic() + min(max(wanted, 0.0), self.poll_wait)
        while True:
            with self._lock:
                update = self._updates.popleft() if self._updates else None
            if update is not None:
                return _ok(update)
            if time.monotonic() >= deadline:
                # What Zalo really answers when the wait ends empty: HTTP 200, ok false.
                return _error(408, "Request timeout", http_status=200)
            await asyncio.sleep(0.01)

    def _send_message(self, params: dict[str, Any]) -> JSONResponse:
        chat_id, text = params.get("chat_id"), params.get("text")
        if not isinstance(chat_id, str) or not chat_id:
            return _error(400, "Bad Request: chat_id is required")
        if not isinstance(text, str) or not 1 <= _utf16_len(text) <= MAX_TEXT:
            return _error(400, f"Bad Request: text must be 1-{MAX_TEXT} characters")
        with self._lock:
            self._delivered.setdefault(chat_id, []).append(text)
        return _ok({"message_id": uuid.uuid4().hex[:20], "date": int(time.time() * 1000)})

    def _send_photo(self, params: dict[str, Any]) -> JSONResponse:
        chat_id, photo = params.get("chat_id"), params.get("photo")
        if not isinstance(chat_id, str) or not chat_id:
            return _error(400, "Bad Request: chat_id is required")
        if not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
            return _error(400, "Bad Request: photo must be a URL")
        return _ok({"message_id": uuid.uuid4().hex[:20], "date": int(time.time() * 1000)})

    def _send_chat_action(self, params: dict[str, Any]) -> JSONResponse:
        if not params.get("chat_id") or params.get("action") not in ("typing", "upload_photo"):
            return _error(400, "Bad Request: chat_id and action (typing|upload_photo) required")
        return _ok(True)

    def _set_webhook(self, params: dict[str, Any]) -> JSONResponse:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith("https://"):
            return _error(400, "Bad Request: url must be an https URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            return _error(400, "Bad Request: secret_token must be 8-256 characters")
        with self._lock:
            self.webhook = {"url": url, "secret_token": secret, "updated_at": _now_ms()}
            return _ok({"url": url, "updated_at": self.webhook["updated_at"]})

    def _delete_webhook(self, params: dict[str, Any]) -> JSONResponse:
        with self._lock:
            self.webhook = {"url": "", "secret_token": "", "updated_at": _now_ms()}
            return _ok({"url": "", "updated_at": self.webhook["updated_at"]})

    def _get_webhook_info(self, params: dict[str, Any]) -> JSONResponse:
        with self._lock:
            return _ok({"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]})

    def _get_me(self, params: dict[str, Any]) -> JSONResponse:
        bot_id = self.token.split(":", 1)[0]
        return _ok(
            {
                "id": bot_id,
                "account_name": "bot.SangKienFake",
                "account_type": "BASIC",
                "can_join_groups": False,
            }
        )

    _handlers: dict[str, Callable[[FakeZaloApi, dict[str, Any]], JSONResponse]] = {
        "sendMessage": _send_message,
        "sendPhoto": _send_photo,
        "sendChatAction": _send_chat_action,
        "setWebhook": _set_webhook,
        "deleteWebhook": _delete_webhook,
        "getWebhookInfo": _get_webhook_info,
        "getMe": _get_me,
    }


def _now_ms() -> int:
    return int(time.time() * 1000)
