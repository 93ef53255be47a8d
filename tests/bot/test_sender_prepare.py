"""A document that cannot be prepared fails its own message, never the sender's round."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.errors import PermanentError
from bot.messages import Outgoing
from bot.sender import OutboxSender
from storage import outbox
from storage.db import Database
from storage.models import Outbox


class RecordingChannel:
    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    def parse(self, raw: dict[str, object]) -> None:
        return None

    async def send(self, chat_id: str, message: Outgoing) -> None:
        if message.document:
            raise PermanentError("file not found")
        self.sent.append(message)

    async def close(self) -> None:
        return None


async def test_a_failed_prepare_fails_only_that_message(db: Database) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        outbox.enqueue(
            session, channel="telegram", chat_id="9", identity_id=None, now=now,
            payloads=[
                Outgoing("Đơn của anh/chị", document="/data/dossiers/SK-2026-00001/a.docx").to_json(),
                Outgoing("Anh/chị muốn làm gì?").to_json(),
            ],
        )
    prepared: list[str] = []

    def prepare(path: str) -> None:
        prepared.append(path)
        raise OSError("disk full")

    channel = RecordingChannel()
    sender = OutboxSender(db=db, channels={"telegram": channel}, prepare=prepare)
    assert await sender.drain_once() == 2
    assert prepared == ["/data/dossiers/SK-2026-00001/a.docx"]
    assert [m.text for m in channel.sent] == ["Anh/chị muốn làm gì?"]
    with db.session() as session:
        statuses = [row.status for row in session.execute(select(Outbox).order_by(Outbox.id)).scalars()]
    assert statuses == ["failed", "sent"]
