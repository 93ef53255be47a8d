"""Zalo adapter over real HTTP against the local fake Bot API: parsing, rendering, errors, secrets."""

from __future__ import annotations

import hmac
import logging
import socket
import unicodedata
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from bot.channels.base import MalformedUpdate
from bot.channels.zalo import ZaloChannel, verify_secret
from bot.channels.zalo_render import CHOICE_HINT, MAX_TEXT, render, split_text, text_length
from bot.errors import PermanentError, RateLimited, RecipientBlocked, TransientError
from bot.messages import Attachment, Button, Outgoing
from tests.fakes import zalo_updates as ev
from tests.fakes.zalo_api import FakeZaloApi

CHOICES = (
    Button("Gửi sáng kiến", "sang_kien"),
    Button("Gửi hiến kế", "hien_ke"),
    Button("Hỏi đáp", "faq"),
)
VI_SENTENCE = (
    "Đề xuất số hoá quy trình tiếp nhận hồ sơ một cửa tại Ủy ban nhân dân xã để giảm thời gian chờ."
)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeZaloApi]:
    with FakeZaloApi() as fake:
        yield fake


@pytest.fixture
def api(server: FakeZaloApi) -> FakeZaloApi:
    server.reset()
    return server


@pytest.fixture
async def zalo(api: FakeZaloApi) -> AsyncIterator[ZaloChannel]:
    channel = ZaloChannel(token=api.token, api_url=api.url, timeout=5.0)
    yield channel
    await channel.close()


def parse(raw: Any) -> Any:
    return ZaloChannel(token="1:parse-only").parse(raw)


# -- parse -------------------------------------------------------------------------------


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


# -- rendering ---------------------------------------------------------------------------


def test_buttons_render_as_numbered_list_with_hint() -> None:
    [text] = render(Outgoing("Anh/chị muốn làm gì?", buttons=CHOICES))
    assert text == (
        "Anh/chị muốn làm gì?\n\n1. Gửi sáng kiến\n2. Gửi hiến kế\n3. Hỏi đáp\n\n" + CHOICE_HINT
    )


def test_no_buttons_no_hint_and_empty_message_sends_nothing() -> None:
    assert render(Outgoing("Cảm ơn anh/chị.")) == ["Cảm ơn anh/chị."]
    assert render(Outgoing("")) == []


def test_document_url_becomes_a_link_line() -> None:
    url = "https://sangkien.example.vn/files/SK-2026-00042.docx?sig=abc"
    [text] = render(
        Outgoing("Mẫu đơn của anh/chị:", document=url, document_name="Đơn yêu cầu.docx")
    )
    assert text == f"Mẫu đơn của anh/chị:\n\nĐơn yêu cầu.docx: {url}"


def test_local_document_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.channels.zalo_render"):
        assert render(Outgoing("Mẫu đơn", document="/srv/data/mau.docx")) == ["Mẫu đơn"]
    assert "/srv/data/mau.docx" in caplog.text


def _long_vietnamese(paragraphs: int, sentences: int = 6) -> str:
    return "\n\n".join(" ".join([VI_SENTENCE] * sentences) for _ in range(paragraphs))


def test_split_keeps_paragraphs_and_never_cuts_words() -> None:
    text = _long_vietnamese(12)
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(text_length(chunk) <= MAX_TEXT for chunk in chunks)
    assert all(chunk == chunk.strip() for chunk in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())
    words = set(text.split())
    assert all(word in words for chunk in chunks for word in chunk.split())


def test_split_falls_back_to_lines_then_words() -> None:
    one_paragraph = " ".join([VI_SENTENCE] * 60)
    lines = "\n".join([VI_SENTENCE] * 60)
    for text in (one_paragraph, lines):
        chunks = split_text(text)
        assert len(chunks) > 1 and all(text_length(c) <= MAX_TEXT for c in chunks)
        assert " ".join(" ".join(chunks).split()) == " ".join(text.split())
    assert all(c.endswith("chờ.") for c in split_text(lines))


def test_split_cuts_only_a_word_longer_than_the_limit() -> None:
    word = "đ" * 4500
    chunks = split_text(f"Mã: {word} hết")
    assert [len(c) for c in chunks] == [3, 2000, 2000, 504]
    assert chunks[0] == "Mã:" and chunks[-1].endswith("đ hết")


def test_split_counts_utf16_units_and_never_splits_an_emoji() -> None:
    chunks = split_text("🙂" * 1500)
    assert [text_length(c) for c in chunks] == [2000, 1000]
    assert "".join(chunks) == "🙂" * 1500


