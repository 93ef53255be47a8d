"""Builders of realistic Telegram Update JSON, shaped as the Bot API delivers them."""

from __future__ import annotations

from typing import Any

BOT_USERNAME = "SangKienTestBot"
BOT_ID = 123456789
_DATE = 1_767_225_600  # 2026-01-01 00:00 UTC; fixed so payloads are reproducible


def user(
    user_id: int,
    *,
    first_name: str = "An",
    last_name: str | None = "Nguyễn Văn",
    username: str | None = None,
) -> dict[str, Any]:
    """A User object; Vietnamese names put the given name first in Telegram's fields."""
    sender: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        sender["last_name"] = last_name
    if username:
        sender["username"] = username
    sender["language_code"] = "vi"
    return sender


def chat(chat_id: int, sender: dict[str, Any] | None = None) -> dict[str, Any]:
    """A private chat (positive id) or a group/supergroup (negative id)."""
    if chat_id < 0:
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "title": "Phòng Cải cách hành chính", "type": kind}
    result: dict[str, Any] = {"id": chat_id, "type": "private"}
    if sender:
        result.update(
            {k: sender[k] for k in ("first_name", "last_name", "username") if k in sender}
        )
    return result


def message_update(
    update_id: int,
    user_id: int,
    *,
    chat_id: int | None = None,
    message_id: int | None = None,
    key: str = "message",
    **content: Any,
) -> dict[str, Any]:
    """Any message update; `content` holds the type fields (text, photo, sticker, …)."""
    sender = user(user_id)
    message = {
        "message_id": message_id if message_id is not None else update_id + 1000,
        "from": sender,
        "chat": chat(chat_id if chat_id is not None else user_id, sender),
        "date": _DATE + update_id,
        **content,
    }
    return {"update_id": update_id, key: message}


def text_update(update_id: int, user_id: int, text: str, **kw: Any) -> dict[str, Any]:
    return message_update(update_id, user_id, text=text, **kw)


def command_update(
    update_id: int,
    user_id: int,
    command: str,
    argument: str = "",
    *,
    mention: bool = False,
    **kw: Any,
) -> dict[str, Any]:
    """`/command[@bot] argument`, with the bot_command entity Telegram adds."""
    head = f"/{command}@{BOT_USERNAME}" if mention else f"/{command}"
    text = f"{head} {argument}" if argument else head
    entity = {"offset": 0, "length": len(head.encode("utf-16-le")) // 2, "type": "bot_command"}
    return message_update(update_id, user_id, text=text, entities=[entity], **kw)


def callback_update(
    update_id: int, user_id: int, data: str, message_id: int = 1, *, chat_id: int | None = None
) -> dict[str, Any]:
    """A button press under a message the bot sent earlier."""
    sender = user(user_id)
    bot = {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý Sáng kiến", "username": BOT_USERNAME}
    origin = {
        "message_id": message_id,
        "from": bot,
        "chat": chat(chat_id if chat_id is not None else user_id, sender),
        "date": _DATE,
        "text": "Anh/chị muốn gửi loại nào?",
        "reply_markup": {"inline_keyboard": [[{"text": "Sáng kiến", "callback_data": data}]]},
    }
    query = {
        "id": f"{4_000_000_000_000_000_000 + update_id}",
        "from": sender,
        "message": origin,
        "chat_instance": "-6281273912367851234",
        "data": data,
    }
    return {"update_id": update_id, "callback_query": query}


def _file_ids(tag: str) -> dict[str, str]:
    return {"file_id": f"AgACAgUAAxkBAAIB{tag}", "file_unique_id": f"AQAD{tag}"}


def photo_update(
    update_id: int, user_id: int, *, caption: str | None = None, **kw: Any
) -> dict[str, Any]:
    """A photo in the sizes Telegram generates, smallest first."""
    sizes = [
        {**_file_ids(f"{update_id}s"), "file_size": 1_342, "width": 90, "height": 67},
        {**_file_ids(f"{update_id}m"), "file_size": 18_735, "width": 320, "height": 240},
        {**_file_ids(f"{update_id}x"), "file_size": 88_211, "width": 800, "height": 600},
        {**_file_ids(f"{update_id}y"), "file_size": 191_804, "width": 1280, "height": 960},
    ]
    extra: dict[str, Any] = {"caption": caption} if caption else {}
    return message_update(update_id, user_id, photo=sizes, **extra, **kw)


def document_update(
    update_id: int,
    user_id: int,
    *,
    file_name: str = "Sáng kiến cải tiến.docx",
    mime_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    file_size: int = 48_213,
    caption: str | None = None,
    **kw: Any,
) -> dict[str, Any]:
    document = {
        "file_name": file_name,
        "mime_type": mime_type,
        **_file_ids(f"{update_id}d"),
        "file_size": file_size,
    }
    extra: dict[str, Any] = {"caption": caption} if caption else {}
    return message_update(update_id, user_id, document=document, **extra, **kw)


def sticker_update(update_id: int, user_id: int, **kw: Any) -> dict[str, Any]:
    sticker = {
        "width": 512,
        "height": 512,
        "emoji": "👍",
        "set_name": "HotCherry",
        "is_animated": True,
        "is_video": False,
        "type": "regular",
        "thumbnail": {
            **_file_ids(f"{update_id}t"),
            "file_size": 5_416,
            "width": 128,
            "height": 128,
        },
        **_file_ids(f"{update_id}k"),
        "file_size": 33_417,
    }
    return message_update(update_id, user_id, sticker=sticker, **kw)


def voice_update(update_id: int, user_id: int, **kw: Any) -> dict[str, Any]:
    voice = {
        "duration": 4,
        "mime_type": "audio/ogg",
        **_file_ids(f"{update_id}v"),
        "file_size": 14_920,
    }
    return message_update(update_id, user_id, voice=voice, **kw)
