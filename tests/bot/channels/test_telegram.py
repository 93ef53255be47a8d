"""The Telegram adapter against a real local fake Bot API server (no internet)."""

from __future__ import annotations

import asyncio
import gc
import traceback
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from telegram.request import HTTPXRequest

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_render import utf16_units
from bot.errors import PermanentError, RateLimited, RecipientBlocked, TransientError
from bot.messages import Button, Outgoing
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_limits import SendLimits
from tests.support.server import free_port

CHAT = "5551234"


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeTelegram) -> FakeTelegram:
    fake_server.reset()
    return fake_server


@pytest.fixture
async def channel(fake: FakeTelegram) -> AsyncIterator[TelegramChannel]:
    adapter = TelegramChannel(token=fake.token, api_url=fake.url, timeout=5)
    yield adapter
    await adapter.close()


# -- send ----------------------------------------------------------------------------


async def test_send_plain_text_without_parse_mode(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    text = "Xin chào <b>anh</b> *Bình* _ [link](x) & `code`"
    await channel.send(CHAT, Outgoing(text))
    assert fake.messages_to(CHAT) == [text]
    (call,) = fake.calls("sendMessage")
    assert "parse_mode" not in call.params
    assert "reply_markup" not in call.params


async def test_first_call_initializes_with_get_me_once(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    await channel.send(CHAT, Outgoing("một"))
    await channel.send(CHAT, Outgoing("hai"))
    assert [c.method for c in fake.calls()] == ["getMe", "sendMessage", "sendMessage"]


async def test_concurrent_first_calls_initialize_once(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    chats = [str(5550000 + n) for n in range(5)]
    await asyncio.gather(*(channel.send(chat, Outgoing("chào")) for chat in chats))
    assert len(fake.calls("getMe")) == 1
    assert all(fake.messages_to(chat) == ["chào"] for chat in chats)


def _long_vietnamese(units: int) -> str:
    paragraph = (
        "Đề xuất số hoá quy trình tiếp nhận hồ sơ một cửa 📄 giúp giảm thời gian "
        "chờ đợi của người dân 🙏 và tiết kiệm chi phí in ấn cho cơ quan."
    )
    paragraphs: list[str] = []
    while utf16_units("\n\n".join(paragraphs)) < units:
        paragraphs.append(f"{len(paragraphs) + 1}. {paragraph}")
    return "\n\n".join(paragraphs)


async def test_long_text_splits_at_paragraphs_within_4096_utf16_units(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    text = _long_vietnamese(10_000)
    await channel.send(CHAT, Outgoing(text, buttons=(Button("Gửi", "send"), Button("Sửa", "edit"))))
    chunks = fake.messages_to(CHAT)
    assert len(chunks) == 3
    assert all(utf16_units(c) <= 4096 for c in chunks)
    assert all(utf16_units(c) > 2048 for c in chunks[:-1])  # no needlessly tiny pieces
    assert "\n\n".join(chunks) == text  # cut between paragraphs, nothing lost
    assert [c.params.get("reply_markup") is not None for c in fake.calls("sendMessage")] == [
        False,
        False,
        True,
    ]


async def test_emoji_count_two_units_each(channel: TelegramChannel, fake: FakeTelegram) -> None:
    text = "🎉" * 2100  # 2,100 code points but 4,200 UTF-16 units, and no break at all
    await channel.send(CHAT, Outgoing(text))
    chunks = fake.messages_to(CHAT)
    assert [utf16_units(c) for c in chunks] == [4096, 104]
    assert "".join(chunks) == text


async def test_words_are_never_cut_unless_one_is_too_long(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    words = ["nghiên", "cứu", "khả", "thi", "ứng", "dụng", "chuyển", "đổi", "số"] * 700
    text = " ".join(words)
    await channel.send(CHAT, Outgoing(text))
    chunks = fake.messages_to(CHAT)
    assert len(chunks) > 1
    assert all(utf16_units(c) <= 4096 for c in chunks)
    assert " ".join(chunks).split(" ") == words


async def test_a_single_overlong_word_is_cut_hard(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    text = "https://dichvucong.quangngai.gov.vn/" + "a" * 5000
    await channel.send(CHAT, Outgoing(text))
    chunks = fake.messages_to(CHAT)
    assert [utf16_units(c) for c in chunks] == [4096, len(text) - 4096]
    assert "".join(chunks) == text


async def test_buttons_become_an_inline_keyboard(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    short = (Button("Có", "yes"), Button("Không", "no"), Button("Bỏ qua", "skip"))
    long = (
        Button("Sáng kiến (cải tiến kỹ thuật, quản lý)", "kind:sk"),
        Button("Hiến kế", "kind:hk"),
    )
    await channel.send(CHAT, Outgoing("Chọn?", buttons=short))
    await channel.send(CHAT, Outgoing("Loại?", buttons=long))
    first, second = (c.params["reply_markup"]["inline_keyboard"] for c in fake.calls("sendMessage"))
    assert [[b["callback_data"] for b in row] for row in first] == [["yes", "no"], ["skip"]]
    assert [[b["text"] for b in row] for row in second] == [
        ["Sáng kiến (cải tiến kỹ thuật, quản lý)"],
        ["Hiến kế"],
    ]


@pytest.mark.parametrize("value", ["x" * 65, "ý" * 33, ""])
async def test_callback_data_over_64_bytes_is_refused_before_any_call(
    channel: TelegramChannel, fake: FakeTelegram, value: str
) -> None:
    with pytest.raises(PermanentError, match="callback data"):
        await channel.send(CHAT, Outgoing("Chọn", buttons=(Button("A", "a"), Button("B", value))))
    assert fake.calls() == []


async def test_callback_data_of_exactly_64_bytes_is_sent(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    value = "ý" * 32  # 64 bytes in UTF-8
    await channel.send(CHAT, Outgoing("Chọn", buttons=(Button("A", value),)))
    assert fake.messages_to(CHAT) == ["Chọn"]


async def test_document_follows_the_text(
    channel: TelegramChannel, fake: FakeTelegram, tmp_path: Path
) -> None:
    path = tmp_path / "mau-don.pdf"
    path.write_bytes(b"%PDF-1.4 mau don sang kien")
    await channel.send(
        CHAT, Outgoing("Mẫu đơn đính kèm", document=str(path), document_name="Mẫu đơn.pdf")
    )
    assert [s.method for s in fake.sent(CHAT)] == ["sendMessage", "sendDocument"]
    upload = fake.calls("sendDocument")[0].params["document"]
    assert (upload.filename, upload.data) == ("Mẫu đơn.pdf", b"%PDF-1.4 mau don sang kien")


async def test_document_alone_carries_the_keyboard(
    channel: TelegramChannel, fake: FakeTelegram, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"PK\x03\x04")
    await channel.send(CHAT, Outgoing("", buttons=(Button("Đã nhận", "ack"),), document=str(path)))
    (call,) = fake.calls("sendDocument")
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ack"
    assert fake.calls("sendMessage") == []


async def test_missing_document_or_empty_message_is_permanent(
    channel: TelegramChannel, fake: FakeTelegram, tmp_path: Path
) -> None:
    with pytest.raises(PermanentError, match="document not found"):
        await channel.send(CHAT, Outgoing("x", document=str(tmp_path / "none.pdf")))
    with pytest.raises(PermanentError, match="nothing to send"):
        await channel.send(CHAT, Outgoing("  \n "))


async def test_document_by_url_is_passed_to_telegram(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    url = "https://sangkien.quangngai.gov.vn/files/the-le.pdf"
    await channel.send(CHAT, Outgoing("Thể lệ", document=url))
    assert fake.calls("sendDocument")[0].params["document"] == url


async def test_a_closed_channel_reopens_on_next_use(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    await channel.send(CHAT, Outgoing("trước"))
    await channel.close()
    await channel.send(CHAT, Outgoing("sau"))
    assert fake.messages_to(CHAT) == ["trước", "sau"]


async def test_the_request_layer_is_injectable() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/getMe"):
            return httpx.Response(
                200,
                json={
                    "ok": True,
                    "result": {"id": 1, "is_bot": True, "first_name": "B", "username": "b_bot"},
                },
            )
        return httpx.Response(
            200,
            json={
                "ok": True,
                "result": {
                    "message_id": 9,
                    "date": 0,
                    "chat": {"id": 5, "type": "private"},
                    "text": "x",
                },
            },
        )

    request = HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(answer)})
    adapter = TelegramChannel(token="1:abc", api_url="https://tg.invalid", request=request)
    try:
        await adapter.send("5", Outgoing("x"))
    finally:
        await adapter.close()
    assert seen == ["/bot1:abc/getMe", "/bot1:abc/sendMessage"]


# -- errors --------------------------------------------------------------------------


async def test_429_is_rate_limited_with_retry_after(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RateLimited) as caught:
        await channel.send(CHAT, Outgoing("x"))
    assert caught.value.retry_after == 7.0
    assert isinstance(caught.value.retry_after, float)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_5xx_is_transient(channel: TelegramChannel, fake: FakeTelegram, status: int) -> None:
    fake.fail_next("sendMessage", status=status)
    with pytest.raises(TransientError):
        await channel.send(CHAT, Outgoing("x"))


async def test_flood_control_of_the_fake_reaches_the_caller(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.rate_limit(SendLimits(per_chat=0.01))  # slow refill: no flakiness on a slow machine
    for text in ("một", "hai", "ba"):  # the per-chat burst
        await channel.send(CHAT, Outgoing(text))
    with pytest.raises(RateLimited) as caught:
        await channel.send(CHAT, Outgoing("bốn"))
    assert caught.value.retry_after >= 1
    await channel.send("5559999", Outgoing("chat khác"))  # other chats are not held up


async def test_blocked_user_is_recipient_blocked(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.block_chat(CHAT)
    with pytest.raises(RecipientBlocked, match="blocked by the user"):
        await channel.send(CHAT, Outgoing("x"))


async def test_chat_not_found_is_recipient_blocked(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.forget_chat(CHAT)
    with pytest.raises(RecipientBlocked, match="(?i)chat not found"):
        await channel.send(CHAT, Outgoing("x"))


async def test_400_is_permanent(channel: TelegramChannel, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=400, description="Bad Request: message is too long")
    with pytest.raises(PermanentError, match="(?i)too long"):
        await channel.send(CHAT, Outgoing("x"))


async def test_timeout_is_transient(fake: FakeTelegram) -> None:
    adapter = TelegramChannel(token=fake.token, api_url=fake.url, timeout=0.2)
    try:
        await adapter.get_me()
        fake.delay_next("sendMessage", 1.0)
        with pytest.raises(TransientError):
            await adapter.send(CHAT, Outgoing("x"))
    finally:
        await adapter.close()


async def test_connection_refused_is_transient() -> None:
    with FakeTelegram() as gone:
        url, token = gone.url, gone.token
    adapter = TelegramChannel(token=token, api_url=url, timeout=1)
    try:
        with pytest.raises(TransientError) as caught:
            await adapter.send(CHAT, Outgoing("x"))
    finally:
        await adapter.close()
    host = url.split("//", 1)[1]
    assert f"Cannot connect to host {host}" in str(caught.value)  # the operator sees where
    assert token not in str(caught.value)


async def test_an_unusable_api_url_is_named_without_the_token() -> None:
    token = "123456:SecretTokenOfTheProvinceBot"
    adapter = TelegramChannel(token=token, api_url="http://127.0.0.1:notaport", timeout=1)
    try:
        with pytest.raises(TransientError) as caught:
            await adapter.send(CHAT, Outgoing("x"))
    finally:
        await adapter.close()
    message = str(caught.value)
    assert "127.0.0.1:notaport" in message and "<telegram-token>" in message
    assert token not in "".join(traceback.format_exception(caught.value))  # as a log prints it


async def test_rejected_token_is_permanent_and_not_quoted(fake: FakeTelegram) -> None:
    token = "987654321:AAWrongTokenWrongTokenWrongToken0"
    adapter = TelegramChannel(token=token, api_url=fake.url)
    try:
        with pytest.raises(PermanentError) as caught:
            await adapter.send(CHAT, Outgoing("x"))
    finally:
        await adapter.close()
    assert token not in str(caught.value)
    assert caught.value.__cause__ is None


async def test_a_failed_initialization_is_retried(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.fail_next("getMe", status=502)
    with pytest.raises(TransientError):
        await channel.send(CHAT, Outgoing("x"))
    await channel.send(CHAT, Outgoing("y"))
    assert fake.messages_to(CHAT) == ["y"]


async def test_answer_callback_is_best_effort(channel: TelegramChannel, fake: FakeTelegram) -> None:
    await channel.answer_callback("4000000000000000011")
    fake.fail_next(
        "answerCallbackQuery",
        status=400,
        description="Bad Request: query is too old and response timeout expired",
    )
    await channel.answer_callback("4000000000000000012")  # no exception
    assert [c.params["callback_query_id"] for c in fake.calls("answerCallbackQuery")] == [
        "4000000000000000011",
        "4000000000000000012",
    ]


def test_one_channel_serves_one_event_loop_after_another(fake: FakeTelegram) -> None:
    """A CLI command or a test may use the channel from a new loop, closing it at the end of
    each: the Bot API connection pool belongs to the loop that made it, so a new one is made
    (PTB's own request class has no such tie)."""
    adapter = TelegramChannel(token=fake.token, api_url=fake.url, timeout=5)

    async def send_and_close(text: str) -> None:
        try:
            await adapter.send(CHAT, Outgoing(text))
        finally:
            await adapter.close()

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        asyncio.run(send_and_close("một"))
        asyncio.run(send_and_close("hai"))
        gc.collect()
    assert fake.messages_to(CHAT) == ["một", "hai"]
    assert [str(w.message) for w in seen] == []  # no unclosed session, socket or coroutine


def test_a_channel_left_open_in_an_ended_loop_still_sends_from_the_next(
    fake: FakeTelegram,
) -> None:
    """Its connection pool was made in the ended loop and cannot serve another one."""
    adapter = TelegramChannel(token=fake.token, api_url=fake.url, timeout=5)
    asyncio.run(adapter.send(CHAT, Outgoing("một")))  # no close()

    async def send_and_close() -> None:
        try:
            await adapter.send(CHAT, Outgoing("hai"))
        finally:
            await adapter.close()

    asyncio.run(send_and_close())
    assert fake.messages_to(CHAT) == ["một", "hai"]


async def test_a_document_is_sent_as_multipart_with_its_name_and_bytes(
    channel: TelegramChannel, fake: FakeTelegram, tmp_path: Path
) -> None:
    body = "Biên bản họp".encode() * 5000  # 80 KB: more than one read of the socket
    path = tmp_path / "bien-ban.docx"
    path.write_bytes(body)
    await channel.send(CHAT, Outgoing("", document=str(path), document_name="Biên bản.docx"))
    upload = fake.calls("sendDocument")[0].params["document"]
    assert (upload.filename, upload.data) == ("Biên bản.docx", body)


async def test_the_operators_proxy_settings_are_honoured(
    fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's server may reach Telegram only through a proxy (HTTP_PROXY/HTTPS_PROXY,
    NO_PROXY), as httpx honoured them before: here a proxy that refuses connections."""
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    adapter = TelegramChannel(token=fake.token, api_url=fake.url, timeout=2)
    try:
        with pytest.raises(TransientError):
            await adapter.send(CHAT, Outgoing("qua proxy"))
        assert fake.calls("sendMessage") == []  # it went to the proxy, not straight to the API
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        await adapter.close()  # the environment is read when the connection pool is made
        await adapter.send(CHAT, Outgoing("không qua proxy"))
    finally:
        await adapter.close()
    assert fake.messages_to(CHAT) == ["không qua proxy"]
