"""Messages nobody asked for just now (notices, digests, reminders) to a person or a chat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.messages import Outgoing
from storage import outbox, queries
from storage.models import Identity

# Outbox priorities: direct replies (0) always go first, then these.
NOTICE, DIGEST, REMINDER = 1, 2, 3


def private_chat(identity: Identity) -> str:
    """The identity's own chat. A Telegram user writing in a group moves `chat_id` to the
    group, but a private Telegram chat's id is the user id, so notices never go public."""
    if identity.channel == "telegram":
        return identity.channel_user_id
    return identity.chat_id


def split_principal(principal: str) -> tuple[str, str]:
    """Split CHANNEL:ID: "telegram:-1001234" → ("telegram", "-1001234")."""
    channel, _, chat_id = principal.partition(":")
    return channel, chat_id


def to_identity(
    session: Session,
    identity: Identity,
    messages: Sequence[Outgoing],
    *,
    now: datetime,
    priority: int = NOTICE,
    ref: str | None = None,
) -> None:
    to_chat(
        session,
        identity.channel,
        private_chat(identity),
        messages,
        now=now,
        priority=priority,
        ref=ref,
        identity_id=identity.id,
    )


def to_chat(
    session: Session,
    channel: str,
    chat_id: str,
    messages: Sequence[Outgoing],
    *,
    now: datetime,
    priority: int,
    ref: str | None = None,
    identity_id: int | None = None,
) -> None:
    """Queue for a platform chat; the web chat has no platform, its transcript is the inbox."""
    payloads = [message.to_json() for message in messages]
    if channel == "web":
        queries.add_web_messages(session, chat_id=chat_id, role="bot", payloads=payloads, now=now)
        return
    outbox.enqueue(
        session,
        channel=channel,
        chat_id=chat_id,
        identity_id=identity_id,
        payloads=payloads,
        now=now,
        priority=priority,
        ref=ref,
    )
