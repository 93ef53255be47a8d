"""Back-pressure that is fair: under a flood of bulk messages, a reply to someone chatting
goes out first, and the flood still arrives whole and once."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from bot import notify
from bot.messages import Outgoing
from storage import outbox
from storage.db import Database
from storage.types import utcnow
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegram

USER = 5570001
FLOOD = 100  # at the pacer's 28 messages a second, several seconds of bulk messages
FLOOD_CHATS = [str(6_000_000 + n) for n in range(FLOOD)]


def _flood(db: Database) -> None:
    """Reminders to many chats (as a reminder run queues them), in one go."""
    with db.write() as session:
        for chat in FLOOD_CHATS:
            outbox.enqueue(
                session,
                channel="telegram",
                chat_id=chat,
                identity_id=None,
                payloads=[Outgoing(text=f"Nhắc việc cho {chat}").to_json()],
                now=utcnow(),
                priority=notify.REMINDER,
            )


def test_a_reply_overtakes_a_flood_of_bulk_messages(
    client: TestClient, db: Database, fake_telegram: FakeTelegram, secret_header: dict[str, str]
) -> None:
    _flood(db)
    client.app.state.services.sender.notify()  # type: ignore[attr-defined]
    fake_telegram.wait_for(lambda: fake_telegram.sent())  # the flood is going out
    update = tu.command_update(90, USER, "start")
    assert client.post("/webhook/telegram", json=update, headers=secret_header).is_success
    fake_telegram.wait_for(lambda: fake_telegram.messages_to(USER))
    bulk_before_reply = len(fake_telegram.sent()) - 1
    assert bulk_before_reply < FLOOD  # the reply did not queue behind the whole flood
    fake_telegram.wait_for(lambda: len(fake_telegram.sent()) == FLOOD + 1, timeout=60)
    delivered = Counter(s.chat_id for s in fake_telegram.sent())
    assert delivered == Counter([*FLOOD_CHATS, str(USER)])  # every one, once