def test_choice_list_stays_together_in_the_last_chunk() -> None:
    body = _long_vietnamese(3) + "\n\n" + "x" * (MAX_TEXT - 20)
    chunks = render(Outgoing(body, buttons=CHOICES))
    assert all(text_length(c) <= MAX_TEXT for c in chunks)
    assert chunks[-1].startswith("1. Gửi sáng kiến\n2. Gửi hiến kế\n3. Hỏi đáp")
    assert sum("1. Gửi sáng kiến" in c for c in chunks) == 1


def test_choice_list_joins_the_last_chunk_when_it_fits() -> None:
    chunks = render(Outgoing(_long_vietnamese(8), buttons=CHOICES))
    assert len(chunks) > 1 and chunks[-1].endswith(CHOICE_HINT)
    assert not chunks[-1].startswith("1. ")


# -- send over HTTP ----------------------------------------------------------------------


async def test_send_delivers_numbered_choices(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    await zalo.send("u1", Outgoing("Chọn loại:", buttons=CHOICES[:2]))
    [call] = api.calls("sendMessage")
    assert call.params == {
        "chat_id": "u1",
        "text": f"Chọn loại:\n\n1. Gửi sáng kiến\n2. Gửi hiến kế\n\n{CHOICE_HINT}",
    }


async def test_send_long_reply_arrives_in_order_within_the_limit(
    api: FakeZaloApi, zalo: ZaloChannel
) -> None:
    text = _long_vietnamese(15)
    await zalo.send("u2", Outgoing(text, buttons=CHOICES))
    delivered = api.messages_to("u2")
    assert delivered == render(Outgoing(text, buttons=CHOICES)) and len(delivered) >= 3
    assert delivered[-1].endswith(CHOICE_HINT)


async def test_send_typing_calls_chat_action_and_swallows_failures(
    api: FakeZaloApi, zalo: ZaloChannel
) -> None:
    await zalo.send_typing("u1")
    api.fail_next("sendChatAction", 500)
    await zalo.send_typing("u1")
    assert [c.params for c in api.calls("sendChatAction")] == [
        {"chat_id": "u1", "action": "typing"}
    ] * 2


# -- error translation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "http_status", "retry_after", "error", "wait"),
    [
        (429, None, 7, RateLimited, 7.0),
        (429, None, None, RateLimited, 1.0),
        (429, 200, 3, RateLimited, 3.0),
        (500, None, None, TransientError, None),
        (503, None, None, TransientError, None),
        (403, None, None, RecipientBlocked, None),
        (403, 200, None, RecipientBlocked, None),
        (400, None, None, PermanentError, None),
        (404, None, None, PermanentError, None),
    ],
    ids=[
        "429",
        "429-no-retry-after",
        "429-in-body",
        "500",
        "503",
        "403",
        "403-in-body",
        "400",
        "404",
    ],
)
async def test_error_translation(
    api: FakeZaloApi,
    zalo: ZaloChannel,
    status: int,
    http_status: int | None,
    retry_after: float | None,
    error: type[Exception],
    wait: float | None,
) -> None:
    api.fail_next("sendMessage", status, retry_after=retry_after, http_status=http_status)
    with pytest.raises(error) as caught:
        await zalo.send("u1", Outgoing("Xin chào"))
    if wait is not None:
        assert caught.value.retry_after == wait  # type: ignore[attr-defined]
    assert api.token not in str(caught.value)


