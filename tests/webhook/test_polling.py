"""Polling mode (no public URL): the app fetches updates itself and a failed one is retried."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.messages import Incoming
from bot.runner import Handled, Runner
from storage.db import Database
from storage.models import ProcessedUpdate
from tests.fakes import telegram_updates as tu
from tests.fakes import zalo_updates as zu
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import make_settings
from webhook.app import create_app

TELEGRAM_USER = 5570001
ZALO_USER = "6655443322"


class FlakyRunner:
    """Fails the first `failures` updates as a database outage would, then lets them through."""

    def __init__(self, inner: Runner, failures: int) -> None:
        self.inner = inner
        self.failures = failures
        self.attempts: list[str] = []

    def handle(self, incoming: Incoming) -> Handled:
        self.attempts.append(incoming.dedupe_key)
        if self.failures > 0:
            self.failures -= 1
            raise RuntimeError("database is down")
        return self.inner.handle(incoming)


def _flaky(client: TestClient, failures: int) -> FlakyRunner:
    services = client.app.state.services  # type: ignore[attr-defined]
    flaky = FlakyRunner(services.runner, failures)
    services.runner = flaky
    return flaky


def _count(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(ProcessedUpdate)).scalar_one())


@pytest.fixture
def telegram_polling(
    db_url: str, tmp_path: Path, fake_telegram: FakeTelegram
) -> Iterator[TestClient]:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        telegram_url=fake_telegram.url,
        telegram_token=fake_telegram.token,
        extra={"SANGKIEN_TELEGRAM__MODE": "polling"},
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def zalo_polling(db_url: str, tmp_path: Path, fake_zalo: FakeZaloApi) -> Iterator[TestClient]:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        zalo_url=fake_zalo.url,
        zalo_token=fake_zalo.token,
        extra={"SANGKIEN_ZALO__MODE": "polling"},
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_telegram_updates_are_fetched_and_answered(
    telegram_polling: TestClient, fake_telegram: FakeTelegram, db: Database
) -> None:
    fake_telegram.push_update(tu.command_update(801, TELEGRAM_USER, "start"))
    fake_telegram.push_update(tu.callback_update(802, TELEGRAM_USER, "consent:yes"))
    fake_telegram.wait_for(lambda: len(fake_telegram.messages_to(TELEGRAM_USER)) >= 2, timeout=10)
    texts = fake_telegram.messages_to(TELEGRAM_USER)
    assert "Trợ lý Sáng kiến xin chào" in texts[0] and "Họ và tên" in texts[1]
    # Later polls confirm what was handled (offset = last update_id + 1): nothing comes twice.
    fake_telegram.wait_for(lambda: not fake_telegram.pending_updates, timeout=10)
    assert _count(db) == 2
    assert fake_telegram.webhook.get("url") in (None, "")  # polling never registers a webhook
    answered = fake_telegram.wait_for(lambda: fake_telegram.calls("answerCallbackQuery"))
    query_id = tu.callback_update(802, TELEGRAM_USER, "consent:yes")["callback_query"]["id"]
    assert [c.params["callback_query_id"] for c in answered] == [query_id]


def test_telegram_update_failing_in_the_runner_is_retried(
    telegram_polling: TestClient, fake_telegram: FakeTelegram
) -> None:
    flaky = _flaky(telegram_polling, failures=1)
    fake_telegram.push_update(tu.command_update(811, TELEGRAM_USER, "start"))
    fake_telegram.push_update(tu.command_update(812, TELEGRAM_USER, "huongdan"))
    fake_telegram.wait_for(lambda: len(fake_telegram.messages_to(TELEGRAM_USER)) >= 2, timeout=15)
    texts = fake_telegram.messages_to(TELEGRAM_USER)
    assert "Trợ lý Sáng kiến xin chào" in texts[0]  # the failed one first: order is kept
    assert flaky.attempts == ["telegram:811", "telegram:811", "telegram:812"]


def test_zalo_updates_are_fetched_one_by_one_and_answered(
    zalo_polling: TestClient, fake_zalo: FakeZaloApi, db: Database
) -> None:
    fake_zalo.push_update(zu.text_event(ZALO_USER, "/start"))
    fake_zalo.push_update({"event_name": "message.text.received"})  # malformed: skipped
    fake_zalo.push_update(zu.text_event(ZALO_USER, "1"))
    fake_zalo.wait_for(lambda: len(fake_zalo.messages_to(ZALO_USER)) >= 2, timeout=10)
    texts = fake_zalo.messages_to(ZALO_USER)
    assert "1. Đồng ý" in texts[0] and "Họ và tên" in texts[1]
    assert _count(db) == 2
    # One update per call, then 408 "nothing yet" (no error), and the loop keeps polling.
    fake_zalo.wait_for(lambda: len(fake_zalo.calls("getUpdates")) >= 5, timeout=10)
    assert fake_zalo.webhook["url"] == ""


def test_zalo_update_failing_in_the_runner_is_retried(
    zalo_polling: TestClient, fake_zalo: FakeZaloApi
) -> None:
    flaky = _flaky(zalo_polling, failures=2)
    first = zu.text_event(ZALO_USER, "/start", message_id="poll-1")
    fake_zalo.push_update(first)
    fake_zalo.push_update(zu.text_event(ZALO_USER, "/huongdan", message_id="poll-2"))
    fake_zalo.wait_for(lambda: len(fake_zalo.messages_to(ZALO_USER)) >= 2, timeout=15)
    assert "Trợ lý Sáng kiến xin chào" in fake_zalo.messages_to(ZALO_USER)[0]
    key = "zalo:message.text.received:"
    assert flaky.attempts == [f"{key}poll-1"] * 3 + [f"{key}poll-2"]


def test_zalo_poll_errors_back_off_and_recover(
    zalo_polling: TestClient, fake_zalo: FakeZaloApi
) -> None:
    before = len(fake_zalo.calls("getUpdates"))
    fake_zalo.fail_next("getUpdates", 500, times=2)
    fake_zalo.wait_for(lambda: len(fake_zalo.calls("getUpdates")) >= before + 3, timeout=10)
    fake_zalo.push_update(zu.text_event(ZALO_USER, "/start"))  # after two failed polls
    fake_zalo.wait_for(lambda: fake_zalo.messages_to(ZALO_USER), timeout=15)
