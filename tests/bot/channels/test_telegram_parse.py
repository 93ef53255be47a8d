"""Parsing raw Telegram updates into Incoming: every kind, the ignored and the malformed."""

from __future__ import annotations

from typing import Any

import pytest

from bot.channels.base import MalformedUpdate
from bot.channels.telegram import TelegramChannel
from bot.messages import Attachment
from tests.fakes import telegram_updates as tu


def _parse(raw: Any) -> Any:
    return TelegramChannel(token="1:parse-only").parse(raw)


def test_parse_text_is_nfc_with_identity() -> None:
    decomposed = "Cải tiến quy trình".replace("ả", "a\u0309")
    incoming = _parse(tu.text_update(10, 777, decomposed))
    assert incoming.kind == "text"
    assert incoming.text == "Cải tiến quy trình"
    assert (incoming.user_id, incoming.chat_id) == ("777", "777")
    assert incoming.dedupe_key == "telegram:10"
    assert incoming.display_name == "An Nguyễn Văn"
    assert incoming.channel == "telegram"


@pytest.mark.parametrize(
    ("update", "command", "argument"),
    [
        (tu.command_update(1, 7, "start"), "start", ""),
        (tu.command_update(2, 7, "START", "SK-2026-00042"), "start", "SK-2026-00042"),
        (
            tu.command_update(3, 7, "trangthai", "HK-2026-00001", mention=True),
            "trangthai",
            "HK-2026-00001",
        ),
        (tu.text_update(4, 7, "/huy\n  lý do  "), "huy", "lý do"),
    ],
)
def test_parse_commands(update: dict[str, Any], command: str, argument: str) -> None:
    incoming = _parse(update)
    assert (incoming.kind, incoming.command, incoming.text) == ("command", command, argument)


@pytest.mark.parametrize("text", ["/", "/ý kiến", "/ bắt đầu", "//start"])
def test_parse_slash_text_that_is_no_command_stays_text(text: str) -> None:
    incoming = _parse(tu.text_update(5, 7, text))
    assert (incoming.kind, incoming.command) == ("text", None)


def test_parse_callback_query_is_a_choice() -> None:
    incoming = _parse(tu.callback_update(11, 777, "kind:sang_kien", message_id=55))
    assert incoming.kind == "choice"
    assert incoming.choice == "kind:sang_kien"
    assert incoming.callback_id == str(4_000_000_000_000_000_011)
    assert (incoming.user_id, incoming.chat_id) == ("777", "777")


def test_parse_callback_in_a_group_uses_the_group_chat() -> None:
    incoming = _parse(tu.callback_update(12, 777, "ok", chat_id=-1001234567890))
    assert (incoming.user_id, incoming.chat_id) == ("777", "-1001234567890")


def test_parse_callback_without_message_falls_back_to_the_sender() -> None:
    update = tu.callback_update(13, 777, "ok")
    del update["callback_query"]["message"]
    update["callback_query"]["inline_message_id"] = "AAAAAGx"
    assert _parse(update).chat_id == "777"


def test_parse_photo_takes_the_largest_size_and_ignores_the_caption() -> None:
    incoming = _parse(tu.photo_update(14, 777, caption="ảnh minh họa"))
    assert incoming.kind == "file"
    assert incoming.text == ""
    assert incoming.attachment == Attachment(
        kind="photo", file_ref="AgACAgUAAxkBAAIB14y", mime_type="image/jpeg", size=191_804
    )


def test_parse_document() -> None:
    incoming = _parse(tu.document_update(15, 777, caption="bản đề xuất"))
    assert incoming.kind == "file"
    assert incoming.attachment == Attachment(
        kind="document",
        file_ref="AgACAgUAAxkBAAIB15d",
        file_name="Sáng kiến cải tiến.docx",
        mime_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size=48_213,
    )


