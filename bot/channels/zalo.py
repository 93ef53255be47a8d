"""Zalo Bot Platform adapter: parses webhook/poll updates and calls the Bot API over httpx."""

from __future__ import annotations

import logging
from typing import Any

import httpx

from bot.channels.base import SEND_CONNECTIONS, MalformedUpdate
from bot.channels.zalo_render import render
from bot.errors import (
    ChannelError,
    PermanentError,
    RateLimited,
    RecipientBlocked,
    TransientError,
)
from bot.messages import Attachment, Incoming, Outgoing, nfc

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://bot-api.zaloplatforms.com"
REDACTED = "<zalo-token>"
_POLL_EMPTY = 408  # getUpdates: "Request timeout" (with HTTP 200) means no update yet
_CHAT_METHODS = {"sendMessage", "sendPhoto", "sendChatAction"}  # where 403 means the user
_KNOWN_EVENTS = {
    "message.text.received",
    "message.image.received",
    "message.sticker.received",
    "message.unsupported.received",
}


class ZaloChannel:
    """The Zalo channel. Composes one httpx.AsyncClient; the transport is injectable."""

    name = "zalo"

    def __init__(
        self,
        *,
        token: str,
        api_url: str = DEFAULT_API_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
    ) -> None:
        if not token:
            raise ValueError("zalo token is empty")
        self._token = token
        self._base = api_url.rstrip("/")
        self._timeout = timeout
        limits = httpx.Limits(
            max_connections=SEND_CONNECTIONS,
            max_keepalive_connections=SEND_CONNECTIONS,
            keepalive_expiry=30.0,
        )
        self._client = httpx.AsyncClient(transport=transport, timeout=timeout, limits=limits)
        protect_token_in_logs(token)

    def parse(self, raw: dict[str, Any]) -> Incoming | None:
        return parse_update(raw)

    async def send(self, chat_id: str, message: Outgoing) -> None:
        for chunk in render(message):
            await self._call("sendMessage", {"chat_id": chat_id, "text": chunk})

    async def send_typing(self, chat_id: str) -> None:
        try:
            await self._call("sendChatAction", {"chat_id": chat_id, "action": "typing"})
        except ChannelError as exc:
            # A missing "typing…" bubble is cosmetic; the reply itself still goes out.
            logger.debug("zalo sendChatAction failed: %s", exc)

    async def set_webhook(self, url: str, secret: str) -> None:
        await self._call("setWebhook", {"url": url, "secret_token": secret})

    async def delete_webhook(self) -> None:
        await self._call("deleteWebhook", {})

    async def webhook_info(self) -> dict[str, Any]:
        return _as_dict(await self._call("getWebhookInfo", {}))

    async def get_me(self) -> dict[str, Any]:
        return _as_dict(await self._call("getMe", {}))

    async def get_updates(self, timeout: int) -> list[dict[str, Any]]:
        """Long-poll once; Zalo hands out at most one update per call."""
        # The HTTP timeout must outlast the server-side wait, or every quiet poll errors.
        status, body = await self._request(
            "getUpdates", {"timeout": str(timeout)}, timeout=timeout + self._timeout
        )
        if body.get("error_code") == _POLL_EMPTY or status == _POLL_EMPTY:
            return []
        result = self._result("getUpdates", status, body)
        if isinstance(result, list):
            return [update for update in result if isinstance(update, dict)]
        return [result] if isinstance(result, dict) and result else []

    async def download(self, file_ref: str) -> bytes:
        """Zalo hands photos over as URLs on its CDN: fetch them soon, they may expire."""
        try:
            response = await self._client.get(file_ref, timeout=self._timeout)
        except httpx.HTTPError as exc:
            raise TransientError(f"photo download failed: {type(exc).__name__}") from None
        if response.status_code >= 500:
            raise TransientError(f"photo download failed: HTTP {response.status_code}")
        if response.status_code >= 400:
            raise PermanentError(f"photo download refused: HTTP {response.status_code}")
        return response.content

    async def close(self) -> None:
        await self._client.aclose()

    async def _call(self, method: str, params: dict[str, Any]) -> Any:
        status, body = await self._request(method, params)
        return self._result(method, status, body)

    def _result(self, method: str, status: int, body: dict[str, Any]) -> Any:
        if 200 <= status < 300 and body.get("ok") is True:
            return body.get("result")
        raise translate_error(method, status, body)

    async def _request(
        self, method: str, params: dict[str, Any], *, timeout: float | None = None
    ) -> tuple[int, dict[str, Any]]:
        url = f"{self._base}/bot{self._token}/{method}"
        try:
            response = await self._client.post(url, json=params, timeout=timeout or self._timeout)
        except httpx.TimeoutException:
            raise TransientError(f"zalo {method}: timed out") from None
        except httpx.RequestError as exc:
            # `from None`: httpx errors carry the request, whose URL holds the token.
            raise TransientError(f"zalo {method}: {self._describe(exc)}") from None
        except httpx.InvalidURL as exc:
            raise PermanentError(f"zalo {method}: bad api_url ({self._describe(exc)})") from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if 200 <= response.status_code < 300 and "ok" not in body:
            raise TransientError(
                f"zalo {method}: unreadable response (HTTP {response.status_code})"
            )
        return response.status_code, body

    def _describe(self, exc: Exception) -> str:
        return f"{type(exc).__name__}: {str(exc).replace(self._token, REDACTED)}"


