"""Parsing Zalo updates (webhook bodies and getUpdates results, flat or wrapped) into Incoming."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from bot.channels.base import MalformedUpdate
from bot.channels.zalo import ZaloChannel
from bot.messages import Attachment
from tests.fakes import zalo_updates as ev


def parse(raw: Any) -> Any:
    return ZaloChannel(token="1:parse-only").parse(raw)


@pytest.mark.parametrize("wrapped", [False, True], ids=["flat", "wrapped"])
@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (ev.text_event("u1", "Xin chào", message_id="m1"), {"kind": "text", "text": "Xin chào"}),
        (
            ev.text_event("u1", "/Start", message_id="m1"),
            {"kind": "command", "command": "start", "text": ""},
        ),
        (
            ev.text_event("u1", "/HUY  đơn này ", message_id="m1"),
            {"kind": "command", "command": "huy", "text": "đơn này"},
        ),
        (ev.text_event("u1", "/", message_id="m1"), {"kind": "text", "text": "/"}),
        (ev.sticker_event("u1", message_id="m1"), {"kind": "unsupported", "text": "sticker"}),
        (
            ev.unsupported_event("u1", message_id="m1"),
            {"kind": "unsupported", "text": "unsupported"},
        ),
    ],
    ids=["text", "command", "command-argument", "bare-slash", "sticker", "unsupported"],
)
def test_parse_message_events(
    update: dict[str, Any], expected: dict[str, Any], wrapped: bool
) -> None:
    incoming = parse(ev.wrap(update) if wrapped else update)
    assert incoming is not None
    assert {key: getattr(incoming, key) for key in expected} == expected
    assert (incoming.channel, incoming.user_id, incoming.chat_id) == ("zalo", "u1", "u1")
    assert incoming.dedupe_key == f"zalo:{update['event_name']}:m1"
    assert incoming.display_name == ev.DEFAULT_NAME


@pytest.mark.parametrize("wrapped", [False, True], ids=["flat", "wrapped"])
def test_parse_image_is_a_photo_file_with_caption(wrapped: bool) -> None:
    url = "https://photo-zmp3.zmdcdn.me/abc/anh-minh-hoa.jpg"
    incoming = parse(
        ev.image_event("u7", url, caption="Ảnh hiện trạng", message_id="p9", wrapped=wrapped)
    )
    assert incoming.kind == "file"
    assert incoming.attachment == Attachment(kind="photo", file_ref=url, mime_type="image/jpeg")
    assert incoming.text == "Ảnh hiện trạng"
    assert incoming.dedupe_key == "zalo:message.image.received:p9"


def test_parse_normalises_text_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Hùng đề xuất")
    incoming = parse(ev.text_event("u1", decomposed))
    assert incoming.text == "Nguyễn Văn Hùng đề xuất"
    assert unicodedata.is_normalized("NFC", incoming.text)


def test_parse_group_chat_and_numeric_ids() -> None:
    update = ev.text_event("u1", "hi", chat_id="g-42", chat_type="GROUP")
    update["message"]["from"]["id"] = 1234567890123
    incoming = parse(update)
    assert (incoming.user_id, incoming.chat_id) == ("1234567890123", "g-42")


def test_same_message_id_in_different_events_gives_different_dedupe_keys() -> None:
    keys = {
        parse(ev.text_event("u1", "x", message_id="same")).dedupe_key,
        parse(ev.sticker_event("u1", message_id="same")).dedupe_key,
    }
    assert len(keys) == 2


def test_parse_names_other_message_kinds() -> None:
    update = ev.unsupported_event("u1")
    update["event_name"] = "message.voice.received"
    assert (parse(update).kind, parse(update).text) == ("unsupported", "voice")


@pytest.mark.parametrize(
    "update",
    [
        ev.text_event("bot", "echo", is_bot=True),
        {"event_name": "user.follow", "follower": {"id": "u1"}},
    ],
    ids=["from-a-bot", "not-a-message-event"],
)
def test_parse_ignores(update: dict[str, Any]) -> None:
    assert parse(update) is None


def _without(update: dict[str, Any], *path: str) -> dict[str, Any]:
    holder = update
    for key in path[:-1]:
        holder = holder[key]
    del holder[path[-1]]
    return update


@pytest.mark.parametrize(
    "raw",
    [
        [],
        "message.text.received",
        {},
        {"ok": True},
        {"ok": False, "result": ev.text_event("u1", "x")},
        {"ok": True, "result": [ev.text_event("u1", "x")]},
        {"update_id": 5, "message": {"text": "a Telegram update"}},
        {"event_name": 42, "message": {}},
        {"event_name": "message.text.received"},
        _without(ev.text_event("u1", "x"), "message", "from"),
        _without(ev.text_event("u1", "x"), "message", "chat", "id"),
        _without(ev.text_event("u1", "x"), "message", "message_id"),
        _without(ev.text_event("u1", "x"), "message", "text"),
        _without(ev.image_event("u1"), "message", "photo_url"),
    ],
    ids=[
        "list",
        "string",
        "empty",
        "ok-without-result",
        "ok-false",
        "result-list",
        "telegram-shape",
        "event-not-string",
        "no-message",
        "no-from",
        "no-chat-id",
        "no-message-id",
        "text-without-text",
        "image-without-url",
    ],
)
def test_parse_rejects_malformed(raw: Any) -> None:
    with pytest.raises(MalformedUpdate):
        parse(raw)
