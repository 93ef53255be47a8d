"""Bot API methods of the fake Telegram server, each answering with the real JSON shapes."""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from tests.fakes.telegram_state import FakeState, Sent, UploadedFile

Reply = tuple[int, dict[str, Any]]
Handler = Callable[[FakeState, dict[str, Any]], Awaitable[Reply]]

MAX_TEXT = 4096  # UTF-16 code units, as Telegram counts them
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_POLL_STEP = 0.02


def ok(result: Any, description: str | None = None) -> Reply:
    body: dict[str, Any] = {"ok": True, "result": result}
    if description:
        body["description"] = description
    return 200, body


def error(status: int, description: str, retry_after: int | None = None) -> Reply:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return status, body


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _int(params: dict[str, Any], key: str, default: int) -> int:
    value = params.get(key)
    try:  # form-encoded parameters arrive as strings
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def _recipient(state: FakeState, params: dict[str, Any], limited: bool) -> tuple[str, Reply | None]:
    """The chat a send targets, or the error Telegram would give instead."""
    chat_id = str(params.get("chat_id") or "")
    if not chat_id:
        return chat_id, error(400, "Bad Request: chat_id is empty")
    with state.lock:
        if chat_id in state.missing:
            return chat_id, error(400, "Bad Request: chat not found")
        if chat_id in state.blocked:
            return chat_id, error(403, "Forbidden: bot was blocked by the user")
        wait = state.limits.check(chat_id) if limited and state.limits else None
    if wait is not None:
        return chat_id, error(429, f"Too Many Requests: retry after {wait}", wait)
    return chat_id, None


