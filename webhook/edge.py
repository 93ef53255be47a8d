"""What every request meets before its route: a hard body cap and a URL without NUL.

The cap holds whatever the headers say. A declared Content-Length over it is refused at
once (nothing is read); a chunked body, or one longer than it claims, is cut off as soon as
the count passes the cap: the route's read raises BodyTooLarge and the answer is 413.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "Nội dung gửi lên quá lớn."
BAD_URL = "Địa chỉ không hợp lệ."


class BodyTooLarge(HTTPException):
    """The body passed `limit` bytes; raised from the request's receive channel."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, TOO_LARGE)
        self.limit = limit


@dataclass(frozen=True)
class BodyLimits:
    """The byte cap for a request path: the first matching prefix, else `default`."""

    default: int
    prefixes: tuple[tuple[str, int], ...] = ()

    def for_path(self, path: str) -> int:
        for prefix, limit in self.prefixes:
            if path.startswith(prefix):
                return limit
        return self.default


def install(app: FastAPI, limits: BodyLimits) -> None:
    """Put the guard in front of every route; a cut-off body anywhere answers 413."""
    app.add_middleware(EdgeGuard, limits=limits)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(RequestValidationError, _invalid)


async def _too_large(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": TOO_LARGE}, status_code=413, headers={"Connection": "close"})


async def _invalid(request: Request, exc: Exception) -> Response:
    # FastAPI's own answer echoes the input, which may hold a lone surrogate that UTF-8
    # cannot encode (a 500): escape everything outside ASCII instead.
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    body = json.dumps({"detail": jsonable_encoder(errors)}, ensure_ascii=True)
    return Response(body, status_code=422, media_type="application/json")


class EdgeGuard:
    """ASGI middleware: refuses NUL in the URL (400) and caps every request body (413)."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if "\x00" in scope["path"] or b"%00" in query or b"\x00" in query:
            await _refuse(send, 400, BAD_URL)
            return
        limit = self.limits.for_path(scope["path"])
        declared = _content_length(scope)
        if declared is None or declared > limit:
            await _refuse(send, 400 if declared is None else 413, TOO_LARGE)
            return
        started = False
        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, capped_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, 413, TOO_LARGE)


def _content_length(scope: Scope) -> int | None:
    """The declared length (0 when absent); None when it is malformed or repeated."""
    values = [v for k, v in scope.get("headers", []) if k.lower() == b"content-length"]
    if not values:
        return 0
    if len(values) > 1 or not values[0].isdigit() or len(values[0]) > 18:
        return None
    return int(values[0])


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),  # the rest of an oversize body is never read
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def stream(request: Request, limit: int) -> AsyncIterator[bytes]:
    """The body chunk by chunk, raising BodyTooLarge once more than `limit` bytes came."""
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and int(length) > limit:
        raise BodyTooLarge(limit)
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise BodyTooLarge(limit)
        yield chunk


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, at most `limit` bytes (a smaller cap than the app-wide one)."""
    body = bytearray()
    async for chunk in stream(request, limit):
        body += chunk
    return bytes(body)
