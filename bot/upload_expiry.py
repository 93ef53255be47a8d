"""Removes web chat uploads once they are older than the configured time: files that no
submitted entry took, and the originals of those it did (the entry keeps its own copy)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from storage import uploads
from storage.db import Database

log = logging.getLogger(__name__)
MB = 1024 * 1024


def remove_unused(db: Database, *, folder: Path, before: datetime) -> str:
    """One pass; returns a summary for the job log (`sangkien jobs run uploads_cleanup`)."""
    removed = waiting = freed = 0
    while True:
        with db.session() as session:
            rows = uploads.older_than(session, before=before)
            names = [row.file_name for row in rows if row.file_name]
            copying = uploads.awaiting_copy(session, file_names=names)
        batch = [row for row in rows if row.file_name not in copying]
        waiting += len(rows) - len(batch)
        for row in batch:
            for name in {f"{row.token}.part", row.file_name or ""} - {""}:
                (folder / name).unlink(missing_ok=True)
            with db.write() as session:
                uploads.forget(session, token=row.token)
            removed += 1
            freed += row.size
        if len(rows) < 500 or not batch:
            break
    orphans = _remove_orphans(db, folder=folder, before=before)
    return (
        f"{removed} uploads removed ({freed / MB:.1f} MB), {orphans} stray files, "
        f"{waiting} waiting to be copied to their entry"
    )


def _remove_orphans(db: Database, *, folder: Path, before: datetime) -> int:
    """Old files the table does not account for (an older release, a crash mid-upload)."""
    if not folder.is_dir():
        return 0
    with db.session() as session:
        known = uploads.known_files(session)
        candidates = [
            path
            for path in folder.iterdir()
            if path.is_file()
            and path.name not in known
            and path.name.split(".", 1)[0] not in known
            and path.stat().st_mtime < before.timestamp()
        ]
        copying = uploads.awaiting_copy(session, file_names=[p.name for p in candidates])
    count = 0
    for path in candidates:
        if path.name not in copying:
            path.unlink(missing_ok=True)
            count += 1
    if count:
        log.info("removed %d stray upload files", count)
    return count
