"""The project's one error tree; platform and HTTP errors are translated into it at the edge.

SangKienError
├── ConfigError(key, message)        a bad or missing configuration value
├── ChannelError                     a platform API call failed
│   ├── RateLimited(retry_after)     429: wait, then send again
│   ├── RecipientBlocked             403: the user blocked the bot / chat is gone
│   ├── TransientError               5xx, timeout, network: retry with back-off
│   └── PermanentError               400 and the like: retrying will not help
├── DuplicateUpdate                  the update was processed before (no effect)
└── AdminRefused(code, key)          an admin action breaks a rule (CLI and desk word it)
"""

from __future__ import annotations


class SangKienError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigError(SangKienError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"config key '{key}': {message}")
        self.key = key


class ChannelError(SangKienError):
    """A call to a platform's API failed."""


class RateLimited(ChannelError):
    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(f"{message} (retry after {retry_after}s)")
        self.retry_after = retry_after


class RecipientBlocked(ChannelError):
    """The recipient cannot be reached any more (blocked the bot, left, deleted)."""


class TransientError(ChannelError):
    """A failure worth retrying later (5xx, timeout, connection error)."""


class PermanentError(ChannelError):
    """A failure that retrying will not fix (a malformed request)."""


class DuplicateUpdate(SangKienError):
    """The update was already processed; acknowledging it again has no effect."""


class AdminRefused(SangKienError):
    """An admin action (role, council, token, announcement) that a rule forbids.

    `code` names the rule for the desk's Vietnamese catalogue, `key` the input at fault
    (the CLI's option), `params` fill the message; the English text is the CLI's."""

    def __init__(self, code: str, key: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code, self.key, self.params = code, key, params