async def test_blocked_chat_raises_recipient_blocked(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    api.block_chat("u-blocked")
    with pytest.raises(RecipientBlocked):
        await zalo.send("u-blocked", Outgoing("Nhắc hạn nộp"))
    await zalo.send("u-ok", Outgoing("Nhắc hạn nộp"))
    assert api.messages_to("u-ok") == ["Nhắc hạn nộp"] and api.messages_to("u-blocked") == []


async def test_platform_rate_limit_raises_rate_limited(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    api.rate_limit(2)
    await zalo.send("u1", Outgoing("1"))
    await zalo.send("u1", Outgoing("2"))
    with pytest.raises(RateLimited) as caught:
        await zalo.send("u1", Outgoing("3"))
    assert caught.value.retry_after == 1.0 and api.messages_to("u1") == ["1", "2"]


async def test_bad_token_is_permanent_with_a_clear_message(api: FakeZaloApi) -> None:
    wrong = "999:WrongTokenValue"
    channel = ZaloChannel(token=wrong, api_url=api.url)
    try:
        with pytest.raises(PermanentError, match="token was rejected") as caught:
            await channel.get_me()
    finally:
        await channel.close()
    assert wrong not in str(caught.value)
    assert api.calls("getMe")[0].authorized is False


async def test_text_over_the_limit_is_refused_by_the_platform(
    api: FakeZaloApi, zalo: ZaloChannel
) -> None:
    with pytest.raises(PermanentError, match="1-2000"):
        await zalo._call("sendMessage", {"chat_id": "u1", "text": "a" * 2001})


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_connection_refused_is_transient_and_hides_the_token() -> None:
    channel = ZaloChannel(token="77:SecretTokenXyz", api_url=f"http://127.0.0.1:{_closed_port()}")
    try:
        with pytest.raises(TransientError) as caught:
            await channel.send("u1", Outgoing("x"))
    finally:
        await channel.close()
    assert "SecretTokenXyz" not in str(caught.value) and caught.value.__cause__ is None


async def test_timeout_is_transient() -> None:
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        channel = ZaloChannel(
            token="77:SecretTokenXyz", api_url=f"http://127.0.0.1:{port}", timeout=0.3
        )
        try:
            with pytest.raises(TransientError, match="timed out"):
                await channel.send("u1", Outgoing("x"))
        finally:
            await channel.close()


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(502, text="<html>Bad Gateway</html>"), TransientError),
        (httpx.Response(200, text="not json"), TransientError),
        (
            httpx.Response(400, json={"ok": False, "error_code": 400, "description": "bad"}),
            PermanentError,
        ),
    ],
    ids=["html-502", "non-json-200", "plain-400"],
)
async def test_unexpected_bodies(response: httpx.Response, error: type[Exception]) -> None:
    channel = ZaloChannel(token="1:t", transport=httpx.MockTransport(lambda request: response))
    try:
        with pytest.raises(error):
            await channel.send("u1", Outgoing("x"))
    finally:
        await channel.close()


# -- polling and webhooks ----------------------------------------------------------------


async def test_get_updates_serves_one_per_call_then_408_means_empty(
    api: FakeZaloApi, zalo: ZaloChannel
) -> None:
    first, second = ev.text_event("u1", "một"), ev.image_event("u1")
    api.push_update(first)
    api.push_update(second)
    assert await zalo.get_updates(timeout=1) == [first]
    assert await zalo.get_updates(timeout=1) == [second]
    assert await zalo.get_updates(timeout=1) == []
    assert api.calls("getUpdates")[0].params == {"timeout": "1"}


async def test_get_updates_other_errors_still_raise(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    api.fail_next("getUpdates", 500)
    with pytest.raises(TransientError):
        await zalo.get_updates(timeout=1)


async def test_webhook_set_info_delete(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    await zalo.set_webhook("https://sangkien.example.vn/webhook/zalo", "s3cret-s3cret")
    assert api.webhook["secret_token"] == "s3cret-s3cret"
    assert (await zalo.webhook_info())["url"] == "https://sangkien.example.vn/webhook/zalo"
    await zalo.delete_webhook()
    assert (await zalo.webhook_info())["url"] == ""


async def test_webhook_refused_is_permanent(zalo: ZaloChannel) -> None:
    with pytest.raises(PermanentError, match="https"):
        await zalo.set_webhook("http://insecure.example.vn/hook", "s3cret-s3cret")


async def test_get_me(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    me = await zalo.get_me()
    assert me["id"] == api.token.split(":")[0] and me["account_name"].startswith("bot.")


# -- secrets and logs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected", "ok"),
    [
        ("s3cret-s3cret", "s3cret-s3cret", True),
        ("s3cret-s3creT", "s3cret-s3cret", False),
        ("s3cret", "s3cret-s3cret", False),
        (None, "s3cret-s3cret", False),
        ("", "s3cret-s3cret", False),
        ("", "", False),
        ("bí-mật-đây", "bí-mật-đây", True),
    ],
)
def test_verify_secret(header: str | None, expected: str, ok: bool) -> None:
    assert verify_secret(header, expected) is ok


def test_verify_secret_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr("bot.channels.zalo.hmac.compare_digest", spy)
    assert verify_secret("abc-12345", "abc-12345")
    assert seen == [(b"abc-12345", b"abc-12345")]


async def test_token_never_reaches_a_log_line(
    api: FakeZaloApi, caplog: pytest.LogCaptureFixture
) -> None:
    channel = ZaloChannel(token=api.token, api_url=api.url)
    secret_part = api.token.split(":", 1)[1]
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="httpx"):
        await channel.get_me()
        await channel.send("u1", Outgoing("Xin chào"))
        api.fail_next("sendMessage", 500)
        with pytest.raises(TransientError):
            await channel.send("u1", Outgoing("Xin chào"))
        await channel.send_typing("u1")
        await channel.close()
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log
    assert all(secret_part not in r.getMessage() for r in caplog.records)
    assert secret_part not in caplog.text and "<zalo-token>" in caplog.text


def test_httpx_is_quietened_to_warning(api: FakeZaloApi) -> None:
    ZaloChannel(token=api.token, api_url=api.url)
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
