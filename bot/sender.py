"""The outbox sender: delivers queued messages per chat, in order, with retries and back-off."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.channels.base import Channel
from bot.errors import PermanentError, RateLimited, RecipientBlocked, TransientError
from bot.messages import Outgoing
from bot.pacing import Pacer
from storage import outbox
from storage.db import Database
from storage.models import Outbox
from storage.types import utcnow

log = logging.getLogger(__name__)


class OutboxSender:
    """Runs on the leader. Wakes on notify() (a local commit) or every `poll` seconds."""

    def __init__(
        self,
        *,
        db: Database,
        channels: Mapping[str, Channel],
        max_attempts: int = 8,
        poll: float = 1.0,
        concurrency: int = 32,
        clock: Callable[[], datetime] = utcnow,
        pacers: Mapping[str, Pacer] | None = None,
        on_sent: Callable[[Session, Outbox, datetime], None] | None = None,
        prepare: Callable[[str], None] | None = None,
        on_reply: Callable[[str, str], None] | None = None,
    ) -> None:
        self.db = db
        self.on_reply = on_reply  # (channel, chat_id): a reply is going out now
        self.prepare = prepare  # makes a lazily built document (the dossier) exist first
        self.on_sent = on_sent  # runs in the transaction that marks a message sent
        self.pacers = dict(pacers or {})
        self.channels = channels
        self.max_attempts = max_attempts
        self.poll = poll
        self.clock = clock
        self._limit = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._paused_until: dict[str, float] = {}
        self.stats: dict[str, int] = defaultdict(int)

    def notify(self) -> None:
        """Thread-safe: new messages were committed, look now rather than at the next poll."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self, stop: asyncio.Event) -> None:
        self._loop = asyncio.get_running_loop()
        while not stop.is_set():
            try:
                sent = await self.drain_once()
            except Exception:
                log.exception("outbox round failed; trying again shortly")
                sent = 0
            if sent:
                continue
            self._wake.clear()
            waiter = asyncio.ensure_future(self._wake.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({waiter, stopper}, timeout=self.poll, return_when="FIRST_COMPLETED")
            waiter.cancel()
            stopper.cancel()

    async def drain_once(self) -> int:
        """Send everything due now; returns how many messages were attempted."""
        rows = await asyncio.to_thread(self._due)
        chats: dict[tuple[str, str], list[Outbox]] = defaultdict(list)
        for row in rows:
            if self._paused_until.get(row.channel, 0) <= time.monotonic():
                chats[(row.channel, row.chat_id)].append(row)
        await asyncio.gather(*(self._send_chat(queue) for queue in chats.values()))
        return sum(len(queue) for queue in chats.values())

    def _due(self) -> list[Outbox]:
        with self.db.session() as session:
            return outbox.due(session, now=self.clock())

    async def _send_chat(self, queue: list[Outbox]) -> None:
        async with self._limit:
            for row in queue:
                if not await self._send_one(row):
                    return  # later messages of this chat wait behind the one that failed

    async def _send_one(self, row: Outbox) -> bool:
        channel = self.channels.get(row.channel)
        if channel is None:
            log.error("outbox %s: channel %s is not configured", row.id, row.channel)
            await self._record(outbox.mark_failed, outbox_id=row.id, error="channel not configured")
            return True
        try:
            document = row.payload.get("document")
            if self.prepare is not None and isinstance(document, str) and document:
                await self._prepare(document)
            pacer = self.pacers.get(row.channel)
            if pacer is not None:  # wait for our turn rather than earn a 429
                await pacer.acquire(row.chat_id, bulk=row.priority > 0)
            if self.on_reply is not None and row.priority == 0:
                self.on_reply(row.channel, row.chat_id)
            await channel.send(row.chat_id, Outgoing.from_json(row.payload))
        except RateLimited as exc:
            return await self._rate_limited(row, exc)
        except RecipientBlocked as exc:
            log.warning("chat %s:%s unreachable: %s", row.channel, row.chat_id, exc)
            self.stats["blocked"] += 1
            await self._record(
                outbox.mark_blocked,
                channel=row.channel,
                chat_id=row.chat_id,
                now=self.clock(),
                error=str(exc),
            )
            return False
        except TransientError as exc:
            return await self._transient(row, exc)
        except PermanentError as exc:
            log.error("outbox %s to %s:%s refused: %s", row.id, row.channel, row.chat_id, exc)
            self.stats["failed"] += 1
            await self._record(outbox.mark_failed, outbox_id=row.id, error=str(exc))
            return True
        self.stats["sent"] += 1
        await self._record(self._mark_sent, row=row, now=self.clock())
        return True

    def _mark_sent(self, session: Session, *, row: Outbox, now: datetime) -> None:
        outbox.mark_sent(session, outbox_id=row.id or 0, now=now)
        if self.on_sent is not None and row.ref:
            self.on_sent(session, row, now)

    async def _prepare(self, document: str) -> None:
        try:
            await asyncio.to_thread(self.prepare, document)  # type: ignore[arg-type]
        except Exception:  # the send then fails on the missing file, and is recorded as such
            log.exception("could not prepare %s", document)

    async def _rate_limited(self, row: Outbox, exc: RateLimited) -> bool:
        log.warning("%s rate limited for %.1fs", row.channel, exc.retry_after)
        self.stats["rate_limited"] += 1
        self._paused_until[row.channel] = time.monotonic() + exc.retry_after
        if (pacer := self.pacers.get(row.channel)) is not None:
            pacer.pause(exc.retry_after)
        at = self.clock() + timedelta(seconds=exc.retry_after)
        await self._record(
            outbox.mark_retry, outbox_id=row.id, at=at, error=str(exc), count_attempt=False
        )
        return False

    async def _transient(self, row: Outbox, exc: TransientError) -> bool:
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            log.error("outbox %s gave up after %d attempts: %s", row.id, attempts, exc)
            self.stats["failed"] += 1
            await self._record(outbox.mark_failed, outbox_id=row.id, error=str(exc))
            return True
        log.warning("outbox %s attempt %d failed: %s", row.id, attempts, exc)
        self.stats["retried"] += 1
        at = self.clock() + outbox.retry_delay(attempts)
        await self._record(outbox.mark_retry, outbox_id=row.id, at=at, error=str(exc))
        return False

    async def _record(self, fn: Callable[..., object], **kwargs: object) -> None:
        def write() -> None:
            with self.db.write() as session:
                fn(session, **kwargs)

        await asyncio.to_thread(write)
