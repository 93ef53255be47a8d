"""The "typing…" bubble on Zalo and Telegram: only for a late reply, never in the way."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from storage.db import Database
from storage.models import Identity
from tests.fakes import telegram_updates as tu
from tests.fakes import zalo_updates as zu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from webhook.app import create_app
from webhook.config import Settings

ZALO_USER = "7788001122"
TELEGRAM_USER = 5560001


def _late_replies(client: TestClient, *, throttle: bool = True) -> None:
    """Every reply counts as late: the bubble is asked for at once (as a slow reply would)."""
    typing = client.app.state.services.typing  # type: ignore[attr-defined]
    typing.after = 0.0
    if not throttle:
        typing.every = 0.0


def test_zalo_update_shows_typing_then_the_reply(
    zalo_client: TestClient, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    _late_replies(zalo_client)
    response = zalo_client.post(
        "/webhook/zalo", json=zu.text_event(ZALO_USER, "/start"), headers=zalo_header
    )
    assert response.status_code == 200
    fake_zalo.wait_for(lambda: fake_zalo.messages_to(ZALO_USER))
    typing = fake_zalo.wait_for(lambda: fake_zalo.calls("sendChatAction"))
    assert [c.params for c in typing] == [{"chat_id": ZALO_USER, "action": "typing"}]
    reply = fake_zalo.calls("sendMessage")[0]
    assert typing[0].at <= reply.at  # started before the runner, so it shows before the reply


def test_zalo_typing_failure_costs_nothing(
    zalo_client: TestClient, db: Database, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    _late_replies(zalo_client, throttle=False)
    fake_zalo.fail_next("sendChatAction", 500)
    fake_zalo.fail_next("sendChatAction", 403, after=1)
    for text in ("/start", "1"):
        update = zu.text_event(ZALO_USER, text)
        assert zalo_client.post("/webhook/zalo", json=update, headers=zalo_header).json()["ok"]
    fake_zalo.wait_for(lambda: len(fake_zalo.messages_to(ZALO_USER)) >= 2)
    refused = fake_zalo.wait_for(lambda: len(fake_zalo.calls("sendChatAction")) == 2)
    assert refused  # both bubbles refused (500, then 403), yet both replies arrived
    with db.session() as session:  # a refused bubble is no reason to think the user blocked us
        assert session.execute(select(Identity)).scalars().one().unreachable_at is None


def test_a_burst_of_updates_asks_for_the_bubble_once(
    zalo_client: TestClient, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    _late_replies(zalo_client)
    for text in ("/start", "/huongdan", "/help"):
        zalo_client.post("/webhook/zalo", json=zu.text_event(ZALO_USER, text), headers=zalo_header)
    fake_zalo.wait_for(lambda: len(fake_zalo.messages_to(ZALO_USER)) >= 3)
    assert len(fake_zalo.calls("sendChatAction")) == 1


def test_telegram_update_shows_typing_and_a_slow_bubble_does_not_delay_the_webhook(
    client: TestClient, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    _late_replies(client)
    fake_telegram.delay_next("sendChatAction", 3.0)
    started = time.monotonic()
    response = client.post(
        "/webhook/telegram",
        json=tu.command_update(70, TELEGRAM_USER, "start"),
        headers=secret_header,
    )
    assert response.status_code == 200
    assert time.monotonic() - started < 2.0
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(TELEGRAM_USER))
    typing = fake_telegram.wait_for(lambda: fake_telegram.calls("sendChatAction"), timeout=10)
    assert typing[0].params["action"] == "typing"
    assert str(typing[0].params["chat_id"]) == str(TELEGRAM_USER)


def test_a_quick_telegram_reply_needs_no_bubble(
    client: TestClient, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    typing = client.app.state.services.typing  # type: ignore[attr-defined]
    typing.after = 3600.0  # the reply surely goes out first
    update = tu.command_update(71, TELEGRAM_USER, "start")
    assert client.post("/webhook/telegram", json=update, headers=secret_header).is_success
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(TELEGRAM_USER))
    assert typing.waiting == 0  # the reply's send cancelled the bubble that was waiting
    assert fake_telegram.calls("sendChatAction") == []


def test_a_quick_zalo_reply_needs_no_bubble(
    zalo_client: TestClient, fake_zalo: FakeZaloApi, zalo_header: dict[str, str]
) -> None:
    typing = zalo_client.app.state.services.typing  # type: ignore[attr-defined]
    typing.after = 3600.0
    update = zu.text_event(ZALO_USER, "/start")
    assert zalo_client.post("/webhook/zalo", json=update, headers=zalo_header).is_success
    fake_zalo.wait_for(lambda: fake_zalo.messages_to(ZALO_USER))
    assert typing.waiting == 0
    assert fake_zalo.calls("sendChatAction") == []


def test_a_replica_that_does_not_lead_shows_the_bubble_at_once(
    db_backend: str,
    client: TestClient,
    telegram_settings: Settings,
    fake_telegram: FakeTelegram,
    secret_header: dict[str, str],
) -> None:
    if db_backend == "sqlite":
        pytest.skip("SQLite has one process, always the leader")
    leader = client.app.state.services.typing  # type: ignore[attr-defined]
    with TestClient(create_app(telegram_settings)) as other:
        typing = other.app.state.services.typing  # type: ignore[attr-defined]
        fake_telegram.wait_for(lambda: not typing.leading)  # its first leader check
        assert leader.leading and leader.after > 0  # the leader still waits for a late reply
        update = tu.command_update(72, TELEGRAM_USER, "start")
        assert other.post("/webhook/telegram", json=update, headers=secret_header).is_success
        fake_telegram.wait_for(lambda: fake_telegram.messages_to(TELEGRAM_USER))
        bubble = fake_telegram.wait_for(lambda: fake_telegram.calls("sendChatAction"))
        assert bubble[0].time <= fake_telegram.calls("sendMessage")[0].time
