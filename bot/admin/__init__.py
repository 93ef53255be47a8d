"""Admin actions with their rules, shared by the command line, the desk and the API.

Each function takes the open write session, checks its rule, makes the change and records
it in the admin actions log with the acting person, in the same transaction. A broken rule
raises `AdminRefused`; the caller words it (English in the CLI, Vietnamese at the desk).
"""

from __future__ import annotations

import unicodedata

from bot.errors import AdminRefused, ConfigError
from storage.roles import PRINCIPAL

__all__ = ["AdminRefused", "check_principal", "clean", "option_error"]


def option_error(refused: AdminRefused, option: str = "") -> ConfigError:
    """The command line's way of saying it: the option at fault and the English reason."""
    return ConfigError(option or f"--{refused.key}", str(refused))


def clean(value: str) -> str:
    """NFC, trimmed: how names and units are stored and compared."""
    return unicodedata.normalize("NFC", value).strip()


def check_principal(value: str, key: str) -> str:
    """A chat account as CHANNEL:ID (telegram:42, zalo:abc, a Telegram group telegram:-100…)."""
    value = value.strip()
    if not PRINCIPAL.match(value):
        raise AdminRefused(
            "principal", key, f"'{value}' is not CHANNEL:ID (e.g. telegram:42)", value=value
        )
    return value
