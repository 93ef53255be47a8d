"""The Telegram adapter: parses updates and sends Outgoing through python-telegram-bot's Bot."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import BaseRequest
from telegram.warnings import PTBDeprecationWarning, PTBUserWarning

from bot.channels.base import SEND_CONNECTIONS
from bot.channels.telegram_http import AiohttpRequest
from bot.channels.telegram_parse import parse_update
from bot.channels.telegram_render import inline_keyboard, split_text
from bot.errors import (
    ChannelError,
    PermanentError,
    RateLimited,
    RecipientBlocked,
    TransientError,
)
from bot.messages import Incoming, Outgoing

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
REDACTED = "<telegram-token>"
ALLOWED_UPDATES = ("message", "callback_query")  # all that parse() does not ignore
# Loggers that may print request URLs, which carry the token. A filter on a parent logger
# does not see its children's records, so each one is named.
_URL_LOGGERS = (
    "aiohttp.client",
    "aiohttp.internal",
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "telegram",
    "telegram.Bot",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
    __name__,
)
T = TypeVar("T")


class TokenRedactor(logging.Filter):
    """Rewrites log records (message and traceback) so the bot token never reaches a handler."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def redact(self, text: str) -> str:
        return text.replace(self._token, REDACTED)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed format string is the caller's bug, not a leak
            return True
        # Freeze the text now: PTB logs dicts it mutates afterwards (getFile's result gains
        # a file_path URL with the token), and a deferred formatter would print that.
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when set, so the redacted traceback is what they print.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:  # another bot's redactor may have rendered it already
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    # Equal per token, so Logger.addFilter keeps one redactor per token however many
    # channels are built; it stays installed after close() as PTB may log later still.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, TokenRedactor) and other._token == self._token

    def __hash__(self) -> int:
        return hash((TokenRedactor, self._token))


