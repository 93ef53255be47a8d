"""Configuration: precedence, env overrides, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from webhook.config import load_settings


def test_defaults_are_the_embedded_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={})
    assert settings.database.url == "sqlite:///data/sangkien.db"
    assert settings.webchat.enabled and not settings.telegram.enabled
    assert (settings.server.host, settings.server.port) == ("127.0.0.1", 8000)


def test_file_then_env_override(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[server]\nport = 9001\n[telegram]\nenabled = true\ntoken = "123:abc"\n')
    settings = load_settings(config, env={"SANGKIEN_SERVER__PORT": "9002"})
    assert settings.server.port == 9002
    assert settings.telegram.token == "123:abc"
    assert settings.mode("telegram") == "polling"


def test_env_names_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[server]\nport = 9100\n")
    assert load_settings(env={"SANGKIEN_CONFIG": str(config)}).server.port == 9100


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"SANGKIEN_SERVER__PORT": "abc"}, "server.port"),
        ({"SANGKIEN_SERVER__PORT": "70000"}, "server.port"),
        ({"SANGKIEN_DATABASE__URL": "mysql://x"}, "database.url"),
        ({"SANGKIEN_TELEGRAM__ENABLED": "true"}, "telegram.token"),
        (
            {
                "SANGKIEN_TELEGRAM__ENABLED": "true",
                "SANGKIEN_TELEGRAM__TOKEN": "1:a",
                "SANGKIEN_TELEGRAM__MODE": "webhook",
            },
            "telegram.webhook_secret",
        ),
        ({"SANGKIEN_ADMIN__API_TOKEN": "changeme"}, "admin.api_token"),
        ({"SANGKIEN_ROLES__REVIEWERS": '["bob"]'}, "roles.reviewers"),
        ({"SANGKIEN_SCHEDULER__QUIET_HOURS": "9pm"}, "scheduler.quiet_hours"),
        ({"SANGKIEN_SERVER__TYPO": "1"}, "server.typo"),
        ({"SANGKIEN_RETENTION__CRON": "daily"}, "retention.cron"),
        ({"SANGKIEN_RETENTION__PROCESSED_UPDATES_DAYS": "1"}, "retention.processed_updates_days"),
        ({"SANGKIEN_RETENTION__DIGEST_SHEET_DAYS": "30"}, "retention.digest_sheet_days"),
        ({"SANGKIEN_RETENTION__OUTBOX_DAYS": "0"}, "retention.outbox_days"),
    ],
)
def test_bad_values_name_the_key(env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(None, env=env)
    assert info.value.key == key


def test_missing_config_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", env={})


def test_similar_thresholds_default_to_the_calibration_and_are_checked(tmp_path: Path) -> None:
    from bot.similar import DEFAULT_THRESHOLD, STRONG_THRESHOLD

    config = tmp_path / "c.toml"
    config.write_text("")
    settings = load_settings(config, env={})
    assert (settings.similar.threshold, settings.similar.strong_threshold) == (
        DEFAULT_THRESHOLD,
        STRONG_THRESHOLD,
    )
    config.write_text("[similar]\nthreshold = 0.3\nstrong_threshold = 0.5\n")
    assert load_settings(config, env={}).similar.threshold == 0.3
    for bad, key in (
        ("threshold = 0\n", "similar.threshold"),
        ("threshold = 1.5\n", "similar.threshold"),
        ("threshold = 0.6\nstrong_threshold = 0.5\n", "similar"),
    ):
        config.write_text("[similar]\n" + bad)
        with pytest.raises(ConfigError) as info:
            load_settings(config, env={})
        assert info.value.key == key