def translate_error(method: str, status: int, body: dict[str, Any]) -> ChannelError:
    """Map an HTTP status and Zalo's error_code (either may carry it) onto bot.errors."""
    raw_code = body.get("error_code")
    code = int(raw_code) if isinstance(raw_code, int | str) and str(raw_code).isdigit() else None
    description = str(body.get("description") or "")[:300]
    where = f"zalo {method}: {description or 'error'} (HTTP {status}, error_code {code})"
    codes = {status, code}
    if 429 in codes:
        return RateLimited(_retry_after(body), where)
    if 401 in codes:
        return PermanentError(f"{where}: the bot token was rejected; check [zalo] token")
    if 403 in codes and method in _CHAT_METHODS:
        return RecipientBlocked(where)
    if status >= 500 or (code is not None and code >= 500) or 408 in codes:
        return TransientError(where)
    return PermanentError(where)


def _retry_after(body: dict[str, Any]) -> float:
    parameters = body.get("parameters")
    candidates = [body.get("retry_after")]
    if isinstance(parameters, dict):
        candidates.insert(0, parameters.get("retry_after"))
    for value in candidates:
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
    return 1.0


def _as_dict(result: Any) -> dict[str, Any]:
    return result if isinstance(result, dict) else {}


def parse_update(raw: Any) -> Incoming | None:
    """Translate a webhook body or a getUpdates result (wrapped or flat) into an Incoming."""
    update = _unwrap(raw)
    event = update.get("event_name")
    if not isinstance(event, str) or not event or len(event) > 48:
        raise MalformedUpdate("zalo update without event_name")
    if not (event.startswith("message.") and event.endswith(".received")):
        return None  # not a user message (future platform events): nothing to answer
    message = update.get("message")
    if not isinstance(message, dict):
        raise MalformedUpdate(f"zalo {event} without a message object")
    sender, chat = message.get("from"), message.get("chat")
    if not isinstance(sender, dict) or not isinstance(chat, dict):
        raise MalformedUpdate(f"zalo {event} without from/chat")
    if sender.get("is_bot") is True:
        return None
    common: dict[str, Any] = {
        "channel": "zalo",
        "user_id": _required_id(sender, "from.id"),
        "chat_id": _required_id(chat, "chat.id"),
        "dedupe_key": f"zalo:{event}:{_required_id(message, 'message_id')}",
        "display_name": _optional_str(sender.get("display_name")),
    }
    return Incoming(**common, **_content(event, message))


def _unwrap(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise MalformedUpdate("zalo update is not a JSON object")
    if "result" in raw:
        if raw.get("ok") is not True or not isinstance(raw["result"], dict):
            raise MalformedUpdate("zalo envelope is not {ok: true, result: {...}}")
        return raw["result"]
    if "event_name" in raw:
        return raw
    raise MalformedUpdate("neither a zalo envelope nor a zalo update")


def _content(event: str, message: dict[str, Any]) -> dict[str, Any]:
    """The kind-specific Incoming fields for one message event."""
    if event == "message.text.received":
        text = message.get("text")
        if not isinstance(text, str):
            raise MalformedUpdate("zalo text message without text")
        return _text_or_command(nfc(text))
    if event == "message.image.received":
        url = message.get("photo_url") or message.get("photo")
        if not isinstance(url, str) or not url:
            raise MalformedUpdate("zalo image message without photo_url")
        photo = Attachment(kind="photo", file_ref=url, mime_type="image/jpeg")
        caption = _optional_str(message.get("caption")) or ""
        return {"kind": "file", "attachment": photo, "text": nfc(caption)}
    if event == "message.sticker.received":
        return {"kind": "unsupported", "text": "sticker"}
    if event in _KNOWN_EVENTS:
        return {"kind": "unsupported", "text": "unsupported"}
    # message.voice.received and the like: name what arrived so the reply can say so.
    return {"kind": "unsupported", "text": event.split(".")[1]}


def _text_or_command(text: str) -> dict[str, Any]:
    if text.startswith("/"):
        head, _, argument = text[1:].partition(" ")
        if head.strip():
            return {"kind": "command", "command": head.strip().lower(), "text": argument.strip()}
    return {"kind": "text", "text": text}


def _required_id(holder: dict[str, Any], label: str) -> str:
    value = holder.get(label.rsplit(".", 1)[-1])
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise MalformedUpdate(f"zalo update without {label}")
    if len(str(value)) > 64:  # ids are stored in 64-character columns
        raise MalformedUpdate(f"zalo update with an overlong {label}")
    return str(value)


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class _TokenRedactor(logging.Filter):
    """Rewrites log records of the HTTP libraries so no bot token survives in them."""

    def __init__(self) -> None:
        super().__init__("zalo-token-redactor")
        self.tokens: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(token in message for token in self.tokens):
            for token in self.tokens:
                message = message.replace(token, REDACTED)
            record.msg, record.args = message, ()
        return True


def protect_token_in_logs(token: str) -> None:
    """httpx logs every request URL at INFO, and Zalo puts the token in the URL path.

    Quieten httpx to WARNING unless someone configured it on purpose, and redact the
    token either way (a DEBUG session must not leak it).
    """
    # httpcore below it logs hosts and ports, never the path, so "httpx" is the one to guard.
    http_logger = logging.getLogger("httpx")
    if http_logger.level == logging.NOTSET:
        http_logger.setLevel(logging.WARNING)
    redactor = next((f for f in http_logger.filters if isinstance(f, _TokenRedactor)), None)
    if redactor is None:
        redactor = _TokenRedactor()
        http_logger.addFilter(redactor)
    redactor.tokens.add(token)
