"""POST /webhook/telegram: secret first, then parse, dedupe, commit, and replies via the outbox."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from storage.db import Database
from storage.models import Identity, Outbox, ProcessedUpdate
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram

USER = 5550001


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_wrong_or_missing_secret_is_refused_and_nothing_is_stored(
    client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    update = tu.command_update(1, USER, "start")
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        response = client.post("/webhook/telegram", json=update, headers=headers)
        assert response.status_code == 403
    assert _count(db, ProcessedUpdate) == 0
    assert _count(db, Outbox) == 0
    assert fake_telegram.calls("sendMessage") == []


def test_malformed_bodies_are_400(client: TestClient, secret_header: dict[str, str]) -> None:
    bad = [b"{not json", b"[1,2]", b'"text"', b'{"update_id": "x"}', b"\xff\xfe"]
    for body in bad:
        response = client.post("/webhook/telegram", content=body, headers=secret_header)
        assert response.status_code == 400, body


def test_start_is_answered_through_the_fake_api(
    client: TestClient, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    response = client.post(
        "/webhook/telegram", json=tu.command_update(10, USER, "start"), headers=secret_header
    )
    assert response.status_code == 200
    texts = fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER))
    assert "Trợ lý Sáng kiến" in texts[0]
    sent = fake_telegram.calls("sendMessage")[0]
    assert sent.params.get("parse_mode") in (None, "")  # plain text: user text never is markup


def test_redelivery_has_no_second_effect(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    update = tu.command_update(20, USER, "start")
    first = client.post("/webhook/telegram", json=update, headers=secret_header)
    second = client.post("/webhook/telegram", json=update, headers=secret_header)
    assert first.json()["duplicate"] is False
    assert (second.status_code, second.json()["duplicate"]) == (200, True)
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER))
    assert _count(db, Outbox) == 1
    assert len(fake_telegram.messages_to(USER)) == 1


def test_concurrent_redelivery_has_one_effect(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    update = tu.command_update(30, USER, "start")
    statuses: list[int] = []
    barrier = threading.Barrier(8)

    def deliver() -> None:
        barrier.wait()
        statuses.append(
            client.post("/webhook/telegram", json=update, headers=secret_header).status_code
        )

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 8
    assert _count(db, ProcessedUpdate) == 1
    assert _count(db, Identity) == 1
    assert _count(db, Outbox) == 1


def test_429_and_500_are_retried_and_replies_stay_in_order(
    client: TestClient, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    fake_telegram.fail_next("sendMessage", 429, retry_after=1)
    fake_telegram.fail_next("sendMessage", 500)
    client.post(
        "/webhook/telegram", json=tu.command_update(40, USER, "start"), headers=secret_header
    )
    client.post(
        "/webhook/telegram", json=tu.command_update(41, USER, "huongdan"), headers=secret_header
    )
    texts = fake_telegram.wait_for(
        lambda: len(fake_telegram.messages_to(USER)) >= 2 and fake_telegram.messages_to(USER),
        timeout=20,
    )
    assert len(texts) == 2
    assert "Trợ lý Sáng kiến xin chào" in texts[0]  # the greeting first, despite its failures
    answers = [c.status for c in fake_telegram.calls("sendMessage")]
    assert answers[:2] == [429, 500]


def test_blocked_user_is_marked_unreachable(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    fake_telegram.block_chat(USER)
    client.post(
        "/webhook/telegram", json=tu.command_update(50, USER, "start"), headers=secret_header
    )

    def outcome() -> tuple[str, object] | None:
        with db.session() as session:
            row = session.execute(select(Outbox)).scalars().first()
            identity = session.execute(select(Identity)).scalars().first()
            if row is None or row.status == "pending":
                return None
            return row.status, identity.unreachable_at if identity else None

    status, unreachable = fake_telegram.wait_for(outcome, timeout=10)
    assert status == "blocked" and unreachable is not None
    fake_telegram.unblock_chat(USER)
    client.post(
        "/webhook/telegram", json=tu.text_update(51, USER, "xin chào"), headers=secret_header
    )
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER), timeout=10)
    with db.session() as session:
        identity = session.execute(select(Identity)).scalars().one()
        assert identity.unreachable_at is None


def test_unsupported_update_gets_a_reply_not_an_error(
    client: TestClient, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    for number, update in enumerate([tu.sticker_update(60, USER), tu.voice_update(61, USER)]):
        response = client.post("/webhook/telegram", json=update, headers=secret_header)
        assert response.status_code == 200, number
    texts = fake_telegram.wait_for(
        lambda: len(fake_telegram.messages_to(USER)) >= 2 and fake_telegram.messages_to(USER),
        timeout=10,
    )
    assert all(text.strip() for text in texts)


def test_a_button_press_is_answered_in_the_webhook_answer(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    start = client.post(
        "/webhook/telegram", json=tu.command_update(40, USER, "start"), headers=secret_header
    )
    assert fake_telegram.webhook_reply(start) is None  # nothing to carry out for a text
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER))
    press = tu.callback_update(41, USER, "consent:yes")
    answer = client.post("/webhook/telegram", json=press, headers=secret_header)
    query_id = press["callback_query"]["id"]
    assert answer.status_code == 200
    assert answer.json() == {"method": "answerCallbackQuery", "callback_query_id": query_id}
    call = fake_telegram.webhook_reply(answer)  # Telegram makes the call the answer names
    assert call is not None and (call.status, call.params) == (
        200,
        {"callback_query_id": query_id},
    )
    fake_telegram.wait_for(lambda: len(fake_telegram.messages_to(USER)) >= 2)
    again = client.post("/webhook/telegram", json=press, headers=secret_header)
    assert again.json()["method"] == "answerCallbackQuery"  # a redelivery stops the spinner too
    assert _count(db, ProcessedUpdate) == 2
    answered = fake_telegram.calls("answerCallbackQuery")
    assert [c.via_webhook_reply for c in answered] == [True]  # never a call of the server's own