@pytest.mark.parametrize(
    ("update", "name"),
    [
        (tu.sticker_update(20, 7), "sticker"),
        (tu.voice_update(21, 7), "voice"),
        (
            tu.message_update(
                22,
                7,
                video={
                    "file_id": "v",
                    "file_unique_id": "v",
                    "width": 1,
                    "height": 1,
                    "duration": 3,
                },
            ),
            "video",
        ),
        (
            tu.message_update(
                23,
                7,
                video_note={"file_id": "n", "file_unique_id": "n", "length": 240, "duration": 3},
            ),
            "video_note",
        ),
        (
            tu.message_update(24, 7, audio={"file_id": "a", "file_unique_id": "a", "duration": 3}),
            "audio",
        ),
        # A GIF carries both "animation" and "document": it must not pass for a document.
        (
            tu.message_update(
                25,
                7,
                animation={
                    "file_id": "g",
                    "file_unique_id": "g",
                    "width": 1,
                    "height": 1,
                    "duration": 1,
                },
                document={"file_id": "g", "file_unique_id": "g", "file_name": "a.gif.mp4"},
            ),
            "animation",
        ),
        (tu.message_update(26, 7, location={"latitude": 15.12, "longitude": 108.8}), "location"),
        (
            tu.message_update(27, 7, contact={"phone_number": "+84900000000", "first_name": "B"}),
            "contact",
        ),
        (tu.message_update(28, 7, poll={"id": "1", "question": "?", "options": []}), "poll"),
        (tu.message_update(29, 7, dice={"emoji": "🎲", "value": 4}), "dice"),
    ],
)
def test_parse_unsupported_types_name_what_arrived(update: dict[str, Any], name: str) -> None:
    incoming = _parse(update)
    assert (incoming.kind, incoming.text, incoming.attachment) == ("unsupported", name, None)


@pytest.mark.parametrize(
    "update",
    [
        tu.text_update(30, 7, "sửa lại", key="edited_message"),
        tu.text_update(31, 7, "tin kênh", key="channel_post", chat_id=-1009),
        {"update_id": 32, "my_chat_member": {"chat": {"id": 7, "type": "private"}}},
        {
            "update_id": 33,
            "inline_query": {"id": "1", "from": tu.user(7), "query": "x", "offset": ""},
        },
        {"update_id": 34},
        tu.message_update(35, 7, new_chat_members=[tu.user(8)], chat_id=-100),
        tu.message_update(
            36, 7, pinned_message={"message_id": 1, "date": 0, "chat": {"id": 7, "type": "private"}}
        ),
    ],
)
def test_parse_ignored_updates_return_none(update: dict[str, Any]) -> None:
    assert _parse(update) is None


def test_parse_message_without_sender_is_ignored() -> None:
    update = tu.text_update(37, 7, "ẩn danh", chat_id=-1001)
    del update["message"]["from"]
    assert _parse(update) is None


def test_parse_callback_without_data_is_ignored() -> None:
    update = tu.callback_update(38, 7, "x")
    del update["callback_query"]["data"]
    assert _parse(update) is None


def _broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    update = tu.message_update(40, 7)  # no content: only the broken field could match
    target: Any = update
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return update


@pytest.mark.parametrize(
    "raw",
    [
        [],
        "update",
        {},
        {"update_id": "40", "message": {}},
        {"update_id": True},
        {"update_id": 4.0},
        {"update_id": 40, "message": "xin chào"},
        {"update_id": 40, "callback_query": []},
        _broken(("message", "chat"), None),
        _broken(("message", "chat", "id"), "7"),
        _broken(("message", "from"), "7"),
        _broken(("message", "from", "id"), None),
        _broken(("message", "text"), 42),
        _broken(("message", "photo"), []),
        _broken(("message", "photo"), [{"file_id": 3}]),
        _broken(("message", "document"), {"file_name": "x"}),
        {"update_id": 41, "callback_query": {"id": 1, "from": tu.user(7), "data": "x"}},
        {"update_id": 41, "callback_query": {"id": "1", "from": tu.user(7), "data": 5}},
        {"update_id": 41, "callback_query": {"id": "1", "data": "x"}},
        {
            "update_id": 41,
            "callback_query": {"id": "1", "from": tu.user(7), "data": "x", "message": {"chat": {}}},
        },
    ],
)
def test_parse_malformed_payloads_raise(raw: Any) -> None:
    with pytest.raises(MalformedUpdate):
        _parse(raw)
