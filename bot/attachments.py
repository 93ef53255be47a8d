"""Fetches submission attachments from the platforms and keeps them under the data folder."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from bot import filetypes
from bot.errors import ChannelError, PermanentError
from storage import files
from storage.db import Database
from storage.models import StoredFile
from storage.outbox import retry_delay
from storage.types import utcnow

log = logging.getLogger(__name__)

WEB_PREFIX = "web-upload:"
MAX_ATTEMPTS = 8


def safe_name(name: str | None, fallback: str) -> str:
    """A file name that cannot climb out of its folder or confuse a shell."""
    cleaned = re.sub(r"[^\w.\- ]+", "_", (name or "").strip())[:100].strip(". ")
    return cleaned or fallback


class AttachmentFetcher:
    """Leader task: download pending attachments; retries with back-off, then gives up loudly."""

    def __init__(
        self,
        *,
        db: Database,
        channels: Mapping[str, Any],
        data_dir: Path,
        clock: Callable[[], datetime] = utcnow,
        poll: float = 2.0,
    ) -> None:
        self.db = db
        self.channels = channels
        self.data_dir = data_dir
        self.clock = clock
        self.poll = poll

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                done = await self.fetch_once()
            except Exception:
                log.exception("attachment round failed")
                done = 0
            if not done:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self.poll)

    async def fetch_once(self) -> int:
        def due() -> list[StoredFile]:
            with self.db.session() as session:
                return files.due_files(session, now=self.clock())

        rows = await asyncio.to_thread(due)
        for row in rows:
            await self._fetch(row)
        return len(rows)

    async def _fetch(self, row: StoredFile) -> None:
        try:
            data = await self._read(row)
        except (ChannelError, OSError) as exc:
            give_up = isinstance(exc, PermanentError) or row.attempts + 1 >= MAX_ATTEMPTS
            log.log(logging.ERROR if give_up else logging.WARNING, "attachment %s: %s", row.id, exc)
            at = self.clock() + retry_delay(row.attempts + 1)
            await self._write(
                files.mark_file_retry, file_id=row.id, at=at, error=str(exc), give_up=give_up
            )
            return
        if filetypes.sniff_bytes(data, row.file_name or "") is None:
            # Whatever the platform or the name claimed, the content is no accepted type.
            log.warning("attachment %s: content is not an accepted file type; not kept", row.id)
            error = "content is not an accepted file type (bot/filetypes.py)"
            await self._write(
                files.mark_file_retry, file_id=row.id, at=self.clock(), error=error, give_up=True
            )
            return
        relative = (
            Path("attachments")
            / str(row.submission_id)
            / safe_name(row.file_name, f"file-{row.id}")
        )
        target = self.data_dir / relative
        target = target.with_name(f"{row.id}-{target.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(target.write_bytes, data)
        kept = await self._write(
            files.mark_stored,
            file_id=row.id,
            path=str(target.relative_to(self.data_dir)),
            size=len(data),
        )
        if not kept:  # erased (/xoadulieu) while it was being fetched: keep no copy
            target.unlink(missing_ok=True)

    async def _read(self, row: StoredFile) -> bytes:
        if row.file_ref.startswith(WEB_PREFIX):
            name = safe_name(row.file_ref[len(WEB_PREFIX) :], "missing")
            return await asyncio.to_thread((self.data_dir / "uploads" / "web" / name).read_bytes)
        channel = self.channels.get(row.channel)
        if channel is None or not hasattr(channel, "download"):
            raise PermanentError(f"channel {row.channel} cannot download files")
        return bytes(await channel.download(row.file_ref))

    async def _write(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        def write() -> Any:
            with self.db.write() as session:
                return fn(session, **kwargs)

        return await asyncio.to_thread(write)
