"""The outbox sender: delivers queued messages per chat, in order, with retries and back-off.

Each chat with messages due gets its own task as soon as the sender sees them (no rounds:
a reply committed now does not wait for a slow chat). A chat's messages go one after the
other, and each outcome is stored before the chat's next message goes out, so a crash
repeats at most the one message in flight per chat. Outcomes from all chats are written
together, one transaction for whatever finished meanwhile (group commit). A send holds one
of a few slots only for its request (not while it waits for the pacer), and a freed slot
goes to a waiting reply before any bulk message (digest, reminder, notice).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.channels.base import SEND_CONNECTIONS, Channel
from bot.errors import PermanentError, RateLimited, RecipientBlocked, TransientError
from bot.messages import Outgoing
from bot.pacing import Pacer
from bot.slots import Slots
from storage import outbox
from storage.db import Database
from storage.models import Outbox
from storage.types import utcnow

log = logging.getLogger(__name__)
Write = tuple[Callable[..., object], dict[str, Any], "asyncio.Future[None]"]


class OutboxSender:
    """Runs on the leader. Wakes on notify() (a local commit), when a chat's task ends, or
    every `poll` seconds."""

    def __init__(
        self,
        *,
        db: Database,
        channels: Mapping[str, Channel],
        max_attempts: int = 8,
        poll: float = 1.0,
        gap: float = 0.01,
        concurrency: int = SEND_CONNECTIONS,
        clock: Callable[[], datetime] = utcnow,
        pacers: Mapping[str, Pacer] | None = None,
        on_sent: Callable[[Session, Outbox, datetime], None] | None = None,
        prepare: Callable[[str], None] | None = None,
        on_reply: Callable[[str, str], None] | None = None,
        observe: Callable[[str, str, float], None] | None = None,
    ) -> None:
        self.db = db
        self.prepare = prepare  # makes a lazily built document (the dossier) exist first
        self.on_sent = on_sent  # runs in the transaction that marks a message sent
        self.on_reply = on_reply  # (channel, chat_id): a reply is going out now
        self.observe = observe  # (channel, stage, seconds): the queue_wait and send stages
        self.pacers = dict(pacers or {})
        self.channels = channels
        self.max_attempts = max_attempts
        self.poll = poll
        self.gap = gap
        self.clock = clock
        self._slots = Slots(concurrency)  # requests in flight: one connection each
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._paused_until: dict[str, float] = {}
        self._busy: set[tuple[str, str]] = set()  # chats with a task running
        self._tasks: set[asyncio.Task[None]] = set()
        # Outcomes stored, by the sighting they were stored in: a query that began before
        # the commit may still show the row as pending, so it is not sent again.
        self._sighting = 0
        self._stored: dict[int, int] = {}
        self._writes: list[Write] = []
        self._writer: asyncio.Task[None] | None = None
        self.stats: dict[str, int] = defaultdict(int)

    def notify(self) -> None:
        """Thread-safe: new messages were committed, look now rather than at the next poll."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self, stop: asyncio.Event) -> None:
        self._loop = asyncio.get_running_loop()
        looked = 0.0
        try:
            while not stop.is_set():
                # Under a crowd every commit wakes the sender: looking at most every `gap`
                # seconds takes the commits of that time in one query (none waits when quiet).
                if (pause := looked + self.gap - time.monotonic()) > 0:
                    await asyncio.sleep(pause)
                looked = time.monotonic()
                self._wake.clear()  # before looking: a commit from now on wakes the next look
                try:
                    await self.dispatch()
                except Exception:
                    log.exception("outbox round failed; trying again shortly")
                waiter = asyncio.ensure_future(self._wake.wait())
                stopper = asyncio.ensure_future(stop.wait())
                await asyncio.wait(
                    {waiter, stopper}, timeout=self.poll, return_when="FIRST_COMPLETED"
                )
                waiter.cancel()
                stopper.cancel()
        finally:
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def drain_once(self) -> int:
        """Send everything due now and wait for it; returns how many messages were attempted."""
        self._loop = asyncio.get_running_loop()
        started, count = await self.dispatch()
        await asyncio.gather(*started)
        return count

    async def dispatch(self) -> tuple[list[asyncio.Task[None]], int]:
        """Start a task for every chat with messages due and no task running yet; returns
        the tasks and how many messages they were given."""
        self._sighting += 1
        sighting = self._sighting
        # Stored before this sighting began: the rows it returns already show the outcome.
        self._stored = {key: at for key, at in self._stored.items() if at >= sighting}
        busy, stored = frozenset(self._busy), frozenset(self._stored)
        paused = frozenset(c for c, until in self._paused_until.items() if until > time.monotonic())

        def skip(row_id: int, channel: str, chat_id: str) -> bool:
            return (channel, chat_id) in busy or row_id in stored or channel in paused

        rows = await asyncio.to_thread(self._due, skip)
        chats: dict[tuple[str, str], list[Outbox]] = defaultdict(list)
        for row in rows:
            key = (row.channel, row.chat_id)
            # Stored or taken while the query ran: the query may still show it pending.
            if key not in self._busy and (row.id or 0) not in self._stored:
                chats[key].append(row)
        started = []
        for key, queue in chats.items():
            self._busy.add(key)
            task = asyncio.get_running_loop().create_task(self._send_chat(key, queue))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            started.append(task)
        return started, sum(len(queue) for queue in chats.values())

    def _due(self, skip: Callable[[int, str, str], bool]) -> list[Outbox]:
        with self.db.session() as session:
            return outbox.due(session, now=self.clock(), skip=skip)

    async def _send_chat(self, key: tuple[str, str], queue: list[Outbox]) -> None:
        try:
            for row in queue:
                if not await self._send_one(row):
                    return  # later messages of this chat wait behind the one that failed
        except Exception:
            log.exception("outbox: sending to %s:%s failed; trying again shortly", *key)
        finally:
            self._busy.discard(key)
            self._wake.set()  # the chat may have more messages now

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
            async with self._slots.hold(bulk=row.priority > 0):
                started = self._stage(row, "queue_wait", None)  # a slot is a queue too
                await channel.send(row.chat_id, Outgoing.from_json(row.payload))
                self._stage(row, "send", started)
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
                failed_id=row.id,
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

    def _stage(self, row: Outbox, stage: str, started: float | None) -> float:
        """Time waited since the message was due, or spent sending since `started`."""
        now = time.perf_counter()
        if self.observe is not None:
            if started is None:
                self.observe(
                    row.channel, stage, (self.clock() - row.next_attempt_at).total_seconds()
                )
            else:
                self.observe(row.channel, stage, now - started)
        return now

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

    async def _record(self, fn: Callable[..., object], **kwargs: Any) -> None:
        """Store one outcome; returns once it is committed, together with whatever other
        chats' outcomes arrived meanwhile."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._writes.append((fn, kwargs, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_all())
        await future
        # Set before the chat's task ends (and the chat is free again): from then on, only
        # a sighting that began after the commit may offer this row again.
        row = kwargs.get("row")
        row_id = kwargs.get("outbox_id", row.id if isinstance(row, Outbox) else None)
        if isinstance(row_id, int):
            self._stored[row_id] = self._sighting

    async def _write_all(self) -> None:
        while self._writes:
            batch, self._writes = self._writes, []
            try:
                await asyncio.to_thread(self._write_batch, batch)
            except Exception:  # one bad outcome must not sink the others: one at a time
                for write in batch:
                    try:
                        await asyncio.to_thread(self._write_batch, [write])
                    except Exception as exc:
                        if not write[2].done():
                            write[2].set_exception(exc)
            for _, _, future in batch:
                if not future.done():
                    future.set_result(None)

    def _write_batch(self, batch: list[Write]) -> None:
        def write(session: Session) -> None:  # safe to run again after a rollback
            for fn, kwargs, _ in batch:
                fn(session, **kwargs)

        # On SQLite the batch joins the transaction of whatever updates wait meanwhile.
        self.db.run_write(write)
