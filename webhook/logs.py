"""Logging set-up: text or JSON lines, and secrets redacted from every line whatever logs them.

A record may carry these fields (passed as `extra=`); both formats print them, never
anything a person typed: the update key, the channel, the duration and the outcome.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

from sqlalchemy.engine import make_url

from webhook.config import Settings

# The structured fields a record may carry, in the order the text format prints them.
FIELDS = ("channel", "update_key", "outcome", "method", "route", "status", "duration_ms")
OWN_LOGGERS = ("sangkien", "bot", "webhook", "storage", "scheduler", "cli")
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


class RedactSecrets(logging.Filter):
    """Replaces each configured secret in a record's message (httpx logs URLs with tokens)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


class TextFormat(logging.Formatter):
    """`time LEVEL logger: message key=value …`; a traceback follows on its own lines."""

    def __init__(self, redact: RedactSecrets) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.redactor = redact

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = " ".join(f"{k}={v}" for k, v in _fields(record).items())
        if fields:
            head, sep, rest = line.partition("\n")
            line = f"{head} {fields}{sep}{rest}"
        return self.redactor.redact(line)


class JsonFormat(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, fields, traceback."""

    def __init__(self, redact: RedactSecrets) -> None:
        super().__init__()
        self.redactor = redact

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return self.redactor.redact(json.dumps(entry, ensure_ascii=False, default=str))


def _fields(record: logging.LogRecord) -> dict[str, object]:
    return {k: getattr(record, k) for k in FIELDS if getattr(record, k, None) is not None}


def setup_logging(settings: Settings, level: int | None = None) -> None:
    redact = RedactSecrets(_secrets(settings))
    handler = logging.StreamHandler()
    fmt = JsonFormat if settings.logging.format == "json" else TextFormat
    handler.setFormatter(fmt(redact))
    handler.addFilter(redact)
    level = level if level is not None else LEVELS[settings.logging.level]
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Libraries log what they send at debug level (python-telegram-bot: each message's
    # text): debug is for this product's own loggers only.
    root.setLevel(max(level, logging.INFO))
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # alembic lists every plugin it sets up at INFO; its "Running upgrade …" lines stay.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def milliseconds(start: float) -> float:
    """Elapsed time since a time.perf_counter() reading, in ms with 0.1 ms precision."""
    return round((time.perf_counter() - start) * 1000, 1)


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
