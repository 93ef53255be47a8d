"""python-telegram-bot's request layer on aiohttp: the Bot API calls of the Telegram channel.

PTB ships a request class on httpx. Under a crowd it cost the server 1.5 ms of CPU per call
against a local Bot API, mostly in httpcore (every request checks every pooled connection,
each check asks the socket for its peer name); this one costs about 0.4 ms (bench/, issue
14). PTB still builds the requests and reads the answers: its errors (RetryAfter, Forbidden,
BadRequest, 5xx) come from the status and body returned here, as with its own class.

A ClientSession belongs to the event loop it was made in: one is made on first use in the
running loop, and again if the channel is later used from another loop (a CLI command, a
test), so that the class behaves like PTB's, which has no such tie.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress

import aiohttp
from telegram._utils.defaultvalue import DefaultValue  # what PTB passes for "not given"
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """Keeps up to `pool_size` connections to the Bot API; timeouts in seconds."""

    def __init__(self, *, pool_size: int, timeout: float) -> None:
        self._pool_size = pool_size
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def read_timeout(self) -> float:
        return self._timeout

    async def initialize(self) -> None:
        self._client()

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is None or session.closed:
            return
        if self._loop is asyncio.get_running_loop():
            await session.close()
        else:  # made in a loop that has ended: its sockets can only be dropped
            _drop(session)

    def _client(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            if self._session is not None and not self._session.closed:
                _drop(self._session)
            self._loop = loop
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                # The response is read whole by one call: sock_read bounds each wait.
                timeout=aiohttp.ClientTimeout(total=None),
                # HTTPS_PROXY / NO_PROXY, as PTB's httpx class honoured them: a province's
                # servers may reach the internet only through a proxy.
                trust_env=True,
            )
        return self._session

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        # aiohttp has no write timeout: a request body is bounded by the whole call instead.
        read = self._seconds(read_timeout)
        timeout = aiohttp.ClientTimeout(
            total=None if read is None else read + self._seconds_or(write_timeout, read),
            connect=self._seconds(pool_timeout),  # waiting for a free connection, then connecting
            sock_connect=self._seconds(connect_timeout),
            sock_read=read,
        )
        try:
            async with self._client().request(
                method,
                url,
                data=_body(request_data),
                headers={"User-Agent": self.USER_AGENT},
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        # The text names the host and the cause, as PTB's httpx class does; a URL in it (an
        # invalid one) carries the token, which the channel redacts from every error it
        # raises. `from None`: the chained error would keep the request, unredacted.
        except TimeoutError as exc:  # aiohttp's timeouts are TimeoutError too
            raise TimedOut(f"aiohttp.{type(exc).__name__}: {exc}") from None
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from None

    def _seconds(self, value: ODVInput[float]) -> float | None:
        if isinstance(value, DefaultValue):
            return self._timeout
        return value

    def _seconds_or(self, value: ODVInput[float], fallback: float) -> float:
        seconds = self._seconds(value)
        return fallback if seconds is None else seconds


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields as PTB's own class sends them; a file makes the form multipart."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, part in request_data.multipart_data.items():
        filename, content, mime = part
        form.add_field(name, content, filename=filename, content_type=mime)
    return form


def _drop(session: aiohttp.ClientSession) -> None:
    """Let go of a session whose loop is not running here: its sockets are closed now, as
    nothing can be awaited in a loop that has ended."""
    connector = session.connector
    session.detach()
    if connector is not None:
        with suppress(Exception):
            connector._close()  # the synchronous part of close(); its waiters need the old loop
