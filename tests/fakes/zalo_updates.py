"""Builders of realistic Zalo Bot Platform update bodies, flat or wrapped in {ok, result}."""

from __future__ import annotations

import time
import uuid
from typing import Any

DEFAULT_NAME = "Nguyễn Thị Lan"


def text_event(
    user_id: str,
    text: str,
    message_id: str | None = None,
    wrapped: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """A message.text.received update."""
    return _event("message.text.received", user_id, {"text": text}, message_id, wrapped, extra)


def image_event(
    user_id: str,
    photo_url: str = "https://photo-zmp3.zmdcdn.me/fake/photo.jpg",
    caption: str | None = None,
    message_id: str | None = None,
    wrapped: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """A message.image.received update; the photo lives on Zalo's CDN at `photo_url`."""
    content: dict[str, Any] = {"photo_url": photo_url}
    if caption is not None:
        content["caption"] = caption
    return _event("message.image.received", user_id, content, message_id, wrapped, extra)


def sticker_event(
    user_id: str,
    sticker: str = "bfe458bf64fa8da4d4eb",
    message_id: str | None = None,
    wrapped: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """A message.sticker.received update."""
    content = {
        "sticker": sticker,
        "url": f"https://zalo-api.zadn.vn/api/emoticon/sticker?eid={sticker}",
    }
    return _event("message.sticker.received", user_id, content, message_id, wrapped, extra)


def unsupported_event(
    user_id: str, message_id: str | None = None, wrapped: bool = False, **extra: Any
) -> dict[str, Any]:
    """A message.unsupported.received update (voice, file, location… the bot cannot read)."""
    return _event("message.unsupported.received", user_id, {}, message_id, wrapped, extra)


def wrap(update: dict[str, Any]) -> dict[str, Any]:
    """The envelope shape: {"ok": true, "result": update}."""
    return {"ok": True, "result": update}


def _event(
    event_name: str,
    user_id: str,
    content: dict[str, Any],
    message_id: str | None,
    wrapped: bool,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """`extra` may set chat_id, chat_type, display_name, is_bot or date."""
    message: dict[str, Any] = {
        "from": {
            "id": user_id,
            "display_name": extra.get("display_name", DEFAULT_NAME),
            "is_bot": extra.get("is_bot", False),
        },
        "chat": {
            "id": extra.get("chat_id", user_id),
            "chat_type": extra.get("chat_type", "PRIVATE"),
        },
        "message_id": message_id or uuid.uuid4().hex[:20],
        "date": extra.get("date", int(time.time() * 1000)),
        **content,
    }
    update = {"event_name": event_name, "message": message}
    return wrap(update) if wrapped else update
