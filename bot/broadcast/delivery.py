"""Announcement pieces that need storage: attachments per channel, web chat, the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from bot import notify
from bot.broadcast import render
from bot.links import download_url, sign_download
from bot.messages import Outgoing
from storage import broadcasts, queries
from storage.models import Broadcast

CHANNELS = ("telegram", "zalo", "web")


@dataclass(frozen=True)
class Documents:
    """Where an announcement's attachment comes from: Telegram uploads the file from disk,
    Zalo and the web chat get a signed link (Zalo bots cannot upload files)."""

    data_dir: Path = Path("data")
    secret: str = ""
    public_base: str = ""
    link_days: int = 30

    def for_channel(self, broadcast: Broadcast, channel: str, now: datetime) -> str | None:
        relative = broadcast.attachment_path
        if not relative or ":" in relative.split("/", 1)[0]:  # not fetched from the platform yet
            return None
        if channel == "telegram":
            return str((self.data_dir / relative).resolve())
        if not self.secret or not self.public_base:
            return None
        token = sign_download(self.secret, relative, now=now, ttl=timedelta(days=self.link_days))
        return download_url(self.public_base, token)

    def platform_ref(self, broadcast: Broadcast) -> tuple[str, str] | None:
        """(channel, file ref) of an attachment still on the platform it was sent from."""
        head, _, ref = (broadcast.attachment_path or "").partition(":")
        return (head, ref) if head in CHANNELS and ref else None

    def keep(self, broadcast: Broadcast, data: bytes) -> str:
        """Store the fetched file under the data folder; its path relative to it."""
        suffix = ".jpg" if broadcast.attachment_kind == "photo" else ".bin"
        relative = f"broadcasts/thong-bao-{broadcast.id}{suffix}"
        target = self.data_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return relative


def deliver_web(session: Session, *, broadcast_id: int, message: Outgoing, now: datetime) -> int:
    """The web chat's transcript is its inbox: claim, write and mark sent in one transaction."""
    rows = broadcasts.claim(
        session, broadcast_id=broadcast_id, channel="web", now=now, limit=10_000
    )
    for row in rows:
        queries.add_web_messages(
            session, chat_id=row.chat_id, role="bot", payloads=[message.to_json()], now=now
        )
        broadcasts.record(session, delivery_id=row.id or 0, status="sent", sent_at=now, attempts=1)
    return len(rows)


def finish(session: Session, *, broadcast_id: int, now: datetime) -> Broadcast | None:
    """Mark the announcement done when nothing is left, and queue the report to its creator."""
    broadcast = broadcasts.finish_if_done(session, broadcast_id=broadcast_id, now=now)
    if broadcast is not None:
        send_report(session, broadcast=broadcast, now=now)
    return broadcast


def send_report(session: Session, *, broadcast: Broadcast, now: datetime) -> bool:
    """Once, to the chat that created it (API and CLI creators read GET /broadcasts/{id})."""
    channel, chat_id = notify.split_principal(broadcast.created_by)
    if broadcast.report_sent_at is not None or channel not in CHANNELS or not chat_id:
        return False
    counts = broadcasts.counts(session, broadcast_id=broadcast.id or 0)
    message = Outgoing(render.report(broadcast.id or 0, broadcast.status, counts))
    notify.to_chat(session, channel, chat_id, [message], now=now, priority=notify.NOTICE)
    broadcast.report_sent_at = now
    return True
