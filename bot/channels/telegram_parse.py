"""Translate raw Telegram update dicts into Incoming, straight from the JSON (the hot path)."""

from __future__ import annotations

import re
from typing import Any

from bot.channels.base import MalformedUpdate
from bot.messages import Attachment, Incoming, IncomingKind, nfc

CHANNEL = "telegram"
# Checked in this order: an animation message also carries a "document" for old clients.
UNSUPPORTED = (
    "sticker",
    "voice",
    "video_note",
    "video",
    "audio",
    "animation",
    "location",
    "contact",
    "poll",
    "dice",
)
_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?")

MAX_ID = 2**63 - 1  # Telegram ids fit in 52 bits; larger numbers are no Telegram id
Content = tuple[IncomingKind, str, str | None, Attachment | None]  # kind, text, command, file


def parse_update(raw: Any) -> Incoming | None:
    """An Incoming for a message or button press; None for updates the bot ignores."""
    if not isinstance(raw, dict):
        raise MalformedUpdate("a Telegram update is a JSON object")
    update_id = raw.get("update_id")
    if type(update_id) is not int or abs(update_id) > MAX_ID:  # bool is no update id either
        raise MalformedUpdate("update_id must be an integer")
    key = f"{CHANNEL}:{update_id}"
    message = raw.get("message")
    if message is not None:
        return _from_message(key, _obj(message, "message"))
    query = raw.get("callback_query")
    if query is not None:
        return _from_callback(key, _obj(query, "callback_query"))
    return None  # edited_message, channel_post, my_chat_member, …


def _from_message(key: str, message: dict[str, Any]) -> Incoming | None:
    chat_id = _id(_obj(message.get("chat"), "message.chat"), "message.chat.id")
    sender = message.get("from")
    if sender is None:  # posts on behalf of a channel: nobody to converse with
        return None
    sender = _obj(sender, "message.from")
    user_id = _id(sender, "message.from.id")
    content = _content(message)
    if content is None:
        return None  # service messages: joins, pins, title changes, …
    kind, text, command, attachment = content
    return Incoming(
        CHANNEL,
        str(user_id),
        str(chat_id),
        key,
        kind,
        text=text,
        command=command,
        attachment=attachment,
        display_name=_name(sender),
    )


def _content(message: dict[str, Any]) -> Content | None:
    text = message.get("text")
    if text is not None:
        return _text(_str(text, "message.text"))
    photo = message.get("photo")
    if photo is not None:
        return "file", "", None, _photo(photo)
    for kind in UNSUPPORTED:
        if kind in message:
            return "unsupported", kind, None, None
    document = message.get("document")
    if document is not None:
        return "file", "", None, _document(_obj(document, "message.document"))
    return None


def _text(text: str) -> Content:
    if text.startswith("/"):
        head, *rest = text.split(None, 1)
        match = _COMMAND.fullmatch(head)
        if match:
            argument = nfc(rest[0].strip()) if rest else ""
            return "command", argument, match.group(1).lower(), None
    return "text", nfc(text), None, None


def _photo(sizes: Any) -> Attachment:
    if not isinstance(sizes, list) or not sizes or not all(isinstance(s, dict) for s in sizes):
        raise MalformedUpdate("message.photo must be a non-empty list of PhotoSize objects")
    # Telegram lists sizes smallest first; pick by area in case an edge case breaks the order.
    largest = max(
        sizes,
        key=lambda s: (_num(s.get("width")) * _num(s.get("height")), _num(s.get("file_size"))),
    )
    return Attachment(
        kind="photo",
        file_ref=_str(largest.get("file_id"), "message.photo.file_id"),
        mime_type="image/jpeg",  # Telegram re-encodes every photo as JPEG
        size=_opt_int(largest.get("file_size")),
    )


def _document(document: dict[str, Any]) -> Attachment:
    name = document.get("file_name")
    mime = document.get("mime_type")
    return Attachment(
        kind="document",
        file_ref=_str(document.get("file_id"), "message.document.file_id"),
        file_name=nfc(name) if isinstance(name, str) else None,
        mime_type=mime if isinstance(mime, str) else None,
        size=_opt_int(document.get("file_size")),
    )


def _from_callback(key: str, query: dict[str, Any]) -> Incoming | None:
    callback_id = _str(query.get("id"), "callback_query.id")
    sender = _obj(query.get("from"), "callback_query.from")
    user_id = _id(sender, "callback_query.from.id")
    data = query.get("data")
    if data is None:  # game buttons carry no data; the bot offers none
        return None
    chat_id = user_id
    message = query.get("message")
    if message is not None:  # absent for buttons under inline-mode messages
        chat = _obj(
            _obj(message, "callback_query.message").get("chat"), "callback_query.message.chat"
        )
        chat_id = _id(chat, "callback_query.message.chat.id")
    return Incoming(
        CHANNEL,
        str(user_id),
        str(chat_id),
        key,
        "choice",
        choice=_str(data, "callback_query.data"),
        callback_id=callback_id,
        display_name=_name(sender),
    )


def _name(user: dict[str, Any]) -> str | None:
    parts = [p for p in (user.get("first_name"), user.get("last_name")) if isinstance(p, str) and p]
    return nfc(" ".join(parts)) if parts else None


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedUpdate(f"{where} must be an object")
    return value


def _id(container: dict[str, Any], where: str) -> int:
    value = container.get("id")
    if type(value) is not int or abs(value) > MAX_ID:
        raise MalformedUpdate(f"{where} must be an integer")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise MalformedUpdate(f"{where} must be a string")
    return value


def _opt_int(value: Any) -> int | None:
    return value if type(value) is int else None


def _num(value: Any) -> int:
    return value if type(value) is int else 0
