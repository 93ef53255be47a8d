"""The Zalo adapter over real HTTP against the local fake Bot API: sending, errors, polling, secrets."""

from __future__ import annotations

import asyncio
import hmac
import logging
import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from bot.channels.base import verify_secret
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_render import CHOICE_HINT, render
from bot.errors import PermanentError, RateLimited, RecipientBlocked, TransientError
from bot.messages import Button, Outgoing
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
    text = "\n\n".join(" ".join([VI_SENTENCE] * 6) for _ in range(15))
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


async def test_a_failed_middle_chunk_raises_after_the_earlier_ones_went_out(
    api: FakeZaloApi, zalo: ZaloChannel
) -> None:
    # The outbox retries the whole Outgoing, so the first chunk may reach the user twice:
    # a repeated paragraph is better than a lost one (guarantee 1).
    text = "\n\n".join(" ".join([VI_SENTENCE] * 15) for _ in range(3))
    api.fail_next("sendMessage", 502, after=1)
    with pytest.raises(TransientError):
        await zalo.send("u3", Outgoing(text))
    assert api.messages_to("u3") == render(Outgoing(text))[:1]


async def test_concurrent_sends_are_all_recorded(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    await asyncio.gather(*(zalo.send(f"u{i % 5}", Outgoing(f"tin {i}")) for i in range(40)))
    assert len(api.calls("sendMessage")) == 40
    assert sorted(api.messages_to("u0")) == sorted(f"tin {i}" for i in range(0, 40, 5))


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


async def test_408_outside_polling_is_transient(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    api.fail_next("sendMessage", 408, http_status=200, description="Request timeout")
    with pytest.raises(TransientError):
        await zalo.send("u1", Outgoing("x"))


async def test_unknown_method_is_permanent(zalo: ZaloChannel) -> None:
    with pytest.raises(PermanentError, match="Not Found"):
        await zalo._call("sendSticker", {"chat_id": "u1"})


async def test_403_outside_a_chat_is_not_a_blocked_user(
    api: FakeZaloApi, zalo: ZaloChannel
) -> None:
    api.fail_next("setWebhook", 403)
    with pytest.raises(PermanentError) as caught:
        await zalo.set_webhook("https://sangkien.example.vn/webhook/zalo", "s3cret-s3cret")
    assert not isinstance(caught.value, RecipientBlocked)


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
        (httpx.Response(200, json={"ok": False, "error_code": "429"}), RateLimited),
        (httpx.Response(200, json=["ok"]), TransientError),
    ],
    ids=["html-502", "non-json-200", "plain-400", "string-error-code", "json-not-object"],
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


async def test_long_poll_outlasting_the_client_timeout_is_not_an_error() -> None:
    slow = FakeZaloApi(poll_wait=1.0)
    with slow:
        channel = ZaloChannel(token=slow.token, api_url=slow.url, timeout=0.3)
        try:
            assert await channel.get_updates(timeout=1) == []
        finally:
            await channel.close()


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

    monkeypatch.setattr("bot.channels.base.hmac.compare_digest", spy)
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


# -- the fake itself ---------------------------------------------------------------------


def test_fake_answers_get_and_refuses_bad_bodies_and_tokens(api: FakeZaloApi) -> None:
    with httpx.Client(base_url=api.url) as client:
        assert client.get(f"/bot{api.token}/getMe").json()["ok"] is True
        bad = client.post(f"/bot{api.token}/sendMessage", content=b"{not json")
        assert (bad.status_code, bad.json()["error_code"]) == (400, 400)
        wrong = client.post("/bot1:nope/getMe", json={})
        assert wrong.status_code == 401 and wrong.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    assert [c.authorized for c in api.calls()] == [True, True, False]


async def test_fake_wait_for_and_reset(api: FakeZaloApi, zalo: ZaloChannel) -> None:
    sending = asyncio.create_task(zalo.send("u9", Outgoing("đến nơi")))
    assert await api.wait_for_async(lambda: api.messages_to("u9")) == ["đến nơi"]
    await sending
    api.block_chat("u9")
    api.rate_limit(1)
    api.push_update(ev.text_event("u9", "x"))
    api.reset()
    assert api.calls() == [] and api.messages_to("u9") == []
    await zalo.send("u9", Outgoing("a"))
    await zalo.send("u9", Outgoing("b"))  # neither blocked nor rate limited any more
    assert await zalo.get_updates(timeout=0) == []
    with pytest.raises(AssertionError, match="within 0.05s"):
        api.wait_for(lambda: False, timeout=0.05)
