"""Configuration through pydantic-settings: the TOML file, SANGKIEN_<SECTION>__<KEY> over it,
and every refusal naming the key and saying why."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from bot.errors import ConfigError
from cli.main import main as cli_main
from webhook.config import Settings, load_settings

COUNCILS = """
[[councils]]
name = "Hội đồng sáng kiến cơ sở Sở Nội vụ"
level = "co_so"
units = ["Sở Nội vụ"]
members = ["telegram:101", "telegram:102"]
chair = "telegram:101"

[[councils]]
name = "Hội đồng sáng kiến cấp tỉnh"
level = "tinh"
members = ["zalo:abc"]
"""


def _refusal(config: Path | None, env: dict[str, str]) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_settings(config, env=env)
    return info.value


def _file(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("text", "key", "why"),
    [
        ('[server]\nport = "tám nghìn"\n', "server.port", "valid integer"),
        ("[telegram]\nenabled = 3\n", "telegram.enabled", "valid boolean"),
        ('[roles]\nreviewers = "telegram:1"\n', "roles.reviewers", "valid list"),
        ("[server]\nprot = 8001\n", "server.prot", "Extra inputs are not permitted"),
        ("[sever]\nport = 8001\n", "sever", "Extra inputs are not permitted"),
        ('[scheduler]\nquiet_hours = "9pm"\n', "scheduler.quiet_hours", "must look like 21:00-07:00"),
        ('[scheduler]\ndigest_cron = "daily"\n', "scheduler.digest_cron", "'daily' is not a crontab line"),
        ('[metrics]\nallow = ["10.0.0.0/8", "intranet"]\n', "metrics.allow", "'intranet' is not an address"),
        ('[database]\nurl = "mysql://x"\n', "database.url", "must start with sqlite://"),
        ("[webchat]\nupload_max_mb = 0\n", "webchat.upload_max_mb", "greater than or equal to 1"),
        ('[server]\nenvironment = "staging"\n', "server.environment", "'production' or 'development'"),
    ],
)
def test_a_bad_file_value_names_the_key_and_why(tmp_path: Path, text: str, key: str, why: str) -> None:
    error = _refusal(_file(tmp_path, text), {})
    assert error.key == key
    assert why in str(error)
    assert f"config key '{key}'" in str(error)


@pytest.mark.parametrize(
    ("env", "key", "why"),
    [
        ({"SANGKIEN_SERVER__PORT": "abc"}, "server.port", "valid integer"),
        ({"SANGKIEN_SERVER__TYPO": "1"}, "server.typo", "Extra inputs are not permitted"),
        ({"SANGKIEN_SEVER__PORT": "8001"}, "sever", "Extra inputs are not permitted"),
        ({"SANGKIEN_ROLES__ADMINS": "[telegram:1"}, "roles.admins", "valid list"),
        ({"SANGKIEN_ROLES__ADMINS": '["telegram:1", "bob"]'}, "roles.admins", "'bob' is not CHANNEL:ID"),
        ({"SANGKIEN_SIMILAR__THRESHOLD": "0.9"}, "similar", "strong_threshold must be at least threshold"),
    ],
)
def test_a_bad_env_value_names_the_key_and_why(env: dict[str, str], key: str, why: str) -> None:
    error = _refusal(None, env)
    assert error.key == key
    assert why in str(error)


def test_env_overrides_the_file_key_by_key(tmp_path: Path) -> None:
    config = _file(
        tmp_path,
        '[server]\nport = 9001\nhost = "0.0.0.0"\n[roles]\nadmins = ["telegram:1"]\n'
        '[webchat]\ntrusted_proxies = ["10.0.0.1"]\n' + COUNCILS,
    )
    settings = load_settings(
        config,
        env={
            "SANGKIEN_SERVER__PORT": "9002",
            "SANGKIEN_ROLES__ADMINS": "['telegram:2', 'zalo:x']",  # TOML, as the docs say
            "SANGKIEN_ROLES__REVIEWERS": '["telegram:-100"]',  # JSON is TOML too
            "SANGKIEN_SCHEDULER__DIGEST_CRON": "0 9 * * 1-5",
            "SANGKIEN_LOGGING__FORMAT": '"json"',  # a quoted TOML string is unquoted
            "SANGKIEN_TELEGRAM__ENABLED": "true",
            "SANGKIEN_TELEGRAM__TOKEN": "123456",
            "SANGKIEN_CONFIG": str(tmp_path / "ignored.toml"),  # no __: names the file, no setting
            "SANGKIEN_SERVER": "ignored",
            "sangkien_server__port": "1",  # the prefix is in capitals
        },
    )
    assert (settings.server.port, settings.server.host) == (9002, "0.0.0.0")
    assert settings.roles.admins == ["telegram:2", "zalo:x"]
    assert settings.roles.reviewers == ["telegram:-100"]
    assert settings.scheduler.digest_cron == "0 9 * * 1-5"
    assert settings.logging.format == "json"
    assert settings.telegram.enabled and settings.telegram.token == "123456"
    assert settings.webchat.trusted_proxies == ["10.0.0.1"]
    assert [c.name for c in settings.councils] == [
        "Hội đồng sáng kiến cơ sở Sở Nội vụ",
        "Hội đồng sáng kiến cấp tỉnh",
    ]


def test_env_text_for_a_text_key_is_kept_as_written() -> None:
    # A secret such as openssl's hex output can look like a number; it stays the same text.
    settings = load_settings(None, env={"SANGKIEN_ADMIN__API_TOKEN": "1234567e89", "SANGKIEN_ZALO__TOKEN": "007"})
    assert (settings.admin.api_token, settings.zalo.token) == ("1234567e89", "007")


def test_arrays_of_tables_are_read_and_checked(tmp_path: Path) -> None:
    settings = load_settings(_file(tmp_path, COUNCILS), env={})
    first, second = settings.councils
    assert (first.level, first.units, first.chair) == ("co_so", ["Sở Nội vụ"], "telegram:101")
    assert first.everyone() == ["telegram:101", "telegram:102"]
    assert second.members == ["zalo:abc"] and second.chair is None
    bad = COUNCILS.replace('"zalo:abc"', '"abc"')
    error = _refusal(_file(tmp_path, bad), {})
    assert error.key == "councils.1.members"
    assert "'abc' is not CHANNEL:ID" in str(error)
    deadline = '[[deadlines]]\nname = "Nộp hồ sơ"\ndate = 2026-03-31\ndays_before = 3\n'
    assert load_settings(_file(tmp_path, deadline), env={}).deadlines[0].days_before == [3]


def test_weak_secrets_are_refused_in_production_even_over_a_development_file(tmp_path: Path) -> None:
    config = _file(tmp_path, '[server]\nenvironment = "development"\nsecret_key = "short"\n')
    assert load_settings(config, env={}).server.secret_key == "short"
    error = _refusal(config, {"SANGKIEN_SERVER__ENVIRONMENT": "production"})
    assert error.key == "server.secret_key" and "too weak" in str(error)
    error = _refusal(None, {"SANGKIEN_METRICS__TOKEN": "changeme"})
    assert error.key == "metrics.token"  # too short before it is a placeholder
    error = _refusal(None, {"SANGKIEN_TELEGRAM__WEBHOOK_SECRET": "secret"})
    assert error.key == "telegram.webhook_secret" and "placeholder" in str(error)
    strong = secrets.token_urlsafe(32)
    assert load_settings(None, env={"SANGKIEN_SERVER__SECRET_KEY": strong}).server.secret_key == strong


def test_a_malformed_file_is_reported(tmp_path: Path) -> None:
    error = _refusal(_file(tmp_path, "[server\nport = 1\n"), {})
    assert error.key == "--config" and "is not valid TOML" in str(error)
    error = _refusal(tmp_path, {})  # a folder is not a config file
    assert error.key == "--config" and "not found" in str(error)


def test_settings_built_directly_read_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANGKIEN_SERVER__PORT", "9999")
    assert Settings().server.port == 8000
    assert Settings(server={"port": 8080}).server.port == 8080  # type: ignore[arg-type]
    monkeypatch.setenv("SANGKIEN_SERVER__PORT", "9998")
    assert load_settings(env=None).server.port == 9998  # load_settings reads the process's


def test_the_command_line_names_the_key_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _file(tmp_path, "[server]\nport = 70000\n")
    assert cli_main(["--config", str(config), "jobs", "list"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi cấu hình / configuration error: config key 'server.port'" in err
    assert "less than or equal to 65535" in err
