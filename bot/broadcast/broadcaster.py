"""The announcement sender (leader only): starts due announcements and delivers them paced.

Each channel gets `concurrency` workers; a worker claims one delivery row (committed as
"sending"), waits for the channel's Pacer as a bulk send (the same Pacer instances the
reply sender uses, so replies overtake), sends, and records the outcome. A crash leaves
at most `concurrency` rows per channel "sending"; `recover` turns them "uncertain" at the
next start and they are not sent again (storage/broadcasts.py says why).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, TypeVar

from bot.broadcast import render
from bot.broadcast.delivery import Documents, deliver_web, finish
from bot.channels.base import Channel
from bot.dialogue.matching import fold
from bot.errors import PermanentError, RateLimited, RecipientBlocked, TransientError
from bot.messages import Outgoing
from bot.pacing import Pacer
from scheduler.quiet import QuietHours
from storage import broadcasts, outbox
from storage.db import Database
from storage.models import Broadcast, BroadcastDelivery
from storage.types import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")


class Broadcaster:
    """`run(stop)` on the leader; `run_one(id, stop)` for `sangkien broadcast send`."""

    def __init__(
        self,
        *,
        db: Database,
        channels: Mapping[str, Channel],
        pacers: Mapping[str, Pacer],
        quiet: QuietHours | None = None,
        documents: Documents | None = None,
        concurrency: int = 16,
        max_attempts: int = 5,
        poll: float = 1.0,
        backoff: Callable[[int], timedelta] = outbox.retry_delay,
        clock: Callable[[], datetime] = utcnow,
        on_report: Callable[[], None] = lambda: None,
    ) -> None:
        self.db, self.channels, self.pacers = db, channels, pacers
        self.quiet, self.documents = quiet, documents or Documents()
        self.concurrency, self.max_attempts = concurrency, max_attempts
        self.poll, self.backoff, self.clock = poll, backoff, clock
        self.on_report = on_report  # wakes the reply sender, which delivers the report
        self.stats: dict[str, int] = {"sent": 0, "rate_limited": 0, "retried": 0}
        self._running: dict[int, asyncio.Task[None]] = {}
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def notify(self) -> None:
        """Thread-safe: an announcement was created or cancelled, look now."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self, stop: asyncio.Event) -> None:
        self._loop = asyncio.get_running_loop()
        recovered = await self._write(broadcasts.recover, claimed_before=self.clock())
        if recovered:
            log.warning("%d announcement deliveries left in flight are now uncertain", recovered)
        try:
            while not stop.is_set():
                try:
                    await self.round(stop)
                except Exception:
                    log.exception("announcement round failed; trying again shortly")
                await self._idle(stop)
        finally:
            for task in self._running.values():
                task.cancel()
            await asyncio.gather(*self._running.values(), return_exceptions=True)

    async def run_one(self, broadcast_id: int, stop: asyncio.Event) -> str:
        """Send one announcement in this process until it is done or cancelled; its status."""
        self._loop = asyncio.get_running_loop()
        while not stop.is_set():
            await self.round(stop, only=broadcast_id)
            task = self._running.get(broadcast_id)
            if task is not None:
                await task
            found = await self._read(broadcasts.get, broadcast_id=broadcast_id)
            if found is None or found.status in ("done", "cancelled"):
                return found.status if found else "missing"
            await self._idle(stop)
        return "stopped"

    async def round(self, stop: asyncio.Event, only: int | None = None) -> None:
        """Start what is due and give every sending announcement a task (outside quiet hours)."""
        now = self.clock()
        if self.quiet is not None and self.quiet.is_quiet(now):
            return  # announcements wait; the first round after the window goes on
        for broadcast_id in await self._read(broadcasts.due, now=now):
            if only is None or broadcast_id == only:
                count = await self._write(
                    broadcasts.start, broadcast_id=broadcast_id, now=now, fold=fold
                )
                log.info("announcement %s started: %d recipients", broadcast_id, count)
        for broadcast in await self._read(broadcasts.sending):
            task = self._running.get(broadcast.id or 0)
            if (only is None or broadcast.id == only) and (task is None or task.done()):
                self._running[broadcast.id or 0] = asyncio.create_task(
                    self._send_all(broadcast, stop), name=f"announcement-{broadcast.id}"
                )

    async def _send_all(self, broadcast: Broadcast, stop: asyncio.Event) -> None:
        broadcast_id = broadcast.id or 0
        await self._fetch_attachment(broadcast)
        names = await self._read(broadcasts.channels_pending, broadcast_id=broadcast_id)
        workers = []
        for name in names:
            if name == "web":
                message = await self._message(broadcast, "web")
                await self._write(
                    deliver_web, broadcast_id=broadcast_id, message=message, now=self.clock()
                )
                continue
            message = await self._message(broadcast, name)
            workers += [
                self._worker(broadcast_id, name, message, stop) for _ in range(self.concurrency)
            ]
        await asyncio.gather(*workers)
        done = await self._write(finish, broadcast_id=broadcast_id, now=self.clock())
        if done:
            log.info("announcement %s done", broadcast_id)
            self.on_report()

    async def _fetch_attachment(self, broadcast: Broadcast) -> None:
        """A file the admin sent in chat is fetched once, before the first message goes out."""
        found = self.documents.platform_ref(broadcast)
        channel = self.channels.get(found[0]) if found else None
        if found is None:
            return
        relative = None
        try:
            if channel is None:
                raise PermanentError(f"channel {found[0]} is not configured")
            data = await channel.download(found[1])  # type: ignore[attr-defined]
            relative = await asyncio.to_thread(self.documents.keep, broadcast, data)
        except Exception as exc:  # the announcement still goes out, without the file
            log.error("announcement %s: attachment not fetched: %s", broadcast.id, exc)
        broadcast.attachment_path = relative
        await self._write(broadcasts.set_attachment, broadcast_id=broadcast.id or 0, path=relative)

    async def _message(self, broadcast: Broadcast, channel: str) -> Outgoing:
        document = await asyncio.to_thread(
            self.documents.for_channel, broadcast, channel, self.clock()
        )
        return render.announcement(
            broadcast.text, broadcast_id=broadcast.id or 0, channel=channel, document=document
        )

    async def _worker(
        self, broadcast_id: int, channel: str, message: Outgoing, stop: asyncio.Event
    ) -> None:
        while not stop.is_set():
            now = self.clock()
            if self.quiet is not None and self.quiet.is_quiet(now):
                return
            rows = await self._write(
                broadcasts.claim, broadcast_id=broadcast_id, channel=channel, now=now
            )
            if not rows:
                return
            await self._deliver(rows[0], message)

    async def _deliver(self, row: BroadcastDelivery, message: Outgoing) -> None:
        channel = self.channels.get(row.channel)
        try:
            if channel is None:
                raise PermanentError(f"channel {row.channel} is not configured")
            if (pacer := self.pacers.get(row.channel)) is not None:
                for _ in range(_calls(row.channel, message)):  # one token per platform call
                    await pacer.acquire(row.chat_id, bulk=True)
            await channel.send(row.chat_id, message)
        except RateLimited as exc:
            await self._rate_limited(row, exc)
        except RecipientBlocked as exc:
            await self._write(
                broadcasts.mark_unreachable, delivery=row, now=self.clock(), error=str(exc)
            )
        except TransientError as exc:
            await self._transient(row, exc)
        except Exception as exc:  # PermanentError, or a bug: the row must not stay "sending"
            log.error(
                "announcement delivery %s failed: %s",
                row.id,
                exc,
                exc_info=not isinstance(exc, PermanentError),
            )
            await self._outcome(
                row, status="failed", attempts=row.attempts + 1, last_error=str(exc)
            )
        else:
            self.stats["sent"] += 1
            await self._outcome(row, status="sent", sent_at=self.clock(), attempts=row.attempts + 1)

    async def _rate_limited(self, row: BroadcastDelivery, exc: RateLimited) -> None:
        # Not delivered (the platform refused it), so sending it again later is safe.
        self.stats["rate_limited"] += 1
        if (pacer := self.pacers.get(row.channel)) is not None:
            pacer.pause(exc.retry_after)
        at = self.clock() + timedelta(seconds=exc.retry_after)
        await self._outcome(row, status="pending", next_attempt_at=at, last_error=str(exc))

    async def _transient(self, row: BroadcastDelivery, exc: TransientError) -> None:
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            await self._outcome(row, status="failed", attempts=attempts, last_error=str(exc))
            return
        self.stats["retried"] += 1
        at = self.clock() + self.backoff(attempts)
        await self._outcome(
            row, status="pending", attempts=attempts, next_attempt_at=at, last_error=str(exc)
        )

    async def _outcome(self, row: BroadcastDelivery, **values: Any) -> None:
        await self._write(broadcasts.record, delivery_id=row.id or 0, **values)

    async def _idle(self, stop: asyncio.Event) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_first(self._wake, stop), timeout=self.poll)

    async def _read(self, fn: Callable[..., T], **kwargs: Any) -> T:
        def read() -> T:
            with self.db.session() as session:
                return fn(session, **kwargs)

        return await asyncio.to_thread(read)

    async def _write(self, fn: Callable[..., T], **kwargs: Any) -> T:
        def write() -> T:
            with self.db.write() as session:
                return fn(session, **kwargs)

        return await asyncio.to_thread(write)


def _calls(channel: str, message: Outgoing) -> int:
    """Platform calls one send makes: Telegram uploads a document in a call of its own."""
    return 2 if channel == "telegram" and message.document else 1


async def _first(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
