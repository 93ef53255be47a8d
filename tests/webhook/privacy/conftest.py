"""Fixtures of the privacy tests: a real server with Telegram, Zalo and the web chat, a
reviewer chat and no quiet hours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import config_sections
from tests.support.server import ServerProcess, write_config
from tests.support.zalo_chat import zalo_sections

REVIEWERS = "telegram:-100900"


@pytest.fixture
def fakes() -> Iterator[tuple[FakeTelegram, FakeZaloApi]]:
    with FakeTelegram() as telegram, FakeZaloApi() as zalo:
        yield telegram, zalo


@pytest.fixture
def server(
    db_url: str, tmp_path: Path, fakes: tuple[FakeTelegram, FakeZaloApi]
) -> Iterator[ServerProcess]:
    telegram, zalo = fakes
    data = tmp_path / "data"
    sections = config_sections(
        db_url, data, telegram_url=telegram.url, telegram_token=telegram.token
    )
    sections["zalo"] = zalo_sections(db_url, data, zalo_url=zalo.url, zalo_token=zalo.token)["zalo"]
    sections["roles"] = {"reviewers": [REVIEWERS]}
    sections["scheduler"] = {"quiet_hours": ""}
    process = ServerProcess(write_config(tmp_path / "config.toml", sections))
    process.start()
    yield process
    process.stop()
