"""The server's signing key: from config, or generated once and kept in the data folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.errors import ConfigError
from webhook.config import Settings, weak_key


def secret_key(settings: Settings) -> str:
    if settings.server.secret_key:
        return settings.server.secret_key
    path = Path(settings.server.data_dir) / "secret_key"
    if path.exists():
        key = path.read_text().strip()
        if weak_key(key) and settings.server.environment == "production":
            raise ConfigError("server.secret_key", f"{path} holds a weak key; delete the file")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
