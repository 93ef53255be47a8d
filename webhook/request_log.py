"""One log line per HTTP request: method, route template, status, duration, and the update
it carried. The route is the template (`/download/{token}`), so no URL value is ever logged."""

from __future__ import annotations

import hashlib
import logging
import time
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from webhook.logs import milliseconds

log = logging.getLogger("sangkien.request")
# Fields the handling of a request adds to its line (the update's key and channel).
_CURRENT: ContextVar[dict[str, object] | None] = ContextVar("request_fields", default=None)
# Probes, assets and the web chat's own polling: logged only at debug level.
QUIET = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/static/{name}"),
    ("GET", "/admin/desk.css"),
    ("GET", "/admin/desk.js"),
    ("GET", "/webchat/api/messages"),
}


def note(**fields: object) -> None:
    """Add fields to the line of the request being handled (no effect outside one)."""
    current = _CURRENT.get()
    if current is not None:
        current.update(fields)


def loggable_key(key: str) -> str:
    """The update key as logged: a web visitor's id (half of their cookie) is hashed."""
    channel, sep, rest = key.partition(":")
    if channel != "web" or not sep:
        return key
    visitor, _, message = rest.partition(":")
    return f"web:{hashlib.sha256(visitor.encode()).hexdigest()[:12]}:{message}"


class RequestLog:
    """ASGI middleware: times each request up to its last body byte (not background tasks)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        seen: dict[str, object] = {"status": 500}
        token = _CURRENT.set(seen)

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                seen.setdefault("duration_ms", milliseconds(start))
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            _CURRENT.reset(token)
            seen.setdefault("duration_ms", milliseconds(start))
            _write(scope, seen)


def _write(scope: Scope, fields: dict[str, object]) -> None:
    method = str(scope.get("method", ""))
    route = getattr(scope.get("route"), "path", None) or "(unrouted)"
    status = int(fields["status"])  # type: ignore[call-overload]
    level = logging.INFO
    if status >= 500:
        level = logging.WARNING
    elif (method, route) in QUIET:
        level = logging.DEBUG
    log.log(level, "request", extra={"method": method, "route": route, **fields})