class TelegramChannel:
    """The Telegram channel, composed around telegram.Bot; the request layer is injectable."""

    name = "telegram"

    def __init__(
        self,
        *,
        token: str,
        api_url: str = DEFAULT_API_URL,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
        timeout: float = 10.0,
    ) -> None:
        if not token:
            raise ValueError("telegram token is empty")
        self._token = token
        self._timeout = timeout
        self._redactor = TokenRedactor(token)
        _guard_logs(self._redactor)
        api_url = api_url.rstrip("/")
        sender = request or _http(timeout, pool_size=SEND_CONNECTIONS)
        poller = get_updates_request or request or _http(timeout, pool_size=1)
        self._requests = (sender,) if poller is sender else (sender, poller)
        self._bot = Bot(
            token,
            base_url=f"{api_url}/bot",
            base_file_url=f"{api_url}/file/bot",
            request=sender,
            get_updates_request=poller,
        )
        self._ready = False
        self._ready_lock = asyncio.Lock()

    # -- inbound -----------------------------------------------------------------------

    def parse(self, raw: dict[str, Any]) -> Incoming | None:
        return parse_update(raw)

    async def get_updates(self, offset: int | None, timeout: int) -> list[dict[str, Any]]:
        """Raw update dicts (polling mode): a malformed one must reach parse() and be
        skipped there, not break PTB's de_json for the whole batch."""
        params: dict[str, Any] = {"timeout": timeout, "allowed_updates": list(ALLOWED_UPDATES)}
        if offset is not None:
            params["offset"] = offset
        result = await self._call(
            partial(
                self._bot.do_api_request,
                "getUpdates",
                api_kwargs=params,
                read_timeout=self._timeout + timeout,
            )
        )
        return list(result)

    async def download(self, file_ref: str) -> bytes:
        async def fetch() -> bytes:
            file = await self._bot.get_file(file_ref)
            return bytes(await file.download_as_bytearray())

        return await self._call(fetch)

    # -- outbound ----------------------------------------------------------------------

    async def send(self, chat_id: str, message: Outgoing) -> None:
        """Text chunks in order, the keyboard under the last one, then the document."""
        markup = inline_keyboard(message.buttons)  # refuses bad callback data before any call
        chunks = split_text(message.text)
        if not chunks and not message.document:
            raise PermanentError("nothing to send: the text is empty and there is no document")
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await self._call(
                partial(
                    self._bot.send_message,
                    chat_id=chat_id,
                    text=chunk,
                    reply_markup=markup if last else None,
                )
            )
        if message.document:
            await self._send_document(chat_id, message, None if chunks else markup)

    async def _send_document(
        self, chat_id: str, message: Outgoing, markup: InlineKeyboardMarkup | None
    ) -> None:
        ref = message.document or ""
        document: str | Path = ref
        if not ref.startswith(("https://", "http://")):  # a URL is fetched by Telegram itself
            document = Path(ref)
            if not document.is_file():
                raise PermanentError(f"document not found: {ref}")
        await self._call(
            partial(
                self._bot.send_document,
                chat_id=chat_id,
                document=document,
                filename=message.document_name or None,
                reply_markup=markup,
            )
        )

    async def send_typing(self, chat_id: str) -> None:
        """Shows "typing…" while the server works; cosmetic, so a failure is only logged."""
        try:
            await self._call(partial(self._bot.send_chat_action, chat_id=chat_id, action="typing"))
        except ChannelError as exc:
            logger.debug("sendChatAction failed (ignored): %s", exc)

    async def answer_callback(self, callback_id: str) -> None:
        """Stops the button's spinner; best effort, as the query may have expired already."""
        try:
            await self._call(partial(self._bot.answer_callback_query, callback_id))
        except ChannelError as exc:
            logger.info("answerCallbackQuery failed (ignored): %s", exc)

    # -- administration ----------------------------------------------------------------

    async def set_webhook(self, url: str, secret: str) -> None:
        await self._call(
            partial(
                self._bot.set_webhook,
                url=url,
                secret_token=secret,
                allowed_updates=list(ALLOWED_UPDATES),
            )
        )

    async def delete_webhook(self) -> None:
        await self._call(self._bot.delete_webhook)

    async def webhook_info(self) -> dict[str, Any]:
        info = await self._call(self._bot.get_webhook_info)
        return info.to_dict()

    async def get_me(self) -> dict[str, Any]:
        me = await self._call(self._bot.get_me)
        return me.to_dict()

    async def close(self) -> None:
        await self._bot.shutdown()
        for request in self._requests:  # clients exist from construction, used or not
            await request.shutdown()
        self._ready = False

    # -- plumbing ----------------------------------------------------------------------

    async def _call(self, operation: Callable[[], Awaitable[T]]) -> T:
        """Run one Bot API operation; PTB errors leave as bot.errors (redacted)."""
        try:
            await self._ensure_ready()
            return await operation()
        except TelegramError as exc:
            error = translate_error(exc, self._redactor.redact)
            if self._token in str(exc):  # e.g. InvalidToken from initialize() quotes it
                raise error from None
            raise error from exc

    async def _ensure_ready(self) -> None:
        """PTB wants initialize() (request clients + getMe) before use: do it once, lazily."""
        if self._ready:
            return
        async with self._ready_lock:
            if not self._ready:
                await self._bot.initialize()
                self._ready = True


def translate_error(exc: TelegramError, redact: Callable[[str], str] = str) -> ChannelError:
    """python-telegram-bot's error onto bot.errors; the tree is drawn there."""
    message = redact(exc.message)
    if isinstance(exc, RetryAfter):
        return RateLimited(_retry_after(exc), message)
    if isinstance(exc, Forbidden):
        return RecipientBlocked(message)
    if isinstance(exc, BadRequest):  # before NetworkError: PTB's BadRequest subclasses it
        if "chat not found" in message.lower():
            return RecipientBlocked(message)
        return PermanentError(message)
    if isinstance(exc, NetworkError):  # TimedOut, connection errors and every 5xx
        return TransientError(message)
    if type(exc) is TelegramError:  # "Invalid server response": a proxy's page, say
        return TransientError(message)
    return PermanentError(message)  # InvalidToken, Conflict, ChatMigrated, EndPointNotFound


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB warns that the int form is deprecated; both are read
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _http(timeout: float, pool_size: int) -> BaseRequest:
    return AiohttpRequest(pool_size=pool_size, timeout=timeout)


def _guard_logs(redactor: TokenRedactor) -> None:
    # httpx logs every request URL at INFO; WARNING keeps those lines (and the token) out.
    httpx_logger = logging.getLogger("httpx")
    if httpx_logger.getEffectiveLevel() < logging.WARNING:
        httpx_logger.setLevel(logging.WARNING)
    for name in _URL_LOGGERS:
        logging.getLogger(name).addFilter(redactor)
    # get_updates() calls getUpdates through do_api_request on purpose (raw dicts).
    warnings.filterwarnings(
        "ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning
    )
