"""Logging set-up: one format, and secrets redacted from every record whatever logs them."""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

from webhook.config import Settings


class RedactSecrets(logging.Filter):
    """Replaces each configured secret in a record's message (httpx logs URLs with tokens)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self.secrets:
            redacted = redacted.replace(secret, "***")
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup_logging(settings: Settings, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(_secrets(settings)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def _secrets(settings: Settings) -> list[str]:
    return [
        settings.telegram.token,
        settings.telegram.webhook_secret,
        settings.zalo.token,
        settings.zalo.webhook_secret,
        settings.admin.api_token,
        settings.metrics.token,
        settings.server.secret_key,
        make_url(settings.database.url).password or "",
    ]