def _markup_error(markup: Any) -> Reply | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        return error(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                return error(400, "Bad Request: BUTTON_DATA_INVALID")
    return None


def _deliver(
    state: FakeState, method: str, chat_id: str, params: dict[str, Any], **content: Any
) -> Reply:
    message = state.message(chat_id, **content)
    with state.lock:
        state.sent.append(Sent(method, chat_id, content.get("text"), message, params))
    return ok(message)


async def send_message(state: FakeState, params: dict[str, Any]) -> Reply:
    chat_id, refusal = _recipient(state, params, limited=True)
    text = str(params.get("text") or "")
    if refusal is None and not text.strip():
        refusal = error(400, "Bad Request: message text is empty")
    if refusal is None and utf16_len(text.strip()) > MAX_TEXT:
        refusal = error(400, "Bad Request: message is too long")
    markup = params.get("reply_markup")
    refusal = refusal or _markup_error(markup)
    if refusal:
        return refusal
    extra = {"reply_markup": markup} if markup else {}
    return _deliver(state, "sendMessage", chat_id, params, text=text, **extra)


def _file_meta(upload: Any, default_name: str) -> dict[str, Any]:
    size = len(upload.data) if isinstance(upload, UploadedFile) else 1024
    name = upload.filename if isinstance(upload, UploadedFile) else None
    return {
        "file_id": f"BQAC{uuid.uuid4().hex}",
        "file_unique_id": uuid.uuid4().hex[:16],
        "file_size": size,
        "file_name": name or default_name,
    }


async def send_document(state: FakeState, params: dict[str, Any]) -> Reply:
    chat_id, refusal = _recipient(state, params, limited=True)
    upload = params.get("document")
    if refusal is None and not upload:
        refusal = error(400, "Bad Request: there is no document in the request")
    refusal = refusal or _markup_error(params.get("reply_markup"))
    if refusal:
        return refusal
    meta = _file_meta(upload, "document")
    if isinstance(upload, UploadedFile):
        meta["mime_type"] = upload.content_type or "application/octet-stream"
    caption = {"caption": params["caption"]} if params.get("caption") else {}
    return _deliver(state, "sendDocument", chat_id, params, document=meta, **caption)


async def send_photo(state: FakeState, params: dict[str, Any]) -> Reply:
    chat_id, refusal = _recipient(state, params, limited=True)
    upload = params.get("photo")
    if refusal is None and not upload:
        refusal = error(400, "Bad Request: there is no photo in the request")
    if refusal:
        return refusal
    meta = _file_meta(upload, "photo.jpg")
    del meta["file_name"]
    photo = [{**meta, "width": 320, "height": 240}]
    return _deliver(state, "sendPhoto", chat_id, params, photo=photo)


async def send_chat_action(state: FakeState, params: dict[str, Any]) -> Reply:
    _, refusal = _recipient(state, params, limited=False)
    return refusal or ok(True)


async def answer_callback_query(state: FakeState, params: dict[str, Any]) -> Reply:
    if not params.get("callback_query_id"):
        return error(400, "Bad Request: QUERY_ID_INVALID")
    return ok(True)


async def get_me(state: FakeState, params: dict[str, Any]) -> Reply:
    return ok(state.bot_user)


async def set_webhook(state: FakeState, params: dict[str, Any]) -> Reply:
    url = str(params.get("url") or "")
    if not url:
        return await delete_webhook(state, params)
    if not url.startswith("https://"):
        return error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not _SECRET.fullmatch(str(secret)):
        return error(400, "Bad Request: secret token contains unallowed characters")
    with state.lock:
        state.webhook = {k: v for k, v in params.items() if v is not None}
        if params.get("drop_pending_updates") in (True, "true", "True"):
            state.updates.clear()
    return ok(True, "Webhook was set")


async def delete_webhook(state: FakeState, params: dict[str, Any]) -> Reply:
    with state.lock:
        had = bool(state.webhook)
        state.webhook = {}
        if params.get("drop_pending_updates") in (True, "true", "True"):
            state.updates.clear()
    return ok(True, "Webhook was deleted" if had else "Webhook is already deleted")


async def get_webhook_info(state: FakeState, params: dict[str, Any]) -> Reply:
    with state.lock:
        hook = dict(state.webhook)
        info: dict[str, Any] = {
            "url": hook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(state.updates),
        }
    if hook:
        info["max_connections"] = int(hook.get("max_connections", 40))
        if hook.get("allowed_updates") is not None:
            info["allowed_updates"] = hook["allowed_updates"]
    return ok(info)


def _take_updates(state: FakeState, offset: int | None, limit: int) -> list[dict[str, Any]]:
    with state.lock:
        if offset is not None and offset < 0:  # -N: the last N; earlier ones are forgotten
            state.updates = state.updates[offset:]
        elif offset is not None:  # confirms every update below the offset
            state.updates = [u for u in state.updates if u["update_id"] >= offset]
        return list(state.updates[:limit])


async def get_updates(state: FakeState, params: dict[str, Any]) -> Reply:
    with state.lock:
        if state.webhook:
            return error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
    raw_offset = params.get("offset")
    offset = None if raw_offset in (None, "") else _int(params, "offset", 0)
    limit = min(max(_int(params, "limit", 100), 1), 100)
    deadline = time.monotonic() + min(_int(params, "timeout", 0), state.poll_cap)
    while True:
        batch = _take_updates(state, offset, limit)
        if batch or time.monotonic() >= deadline:
            return ok(batch)
        await asyncio.sleep(_POLL_STEP)


async def get_file(state: FakeState, params: dict[str, Any]) -> Reply:
    file_id = str(params.get("file_id") or "")
    with state.lock:
        stored = state.files.get(file_id)
    if stored is None:
        return error(400, "Bad Request: invalid file_id")
    path, data = stored
    unique = file_id[-16:]
    return ok(
        {"file_id": file_id, "file_unique_id": unique, "file_size": len(data), "file_path": path}
    )


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "sendMessage": send_message,
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "sendChatAction": send_chat_action,
    "answerCallbackQuery": answer_callback_query,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "getUpdates": get_updates,
    "getFile": get_file,
}
