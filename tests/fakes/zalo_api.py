"""A real local fake of the Zalo Bot Platform API, served over HTTP by uvicorn in a thread."""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.local_server import LocalServer
from tests.fakes.zalo_methods import Call, Failure, Reply, ZaloState, answer, error, ok

DEFAULT_TOKEN = "1234567890123456789:FakeZaloBotTokenAbCdEfGhIjKlMnOpQrStUvWx"
T = TypeVar("T")

__all__ = ["DEFAULT_TOKEN", "Call", "FakeZaloApi"]


class FakeZaloApi:
    """POST {url}/bot{token}/{method} with the platform's JSON shapes and failure modes.

    A context manager (or start()/stop()). Requests are served on the server's own
    thread, so every look at the state goes through its lock.
    """

    def __init__(self, *, token: str = DEFAULT_TOKEN, poll_wait: float = 0.3) -> None:
        self.token = token
        self.poll_wait = poll_wait  # caps a long poll so tests never wait the full timeout
        self._state = ZaloState()
        self._photos: dict[str, bytes] = {}  # Zalo's photo CDN stand-in, guarded by the lock
        self._local = LocalServer("fake-zalo-api")

    @property
    def url(self) -> str:
        """The api_url to hand to ZaloChannel."""
        if not self._local.port:
            raise RuntimeError("FakeZaloApi is not started")
        return f"http://127.0.0.1:{self._local.port}"

    @property
    def webhook(self) -> dict[str, Any]:
        """{"url", "secret_token", "updated_at"} as last set (url "" when none)."""
        with self._state.lock:
            return dict(self._state.webhook)

    def start(self) -> FakeZaloApi:
        routes = [
            Route("/bot{token}/{method}", self._handle, methods=["GET", "POST"]),
            Route("/photos/{name}", self._photo, methods=["GET"]),
        ]
        self._local.start(Starlette(routes=routes))
        return self

    def stop(self) -> None:
        self._local.stop()

    def __enter__(self) -> FakeZaloApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def calls(self, method: str | None = None) -> list[Call]:
        with self._state.lock:
            return [c for c in self._state.calls if method is None or c.method == method]

    def messages_to(self, chat_id: str) -> list[str]:
        """Texts sendMessage accepted for a chat, in order."""
        with self._state.lock:
            return list(self._state.delivered.get(str(chat_id), []))

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Poll `predicate` until truthy and return its value (blocks this thread)."""
        deadline = time.monotonic() + timeout
        while not (result := predicate()):
            if time.monotonic() > deadline:
                raise AssertionError(f"fake Zalo API: condition not met within {timeout}s")
            time.sleep(0.01)
        return result

    async def wait_for_async(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Like wait_for, but yields, so a sender running in the test's own loop progresses."""
        deadline = time.monotonic() + timeout
        while not (result := predicate()):
            if time.monotonic() > deadline:
                raise AssertionError(f"fake Zalo API: condition not met within {timeout}s")
            await asyncio.sleep(0.01)
        return result

    def reset(self) -> None:
        """Forget calls, deliveries, queued updates, failures, blocks, limits and webhook."""
        with self._state.lock:
            self._state.clear()

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue a flat update for getUpdates (served one per call, in order)."""
        with self._state.lock:
            self._state.updates.append(update)

    def fail_next(
        self,
        method: str,
        status: int = 500,
        *,
        retry_after: float | None = None,
        times: int = 1,
        http_status: int | None = None,
        description: str | None = None,
        after: int = 0,
    ) -> None:
        """After letting `after` calls through, the next `times` calls of `method` fail.

        The body carries error_code `status`; `http_status` defaults to `status`. Pass
        http_status=200 to mimic an error carried only in the body, as Zalo does for 408.
        """
        failures = [
            Failure(status, http_status or status, retry_after, description) for _ in range(times)
        ]
        failures[0].after = after  # times < 1 is a test bug: IndexError says so
        with self._state.lock:
            self._state.failures.setdefault(method, deque()).extend(failures)

    def block_chat(self, chat_id: str) -> None:
        """Sends to this chat answer 403, as when the user blocked the bot."""
        with self._state.lock:
            self._state.blocked.add(str(chat_id))

    def unblock_chat(self, chat_id: str) -> None:
        with self._state.lock:
            self._state.blocked.discard(str(chat_id))

    def rate_limit(self, per_second: float | None) -> None:
        """Cap sendMessage+sendPhoto at `per_second` over a sliding second (None: off)."""
        with self._state.lock:
            self._state.rate = per_second
            self._state.sent_at.clear()

    def add_photo(self, name: str, data: bytes) -> str:
        """Serve `data` as a user's photo (what message.image.received links to); its URL."""
        with self._state.lock:
            self._photos[name] = data
        return f"{self.url}/photos/{name}"

    async def _photo(self, request: Request) -> Response:
        with self._state.lock:
            data = self._photos.get(request.path_params["name"])
        if data is None:  # an expired CDN link looks like this
            return Response(status_code=404)
        return Response(data, media_type="image/jpeg")

    async def _handle(self, request: Request) -> JSONResponse:
        token, method = request.path_params["token"], request.path_params["method"]
        params = await _read_params(request)
        authorized = token == self.token
        with self._state.lock:
            self._state.calls.append(Call(method, params or {}, time.monotonic(), authorized))
            refusal = (
                self._state.refusal(method, params) if authorized and params is not None else None
            )
        if not authorized:
            status, body = error(401, "Unauthorized")
        elif params is None:
            status, body = error(400, "Bad Request: body is not a JSON object")
        elif refusal is not None:
            status, body = refusal
        elif method == "getUpdates":
            status, body = await self._get_updates(params)
        else:
            status, body = answer(self._state, self.token.split(":", 1)[0], method, params)
        return JSONResponse(body, status_code=status)

    async def _get_updates(self, params: dict[str, Any]) -> Reply:
        try:
            wanted = float(params.get("timeout", 30))
        except (TypeError, ValueError):
            return error(400, "Bad Request: timeout must be a number")
        deadline = time.monotonic() + min(max(wanted, 0.0), self.poll_wait)
        while True:
            with self._state.lock:
                update = self._state.updates.popleft() if self._state.updates else None
            if update is not None:
                return ok(update)
            if time.monotonic() >= deadline:
                # What Zalo really answers when the wait ends empty: HTTP 200, ok false.
                return error(408, "Request timeout", http_status=200)
            await asyncio.sleep(0.01)


async def _read_params(request: Request) -> dict[str, Any] | None:
    """JSON body for POST, query string for GET; None when the body is not a JSON object."""
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
