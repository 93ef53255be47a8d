"""A real local fake of the Telegram Bot API: HTTP on 127.0.0.1, scripted failures, records."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

import httpx
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.local_server import LocalServer
from tests.fakes.telegram_limits import SendLimits
from tests.fakes.telegram_methods import METHODS, error
from tests.fakes.telegram_state import Call, FakeState, Sent, UploadedFile, failure_for

__all__ = ["DEFAULT_TOKEN", "Call", "FakeTelegram", "Sent", "UploadedFile"]

DEFAULT_TOKEN = "123456789:AAHfakeTokenForTestsOnly-0123456789ab"
# Marks the fake's own request that carries out a method named in a webhook's answer.
VIA_WEBHOOK_REPLY = "X-Fake-Via-Webhook-Reply"
_JSON_PARAMS = ("reply_markup", "allowed_updates")  # form bodies carry these as JSON text
T = TypeVar("T")


class FakeTelegram:
    """The Bot API at `url` for bot `token`; use as a context manager or start()/stop().

    Calls go to {url}/bot{token}/{method}; files download from {url}/file/bot{token}/{path}.
    Every answered call is recorded (`calls()`), accepted sends are kept (`messages_to()`).
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "SangKienTestBot",
        poll_cap: float = 1.0,
    ) -> None:
        self.token = token
        self._state = FakeState(token, bot_username, poll_cap)
        self._local = LocalServer("fake-telegram")

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The api_url to configure (no trailing slash)."""
        if not self._local.port:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://127.0.0.1:{self._local.port}"

    @property
    def bot_user(self) -> dict[str, Any]:
        return dict(self._state.bot_user)

    def start(self) -> FakeTelegram:
        self._local.start(self._app())
        return self

    def stop(self) -> None:
        self._local.stop()

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget calls, deliveries, scripts, updates, files, webhook and rate limits."""
        self._state.reset()

    # -- scripting ---------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int = 429,
        *,
        retry_after: int | None = 1,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` fail with `status` (429 carries retry_after)."""
        failure = failure_for(status, retry_after, description)
        with self._state.lock:
            self._state.failures.setdefault(method, deque()).extend([failure] * times)

    def stop_failing(self, method: str) -> None:
        """Forget the failures still scripted for `method`: its calls succeed again."""
        with self._state.lock:
            self._state.failures.pop(method, None)

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next `times` calls of `method` answer only after `seconds` (for timeouts)."""
        with self._state.lock:
            self._state.delays.setdefault(method, deque()).extend([seconds] * times)

    def block_chat(self, chat_id: str | int) -> None:
        """Sends to the chat fail with 403 "Forbidden: bot was blocked by the user"."""
        with self._state.lock:
            self._state.blocked.add(str(chat_id))

    def unblock_chat(self, chat_id: str | int) -> None:
        with self._state.lock:
            self._state.blocked.discard(str(chat_id))

    def forget_chat(self, chat_id: str | int) -> None:
        """Sends to the chat fail with 400 "Bad Request: chat not found"."""
        with self._state.lock:
            self._state.missing.add(str(chat_id))

    def rate_limit(self, limits: SendLimits | None = None, *, enabled: bool = True) -> None:
        """Switch Telegram-like flood control on (default limits) or off (enabled=False)."""
        with self._state.lock:
            self._state.limits = (limits or SendLimits()) if enabled else None

    def on_call(self, listener: Callable[[Call], None] | None) -> None:
        """Call `listener` (in the fake's thread) with every call as it is recorded."""
        with self._state.lock:
            self._state.listener = listener

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; one without an update_id gets the next one."""
        return self._state.queue_update(update)

    def add_file(
        self, data: bytes, *, file_path: str | None = None, file_id: str | None = None
    ) -> str:
        """Store a file for getFile + download; returns its file_id."""
        file_id = file_id or f"BQACAgIAAxkBAAI{uuid.uuid4().hex}"
        with self._state.lock:
            self._state.files[file_id] = (
                file_path or f"documents/file_{len(self._state.files)}.bin",
                data,
            )
        return file_id

    def webhook_reply(self, answer: httpx.Response) -> Call | None:
        """Do what Telegram does with the answer to a webhook delivery: a JSON object naming
        a `method` is that Bot API call, made now (its result goes to nobody); any other
        answer is ignored. Returns the call, recorded with via_webhook_reply=True."""
        request = webhook_reply_request(answer)
        if request is None:
            return None
        method, params = request
        httpx.post(
            f"{self.url}/bot{self.token}/{method}",
            json=params,
            headers={VIA_WEBHOOK_REPLY: "1"},
            timeout=10,
        )
        return next(c for c in reversed(self.calls(method)) if c.via_webhook_reply)

    # -- inspection --------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._state.lock:
            return [c for c in self._state.calls if method is None or c.method == method]

    def sent(self, chat_id: str | int | None = None) -> list[Sent]:
        """Accepted sends (any method), in order, optionally to one chat."""
        with self._state.lock:
            return [s for s in self._state.sent if chat_id is None or s.chat_id == str(chat_id)]

    def messages_to(self, chat_id: str | int) -> list[str]:
        """Texts of the sendMessage calls the fake accepted for the chat, in order."""
        return [s.text or "" for s in self.sent(chat_id) if s.method == "sendMessage"]

    @property
    def webhook(self) -> dict[str, Any]:
        with self._state.lock:
            return dict(self._state.webhook)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        with self._state.lock:
            return list(self._state.updates)

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Poll `predicate` from a thread other than the client's until it is truthy."""
        deadline = time.monotonic() + timeout
        while not (result := predicate()):
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            time.sleep(0.01)
        return result

    async def wait_for_async(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Like wait_for, but yields to the event loop so an in-loop client keeps running."""
        deadline = time.monotonic() + timeout
        while not (result := predicate()):
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            await asyncio.sleep(0.01)
        return result

    # -- HTTP --------------------------------------------------------------------------

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._api, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
            ]
        )

    async def _api(self, request: Request) -> Response:
        arrived = time.monotonic()
        method = request.path_params["method"]
        try:
            params = await _read_params(request)
        except ValueError:  # JSONDecodeError, or a form that does not parse
            params, (status, body) = {}, error(400, "Bad Request: can't parse request body")
        else:
            status, body = await self._answer(request.path_params["token"], method, params)
        via = request.headers.get(VIA_WEBHOOK_REPLY) == "1"
        self._state.record(method, params, arrived, status, via_webhook_reply=via)
        return JSONResponse(body, status_code=status)

    async def _answer(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        if token != self.token:
            return error(401, "Unauthorized")
        if delay := self._state.pop_delay(method):
            await asyncio.sleep(delay)
        if failure := self._state.pop_failure(method):
            return error(failure.status, failure.description, failure.retry_after)
        handler = METHODS.get(method)
        if handler is None:
            return error(404, "Not Found")
        return await handler(self._state, params)

    async def _file(self, request: Request) -> Response:
        path = request.path_params["path"]
        with self._state.lock:
            valid = request.path_params["token"] == self.token
            data = next((d for p, d in self._state.files.values() if p == path), None)
        if not valid or data is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        return Response(data, media_type="application/octet-stream")


def webhook_reply_request(answer: httpx.Response) -> tuple[str, dict[str, Any]] | None:
    """The Bot API call a webhook's 2xx answer asks for (`method` plus its parameters)."""
    if not answer.is_success or not answer.headers.get("content-type", "").startswith(
        "application/json"
    ):
        return None
    try:
        body = answer.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("method"), str):
        return None
    params = {k: v for k, v in body.items() if k != "method"}
    return body["method"], params


async def _read_params(request: Request) -> dict[str, Any]:
    """Parameters from the query string, a JSON body, or a urlencoded/multipart form."""
    params: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await request.body()
        params.update(json.loads(body) if body else {})
    elif content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        async with request.form() as form:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    params[key] = UploadedFile(
                        value.filename, value.content_type, await value.read()
                    )
                else:
                    params[key] = value
    for key in _JSON_PARAMS:
        if isinstance(params.get(key), str):
            # Unparsable JSON stays text: the method answers "can't parse" like Telegram does.
            with contextlib.suppress(ValueError):
                params[key] = json.loads(params[key])
    return params
