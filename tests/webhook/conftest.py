"""Fixtures for route tests: the fake Telegram and Zalo APIs and apps wired to them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, ZALO_SECRET, make_settings
from webhook.app import create_app
from webhook.config import Settings


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def telegram_settings(db_url: str, tmp_path: Path, fake_telegram: FakeTelegram) -> Settings:
    return make_settings(
        db_url,
        tmp_path / "data",
        telegram_url=fake_telegram.url,
        telegram_token=fake_telegram.token,
    )


@pytest.fixture
def client(telegram_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(telegram_settings)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


@pytest.fixture
def secret_header() -> dict[str, str]:
    return {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}


@pytest.fixture
def fake_zalo() -> Iterator[FakeZaloApi]:
    with FakeZaloApi() as fake:
        yield fake


@pytest.fixture
def zalo_client(db_url: str, tmp_path: Path, fake_zalo: FakeZaloApi) -> Iterator[TestClient]:
    settings = make_settings(
        db_url, tmp_path / "data", zalo_url=fake_zalo.url, zalo_token=fake_zalo.token
    )
    with TestClient(create_app(settings)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield test_client


@pytest.fixture
def zalo_header() -> dict[str, str]:
    return {"X-Bot-Api-Secret-Token": ZALO_SECRET}
