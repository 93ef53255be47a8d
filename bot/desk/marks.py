"""Working out the desk's marks: an entry's similar entries and its failed checklist rules.

`mark_similar` runs when an entry is submitted or amended (in a savepoint of that update);
`MarksKeeper` works out, in a background thread, the rows that have none yet: entries
stored before the marks existed, written by other tools, or whose level an import of
earlier entries reopened. Each replica runs a keeper; their writes are idempotent.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import quality
from bot.background import BackgroundThread
from bot.similar.service import SimilarityService
from storage import desk_marks
from storage.db import Database
from storage.desk_marks import Found
from storage.prior import BODY_FIELD, SUBMISSION

log = logging.getLogger(__name__)

LOOKUP_K = 6  # as many as the author is shown at most, and a few more
BATCH = 50  # entries per write transaction


def day_of(at: datetime, tz: ZoneInfo) -> date:
    """The day an entry is judged as of: its submission day where the province is."""
    return at.astimezone(tz).date()


def failed_rules(kind: str, fields: dict[str, Any], today: date) -> list[str]:
    try:
        report = quality.check(kind, fields, today=today)
    except ValueError:  # an unknown kind has no checklist
        return []
    return [item.rule for item in report.failed]


def body_of(kind: str, fields: dict[str, Any]) -> str:
    body = fields.get(BODY_FIELD.get(kind, ""))
    return body if isinstance(body, str) else ""


def find(
    similar: SimilarityService, *, code: str, title: str, body: str, session: Any | None = None
) -> list[Found] | None:
    """Entries like this one at the configured threshold; None while the index loads."""
    key = SUBMISSION + code
    matches = similar.find(f"{title}\n{body}", k=LOOKUP_K, exclude=[key], session=session)
    if matches is None:
        return None
    return [Found(m.entry_id, round(m.score, 4), m.strong) for m in matches]


def mark_similar(
    session: Any,
    similar: SimilarityService,
    *,
    submission_id: int,
    code: str,
    title: str,
    body: str,
) -> bool:
    """Store the links; False (level left to the keeper) while the index is loading."""
    found = find(similar, code=code, title=title, body=body, session=session)
    if found is None:
        return False
    desk_marks.replace_links(session, submission_id=submission_id, code=code, found=found)
    return True


class MarksKeeper:
    """Fills in missing marks: once the similarity index is ready, then every `interval` s."""

    def __init__(
        self, db: Database, similar: SimilarityService, *, tz: ZoneInfo, interval: float = 30.0
    ) -> None:
        self._db = db
        self._similar = similar
        self._tz = tz
        self._interval = interval
        self._worker = BackgroundThread("desk-marks", self._run)
        self._stop = self._worker.stopping
        self._filling = threading.Lock()  # the thread and a direct call never overlap

    def start(self) -> None:
        self._worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._worker.stop(timeout)

    def _run(self) -> None:
        while not self._stop.is_set() and not self._similar.ready.wait(1.0):
            pass
        while not self._stop.is_set():
            try:
                done = self.fill()
                if done:
                    log.info("desk marks worked out for %d entries", done)
            except Exception:  # another replica's keeper, or the database went away
                log.exception("desk marks: fill failed; trying again later")
            self._stop.wait(self._interval)

    def fill(self) -> int:
        """Blocking: every entry without marks gets them; returns how many."""
        with self._filling:
            return self._fill()

    def _fill(self) -> int:
        """Lookups between short transactions: the writer lock (SQLite) is held only to write."""
        with self._db.write() as session:
            desk_marks.settle_withdrawn(session)
        total = 0
        while not self._stop.is_set():
            with self._db.session() as session:
                rows = desk_marks.pending(session, limit=BATCH)
            worked = [self._work(row) for row in rows]
            with self._db.write() as session:
                fits = desk_marks.unchanged(session, rows)  # the others: read again next round
                for row, failed, found in worked:
                    if row.id in fits:
                        self._write(session, row, failed, found)
            total += len(rows)
            if len(rows) < BATCH:
                return total
        return total

    def _work(self, row: desk_marks.Pending) -> tuple[desk_marks.Pending, list[str], list[Found]]:
        failed = failed_rules(row.kind, row.fields, day_of(row.day, self._tz))
        if not row.needs_similar:
            return row, failed, []
        body = body_of(row.kind, row.fields)
        found = find(self._similar, code=row.code, title=row.title, body=body)
        if found is None:
            raise RuntimeError("similarity index not ready")
        return row, failed, found

    @staticmethod
    def _write(
        session: Any, row: desk_marks.Pending, failed: list[str], found: list[Found]
    ) -> None:
        if row.needs_quality:
            desk_marks.set_quality(session, submission_id=row.id, failed=failed)
        if row.needs_similar:
            desk_marks.replace_links(session, submission_id=row.id, code=row.code, found=found)
