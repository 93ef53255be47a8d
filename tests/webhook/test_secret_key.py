"""A production start refuses a weak server.secret_key; an empty one is generated and kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.errors import ConfigError
from webhook.config import load_settings
from webhook.secrets import secret_key

STRONG = "q7J-vX2pL9sKd0Rw4ZtB8nYc1MhF6aGe3UoPiE5"


@pytest.mark.parametrize(
    "weak",
    [
        "abc",
        "k" * 64,  # long but one character
        "0123456789abcdef0123456789abcde",  # 31 characters
        "ab" * 20,
        "please-changeme-before-going-live-2026",
        "example-secret-key-for-the-server-0123",
        "your-long-random-secret-key-goes-here",
    ],
)
def test_a_weak_key_stops_a_production_start_and_names_the_key(weak: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, env={"SANGKIEN_SERVER__SECRET_KEY": weak})
    assert caught.value.key == "server.secret_key" and "32" in str(caught.value)
    development = {
        "SANGKIEN_SERVER__SECRET_KEY": weak,
        "SANGKIEN_SERVER__ENVIRONMENT": "development",
    }
    assert load_settings(None, env=development).server.secret_key == weak


def test_a_strong_key_is_used_as_given(tmp_path: Path) -> None:
    settings = load_settings(
        None,
        env={"SANGKIEN_SERVER__SECRET_KEY": STRONG, "SANGKIEN_SERVER__DATA_DIR": str(tmp_path)},
    )
    assert secret_key(settings) == STRONG and not (tmp_path / "secret_key").exists()


def test_an_empty_key_is_generated_once_private_and_strong(tmp_path: Path) -> None:
    settings = load_settings(None, env={"SANGKIEN_SERVER__DATA_DIR": str(tmp_path / "data")})
    first = secret_key(settings)
    path = tmp_path / "data" / "secret_key"
    assert len(first) >= 43 and secret_key(settings) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    path.write_text("short")  # tampered with, or left from a test set-up
    with pytest.raises(ConfigError) as caught:
        secret_key(settings)
    assert caught.value.key == "server.secret_key" and "delete" in str(caught.value)
