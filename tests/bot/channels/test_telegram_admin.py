"""Telegram adapter administration over real HTTP: webhooks, polling, files, log redaction."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.channels.telegram import REDACTED, TelegramChannel
from bot.errors import PermanentError, TransientError
from bot.messages import Outgoing
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram

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


# -- administration, polling, files --------------------------------------------------


async def test_webhook_set_info_delete(channel: TelegramChannel, fake: FakeTelegram) -> None:
    await channel.set_webhook(
        "https://sangkien.quangngai.gov.vn/webhook/telegram", "s3cr3t_Token-1"
    )
    assert fake.webhook["secret_token"] == "s3cr3t_Token-1"
    info = await channel.webhook_info()
    assert info["url"] == "https://sangkien.quangngai.gov.vn/webhook/telegram"
    assert info["allowed_updates"] == ["message", "callback_query"]
    await channel.delete_webhook()
    assert (await channel.webhook_info())["url"] == ""


async def test_webhook_refused_by_telegram_is_permanent(channel: TelegramChannel) -> None:
    with pytest.raises(PermanentError, match="(?i)https url"):
        await channel.set_webhook("http://insecure.example/webhook/telegram", "secret")


async def test_get_me(channel: TelegramChannel, fake: FakeTelegram) -> None:
    me = await channel.get_me()
    assert me["username"] == "SangKienTestBot"
    assert me["is_bot"] is True


async def test_get_updates_returns_raw_dicts_and_honours_offset(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.push_update(tu.text_update(100, 7, "một"))
    fake.push_update(tu.callback_update(101, 7, "yes"))
    malformed = {"update_id": 102, "message": {"unexpected": True}}
    fake.push_update(malformed)  # still delivered: parse() is where it gets refused
    updates = await channel.get_updates(None, 0)
    assert [u["update_id"] for u in updates] == [100, 101, 102]
    assert updates[0] == tu.text_update(100, 7, "một")
    assert [u["update_id"] for u in await channel.get_updates(102, 0)] == [102]
    assert await channel.get_updates(103, 0) == []
    assert fake.pending_updates == []
    params = fake.calls("getUpdates")[0].params
    assert params["allowed_updates"] == ["message", "callback_query"]


async def test_get_updates_long_polls_until_an_update_arrives(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    threading.Timer(0.2, fake.push_update, args=(tu.text_update(200, 7, "muộn"),)).start()
    updates = await asyncio.wait_for(channel.get_updates(None, 5), timeout=5)
    assert [u["update_id"] for u in updates] == [200]


async def test_get_updates_while_a_webhook_is_set_is_permanent(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    await channel.set_webhook("https://sangkien.example/webhook/telegram", "secret")
    with pytest.raises(PermanentError, match="webhook is active"):
        await channel.get_updates(None, 0)


async def test_download(channel: TelegramChannel, fake: FakeTelegram) -> None:
    content = "Nội dung sáng kiến".encode() * 1000
    file_id = fake.add_file(content, file_path="documents/file_7.docx")
    assert await channel.download(file_id) == content
    with pytest.raises(PermanentError, match="(?i)invalid file_id"):
        await channel.download("no-such-file")


# -- logging -------------------------------------------------------------------------


async def test_token_never_appears_in_logs(
    fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    adapter = TelegramChannel(token=fake.token, api_url=fake.url)
    noisy = ("httpx", "aiohttp.client", "aiohttp.internal")
    for name in noisy:  # even if someone turns the HTTP libraries up again
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        fake.add_file(b"x", file_path="photos/a.jpg", file_id="f1")
        await adapter.send(CHAT, Outgoing("xin chào"))
        await adapter.download("f1")
        await adapter.get_updates(None, 0)
        fake.fail_next("sendMessage", status=500)
        with pytest.raises(TransientError):
            await adapter.send(CHAT, Outgoing("x"))
        logging.getLogger("bot.channels.telegram").exception(
            "boom %s", fake.token, exc_info=RuntimeError(f"url bot{fake.token}/x")
        )
    finally:
        await adapter.close()
        for name in noisy:
            logging.getLogger(name).setLevel(logging.NOTSET)
        logging.getLogger("httpx").setLevel(logging.WARNING)
    # PTB did log URLs with the token in them: the redactor rewrote those lines
    assert any(
        r.name == "telegram.Bot" and f"bot{REDACTED}" in r.getMessage() for r in caplog.records
    )
    assert any(REDACTED in r.getMessage() for r in caplog.records)
    assert fake.token not in caplog.text
    assert [r.getMessage() for r in caplog.records if fake.token in r.getMessage()] == []


def test_constructor_quiets_httpx() -> None:
    logging.getLogger("httpx").setLevel(logging.NOTSET)
    TelegramChannel(token="1:quiet")
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
