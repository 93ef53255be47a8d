"""`sangkien webhook set|delete|info --channel telegram|zalo` against the fake platforms."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli import main as cli
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZaloApi
from tests.support.apps import TELEGRAM_SECRET, ZALO_SECRET
from tests.support.server import write_config

PUBLIC_URL = "https://sangkien.quangngai.gov.vn"


@pytest.fixture(autouse=True)
def _keep_test_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    # main() installs the server's root handler; in a test run it would outlive the test.
    monkeypatch.setattr(cli, "setup_logging", lambda settings: None)


@pytest.fixture
def fakes() -> Iterator[dict[str, Any]]:
    with FakeTelegram() as telegram, FakeZaloApi() as zalo:
        yield {"telegram": telegram, "zalo": zalo}


def _config(tmp_path: Path, fakes: dict[str, Any], **server: str) -> str:
    secrets = {"telegram": TELEGRAM_SECRET, "zalo": ZALO_SECRET}
    sections: dict[str, dict[str, Any]] = {
        "server": {"data_dir": str(tmp_path / "data"), **server},
        "database": {"url": f"sqlite:///{tmp_path}/cli.db"},
    }
    for name, fake in fakes.items():
        sections[name] = {
            "enabled": True,
            "token": fake.token,
            "api_url": fake.url,
            "webhook_secret": secrets[name],
        }
    return str(write_config(tmp_path / "config.toml", sections))


def _run(capsys: pytest.CaptureFixture[str], config: str, *args: str) -> tuple[int, Any, str]:
    code = cli.main(["--config", config, "webhook", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_set_info_delete(
    channel: str, tmp_path: Path, fakes: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fakes[channel]
    config = _config(tmp_path, fakes, public_url=PUBLIC_URL + "/")
    secret = TELEGRAM_SECRET if channel == "telegram" else ZALO_SECRET
    url = f"{PUBLIC_URL}/webhook/{channel}"

    code, out, _ = _run(capsys, config, "set", "--channel", channel)
    assert (code, out) == (0, {"ok": True, "url": url})
    assert (fake.webhook["url"], fake.webhook["secret_token"]) == (url, secret)

    code, out, _ = _run(capsys, config, "info", "--channel", channel)
    assert code == 0 and out["url"] == url
    assert secret not in json.dumps(out) and fake.token not in json.dumps(out)

    code, out, _ = _run(capsys, config, "delete", "--channel", channel)
    assert (code, out) == (0, {"ok": True})
    assert not fake.webhook.get("url")
    code, out, _ = _run(capsys, config, "info", "--channel", channel)
    assert out["url"] == ""
    other = "zalo" if channel == "telegram" else "telegram"
    assert not fakes[other].webhook.get("url")  # --channel touches that channel only


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_set_needs_a_public_url(
    channel: str, tmp_path: Path, fakes: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, _config(tmp_path, fakes), "set", "--channel", channel)
    assert (code, out) == (2, None)
    assert "server.public_url" in err
    assert fakes[channel].calls("setWebhook") == []


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_set_needs_the_secret(
    channel: str,
    tmp_path: Path,
    fakes: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = _config(tmp_path, fakes, public_url=PUBLIC_URL)
    monkeypatch.setenv(f"SANGKIEN_{channel.upper()}__WEBHOOK_SECRET", "")
    code, _, err = _run(capsys, config, "set", "--channel", channel)
    assert code == 2 and f"{channel}.webhook_secret" in err
    assert fakes[channel].calls("setWebhook") == []


def test_a_disabled_channel_is_named(
    tmp_path: Path, fakes: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, {"telegram": fakes["telegram"]}, public_url=PUBLIC_URL)
    code, _, err = _run(capsys, config, "info", "--channel", "zalo")
    assert code == 2 and "zalo.enabled" in err


@pytest.mark.parametrize(("channel", "status"), [("telegram", 401), ("zalo", 401), ("zalo", 400)])
def test_a_refusal_is_one_clear_line_without_the_token(
    channel: str,
    status: int,
    tmp_path: Path,
    fakes: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = fakes[channel]
    config = _config(tmp_path, fakes, public_url=PUBLIC_URL)
    method = "getMe" if channel == "telegram" else "setWebhook"  # PTB checks the token first
    fake.fail_next(method, status)
    code, out, err = _run(capsys, config, "set", "--channel", channel)
    assert (code, out) == (1, None)
    assert "platform refused" in err and "Traceback" not in err
    assert fake.token not in err
    assert not fake.webhook.get("url")
