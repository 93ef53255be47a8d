"""The contract every channel adapter keeps (Telegram, Zalo, web chat)."""

from __future__ import annotations

import hmac
from typing import Any, Protocol

from bot.messages import Incoming, Outgoing

# Connections a channel keeps to its platform, and the outbox's requests in flight. Eight
# carry ≈40-80 requests a second at a 100-200 ms round trip, above Telegram's 30 messages a
# second; httpcore checks every pooled connection on every request, so more cost CPU.
SEND_CONNECTIONS = 8


def verify_secret(header_value: str | None, expected: str) -> bool:
    """Compare a webhook's secret header in constant time; missing or unset → False."""
    if not header_value or not expected:
        return False
    return hmac.compare_digest(header_value.encode("utf-8"), expected.encode("utf-8"))


class MalformedUpdate(ValueError):
    """The payload is not a well-formed update of this platform (answered with 400)."""


class Channel(Protocol):
    """A platform adapter. It translates; it never touches storage or decides dialogue.

    `parse` raises MalformedUpdate for a payload that is not an update at all and returns
    None for a well-formed update the bot ignores (an edited message, a channel post).
    `send` raises the bot.errors ChannelError subclasses (RateLimited, RecipientBlocked,
    TransientError, PermanentError) and nothing else.
    """

    name: str

    def parse(self, raw: dict[str, Any]) -> Incoming | None: ...

    async def send(self, chat_id: str, message: Outgoing) -> None: ...

    async def close(self) -> None: ...
