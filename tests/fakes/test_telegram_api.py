"""The fake Telegram server itself: it must refuse what Telegram refuses, in Telegram's shapes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_limits import SendLimits


@pytest.fixture(scope="module")
def server() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def tg(server: FakeTelegram) -> FakeTelegram:
    server.reset()
    return server


def call(tg: FakeTelegram, method: str, **params: Any) -> httpx.Response:
    return httpx.post(f"{tg.url}/bot{tg.token}/{method}", json=params)


def test_send_message_answers_a_message_with_growing_ids(tg: FakeTelegram) -> None:
    first = call(tg, "sendMessage", chat_id=42, text="một").json()
    tg.reset()  # ids keep growing across resets, as a chat's message ids do
    second = call(tg, "sendMessage", chat_id=42, text="hai").json()
    assert first["ok"] and second["ok"]
    assert second["result"]["message_id"] > first["result"]["message_id"]
    assert second["result"]["chat"] == {"id": 42, "type": "private", "first_name": "Người dùng"}
    assert tg.messages_to(42) == ["hai"]


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"chat_id": 42, "text": ""}, "Bad Request: message text is empty"),
        ({"chat_id": 42, "text": "  \n"}, "Bad Request: message text is empty"),
        ({"chat_id": 42, "text": "😀" * 2049}, "Bad Request: message is too long"),
        ({"text": "x"}, "Bad Request: chat_id is empty"),
        (
            {
                "chat_id": 42,
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "x" * 65}]]},
            },
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {"chat_id": 42, "text": "x", "reply_markup": "{not json"},
            "Bad Request: can't parse reply keyboard markup JSON object",
        ),
    ],
)
def test_send_message_refuses_like_telegram(
    tg: FakeTelegram, params: dict[str, Any], description: str
) -> None:
    response = call(tg, "sendMessage", **params)
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error_code": 400, "description": description}
    assert tg.messages_to(42) == []


def test_exactly_4096_utf16_units_is_accepted(tg: FakeTelegram) -> None:
    assert call(tg, "sendMessage", chat_id=42, text="😀" * 2048).status_code == 200


def test_form_and_query_parameters_are_accepted(tg: FakeTelegram) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "Có", "callback_data": "yes"}]]})
    form = httpx.post(
        f"{tg.url}/bot{tg.token}/sendMessage",
        data={"chat_id": "42", "text": "form", "reply_markup": markup},
    )
    query = httpx.get(
        f"{tg.url}/bot{tg.token}/sendMessage", params={"chat_id": "42", "text": "query"}
    )
    assert form.status_code == query.status_code == 200
    assert (
        tg.calls("sendMessage")[0].params["reply_markup"]["inline_keyboard"][0][0]["text"] == "Có"
    )
    assert tg.messages_to("42") == ["form", "query"]


def test_multipart_documents_are_kept(tg: FakeTelegram) -> None:
    response = httpx.post(
        f"{tg.url}/bot{tg.token}/sendDocument",
        data={"chat_id": "42", "caption": "mẫu"},
        files={"document": ("Mẫu 01.docx", b"PK\x03\x04", "application/octet-stream")},
    )
    document = response.json()["result"]["document"]
    assert (document["file_name"], document["file_size"]) == ("Mẫu 01.docx", 4)
    assert tg.sent(42)[0].params["document"].data == b"PK\x03\x04"


def test_wrong_token_and_unknown_method(tg: FakeTelegram) -> None:
    wrong = httpx.post(f"{tg.url}/bot1:nope/getMe")
    unknown = call(tg, "sendTelepathy")
    assert (wrong.status_code, wrong.json()["description"]) == (401, "Unauthorized")
    assert (unknown.status_code, unknown.json()["description"]) == (404, "Not Found")


def test_scripted_failures_apply_in_order_then_stop(tg: FakeTelegram) -> None:
    tg.fail_next("sendMessage", status=429, retry_after=3)
    tg.fail_next("sendMessage", status=500, times=2)
    answers = [call(tg, "sendMessage", chat_id=1, text="x") for _ in range(4)]
    assert [a.status_code for a in answers] == [429, 500, 500, 200]
    assert answers[0].json()["parameters"] == {"retry_after": 3}
    assert [c.status for c in tg.calls("sendMessage")] == [429, 500, 500, 200]


def test_blocked_and_missing_chats(tg: FakeTelegram) -> None:
    tg.block_chat(7)
    tg.forget_chat(8)
    blocked = call(tg, "sendMessage", chat_id=7, text="x").json()
    missing = call(tg, "sendMessage", chat_id=8, text="x").json()
    assert blocked["error_code"] == 403
    assert blocked["description"] == "Forbidden: bot was blocked by the user"
    assert missing == {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
    tg.unblock_chat(7)
    assert call(tg, "sendMessage", chat_id=7, text="x").status_code == 200


def test_rate_limits_per_chat_burst_then_retry_after(tg: FakeTelegram) -> None:
    tg.rate_limit(SendLimits(per_chat=0.01))  # refills too slowly for a slow machine to matter
    statuses = [call(tg, "sendMessage", chat_id=42, text="x").status_code for _ in range(4)]
    other = call(tg, "sendMessage", chat_id=43, text="x")
    assert statuses == [200, 200, 200, 429]
    assert other.status_code == 200  # the limit is per chat
    tg.rate_limit(enabled=False)
    assert call(tg, "sendMessage", chat_id=42, text="x").status_code == 200


def test_send_limits_overall_and_groups() -> None:
    now = [0.0]
    limits = SendLimits(clock=lambda: now[0])
    assert [limits.check("42") for _ in range(4)] == [None, None, None, 1]
    now[0] += 1.0
    assert limits.check("42") is None  # ≈1 per second per chat after the burst
    overall = [limits.check(str(chat)) for chat in range(31)]
    assert overall[:29] == [None] * 29 and overall[29] == 1  # 30/s, 1 spent on chat 42 above
    now[0] += 1.0
    group = [limits.check("-100777") for _ in range(21)]
    assert group[:20] == [None] * 20 and group[20] == 3  # 20 per minute: one every 3 s


def test_get_updates_offsets(tg: FakeTelegram) -> None:
    for update_id in (1, 2, 3):
        tg.push_update({"update_id": update_id, "message": {}})
    assert tg.push_update({"message": {}}) == 4  # an id is assigned when missing
    ids = [u["update_id"] for u in call(tg, "getUpdates", offset=2).json()["result"]]
    last = [u["update_id"] for u in call(tg, "getUpdates", offset=-1).json()["result"]]
    assert (ids, last) == ([2, 3, 4], [4])
    assert call(tg, "getUpdates", offset=5, timeout=0).json()["result"] == []


def test_files_round_trip(tg: FakeTelegram) -> None:
    file_id = tg.add_file(b"noi dung", file_path="documents/file_1.pdf")
    meta = call(tg, "getFile", file_id=file_id).json()["result"]
    assert meta["file_path"] == "documents/file_1.pdf"
    download = httpx.get(f"{tg.url}/file/bot{tg.token}/{meta['file_path']}")
    assert download.content == b"noi dung"
    assert httpx.get(f"{tg.url}/file/bot{tg.token}/documents/none").status_code == 404
    assert (
        call(tg, "getFile", file_id="nope").json()["description"] == "Bad Request: invalid file_id"
    )


def test_wait_for_returns_the_value_or_fails(tg: FakeTelegram) -> None:
    call(tg, "sendMessage", chat_id=42, text="xong")
    assert tg.wait_for(lambda: tg.messages_to(42), timeout=1) == ["xong"]
    with pytest.raises(AssertionError):
        tg.wait_for(lambda: tg.messages_to(99), timeout=0.05)


def test_an_unparsable_body_is_a_bad_request(tg: FakeTelegram) -> None:
    response = httpx.post(
        f"{tg.url}/bot{tg.token}/sendMessage",
        content=b"{oops",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False


def _answer(body: object, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


def test_a_method_in_a_webhook_answer_is_carried_out_like_telegram_does(tg: FakeTelegram) -> None:
    call_made = tg.webhook_reply(_answer({"method": "sendMessage", "chat_id": 42, "text": "chào"}))
    assert call_made is not None and call_made.via_webhook_reply and call_made.status == 200
    assert tg.messages_to(42) == ["chào"]
    refused = tg.webhook_reply(_answer({"method": "answerCallbackQuery"}))
    assert refused is not None and refused.status == 400  # nobody hears of it, as on Telegram
    for ignored in (
        _answer({"ok": True}),
        _answer([1, 2]),
        _answer({"method": "sendMessage", "chat_id": 42, "text": "x"}, status=500),
        httpx.Response(200, text='{"method": "sendMessage"}'),  # not application/json
    ):
        assert tg.webhook_reply(ignored) is None
    assert [c.method for c in tg.calls()] == ["sendMessage", "answerCallbackQuery"]
    assert call(tg, "getMe").json()["ok"]
    assert tg.calls("getMe")[0].via_webhook_reply is False
