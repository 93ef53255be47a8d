"""Settings and in-process apps wired to the fake platforms, for route and runner tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from webhook.config import Settings, load_settings

ADMIN_TOKEN = "test-admin-token-0123456789"
TELEGRAM_SECRET = "telegram-secret-0123456789"
ZALO_SECRET = "zalo-secret-0123456789"
# Scripted people answer far faster than people type; the limits have their own tests
# (tests/webhook/test_webchat_limits.py), which set them low on purpose.
SCRIPTED_WEBCHAT = {
    "session_messages_per_minute": 10_000,
    "address_messages_per_minute": 100_000,
    "address_new_sessions_per_hour": 100_000,
}


def make_settings(
    db_url: str,
    data_dir: Path,
    *,
    telegram_url: str | None = None,
    telegram_token: str | None = None,
    zalo_url: str | None = None,
    zalo_token: str | None = None,
    extra: dict[str, str] | None = None,
) -> Settings:
    env = {
        "SANGKIEN_DATABASE__URL": db_url,
        "SANGKIEN_SERVER__DATA_DIR": str(data_dir),
        "SANGKIEN_ADMIN__API_TOKEN": ADMIN_TOKEN,
    } | {f"SANGKIEN_WEBCHAT__{key.upper()}": str(value) for key, value in SCRIPTED_WEBCHAT.items()}
    if telegram_url and telegram_token:
        env |= {
            "SANGKIEN_TELEGRAM__ENABLED": "true",
            "SANGKIEN_TELEGRAM__TOKEN": telegram_token,
            "SANGKIEN_TELEGRAM__API_URL": telegram_url,
            "SANGKIEN_TELEGRAM__MODE": "webhook",
            "SANGKIEN_TELEGRAM__WEBHOOK_SECRET": TELEGRAM_SECRET,
        }
    if zalo_url and zalo_token:
        env |= {
            "SANGKIEN_ZALO__ENABLED": "true",
            "SANGKIEN_ZALO__TOKEN": zalo_token,
            "SANGKIEN_ZALO__API_URL": zalo_url,
            "SANGKIEN_ZALO__MODE": "webhook",
            "SANGKIEN_ZALO__WEBHOOK_SECRET": ZALO_SECRET,
        }
    return load_settings(None, env=env | (extra or {}))


def config_sections(
    db_url: str, data_dir: Path, *, telegram_url: str, telegram_token: str
) -> dict[str, dict[str, object]]:
    """The same set-up as a config file, for a real `sangkien serve` process."""
    return {
        "server": {"data_dir": str(data_dir)},
        "database": {"url": db_url},
        "admin": {"api_token": ADMIN_TOKEN},
        "webchat": dict(SCRIPTED_WEBCHAT),
        "telegram": {
            "enabled": True,
            "token": telegram_token,
            "api_url": telegram_url,
            "mode": "webhook",
            "webhook_secret": TELEGRAM_SECRET,
        },
    }


@contextmanager
def hostile_target(db_url: str, data_dir: Path) -> Iterator[TestClient]:
    """An app with both channels on the fakes, whose crashes come back as 500s, not raises."""
    from tests.fakes.telegram_api import FakeTelegram
    from tests.fakes.zalo_api import FakeZaloApi
    from webhook.app import create_app

    with FakeTelegram() as telegram, FakeZaloApi() as zalo:
        settings = make_settings(
            db_url,
            data_dir,
            telegram_url=telegram.url,
            telegram_token=telegram.token,
            zalo_url=zalo.url,
            zalo_token=zalo.token,
            extra={"SANGKIEN_SCHEDULER__ENABLED": "false"},
        )
        with TestClient(create_app(settings), raise_server_exceptions=False) as client:
            yield client
