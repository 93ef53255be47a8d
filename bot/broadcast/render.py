"""An announcement as each channel's recipients get it, and the counts as a report."""

from __future__ import annotations

from collections.abc import Mapping

from bot.broadcast import catalogue as text
from bot.messages import Button, Outgoing

READ_PREFIX = "bc:read:"  # callback data "bc:read:<id>": well under Telegram's 64 bytes
MAX_TEXT = 1500  # with header and footer still one Zalo message (2,000 characters)


def read_value(broadcast_id: int) -> str:
    return f"{READ_PREFIX}{broadcast_id}"


def read_id(choice: str | None) -> int | None:
    """The announcement a "Đã đọc" button names, or None for any other choice."""
    value = choice or ""
    if not value.startswith(READ_PREFIX):
        return None
    number = value.removeprefix(READ_PREFIX)
    return int(number) if number.isascii() and number.isdigit() and len(number) < 10 else None


def announcement(
    body: str,
    *,
    broadcast_id: int,
    channel: str,
    document: str | None = None,
    document_name: str | None = None,
) -> Outgoing:
    """Header, the admin's text, how to confirm; Zalo has no buttons, so it says what to type."""
    buttons = channel != "zalo"
    footer = text.FOOTER_BUTTON if buttons else text.FOOTER_TYPED
    return Outgoing(
        f"{text.HEADER}\n\n{body.strip()}\n\n{footer}",
        (Button(text.READ_LABEL, read_value(broadcast_id)),) if buttons else (),
        document=document,
        document_name=document_name or (text.ATTACHMENT_NAME if document else None),
    )


def report(broadcast_id: int, status: str, counts: Mapping[str, int]) -> str:
    label = text.STATUS_LABELS.get(status, status)
    return text.REPORT.format(id=broadcast_id, status=label, **{k: counts.get(k, 0) for k in _KEYS})


_KEYS = ("sent", "failed", "unreachable", "opted_out", "uncertain", "cancelled", "read")
