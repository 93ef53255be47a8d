"""The shared "done before?" index: built in a background thread, kept in step, queried under a lock.

Every replica holds its own in-memory index. It is built at start-up from all stored
submissions and imported rows (about 10 s for 100,000), then a refresh every
`refresh_seconds` re-reads what changed since (new or amended entries, status changes,
rows imported by `sangkien import` or stored by another replica). The runner adds each new
submission at once. Before each lookup two indexed aggregates ask whether anything changed
since that refresh (`prior.changes_since`); only then are the changed rows re-read, so an
entry another replica stored a moment ago is found (bench/similarity_compare.py compares
this with pg_trgm, FTS5 and rapidfuzz). Until the first build is done, lookups answer None
and are skipped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from bot.background import BackgroundThread
from bot.similar import Match, SimilarityIndex
from storage import prior
from storage.db import Database
from storage.types import utcnow

log = logging.getLogger(__name__)

TEXT_MAX = 800  # characters indexed and queried: the title and the start of the solution
# Rows are re-read from a little before the last refresh: replicas' clocks and commits lag.
OVERLAP = timedelta(minutes=2)


def indexed_text(title: str, body: str) -> str:
    """What the index compares: the title, then the solution, cut at a word near TEXT_MAX."""
    text = f"{title}\n{body}".strip()
    if len(text) <= TEXT_MAX:
        return text
    return text[:TEXT_MAX].rsplit(" ", 1)[0]


class SimilarityService:
    """One SimilarityIndex shared by the runner's worker threads (the index is not thread-safe)."""

    def __init__(
        self,
        db: Database,
        *,
        refresh_seconds: float = 30.0,
        clock: Callable[[], datetime] = utcnow,
        index_factory: Callable[[], SimilarityIndex] = SimilarityIndex,
    ) -> None:
        self._db = db
        self._refresh_seconds = refresh_seconds
        self._clock = clock
        self._index_factory = index_factory
        self._lock = threading.Lock()
        self._index: SimilarityIndex | None = None
        self._since: datetime | None = None
        # Serialises refreshes and catch-ups; `_seen` is the changes_since fingerprint of
        # the current window already applied, `_applied` what each key was last indexed as.
        self._refreshing = threading.Lock()
        self._seen: tuple[Any, ...] | None = None
        self._applied: dict[str, int] = {}
        self._worker = BackgroundThread("similar-index", self._run)
        self._stop = self._worker.stopping
        self.ready = threading.Event()

    # ---- life cycle ----

    def start(self) -> None:
        """Build, then refresh periodically, in a daemon thread; returns at once."""
        self._worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._worker.stop(timeout)

    def _run(self) -> None:
        while not self._stop.is_set() and not self.ready.is_set():
            try:
                self.build()
            except Exception:  # the database may not be up yet: try again shortly
                log.exception("similarity index: build failed; retrying")
                self._stop.wait(min(self._refresh_seconds, 5.0))
        while not self._stop.wait(self._refresh_seconds):
            try:
                self.refresh()
            except Exception:
                log.exception("similarity index: refresh failed")

    def build(self) -> None:
        """Blocking: a fresh index of everything stored, swapped in whole when done."""
        started = self._clock()
        index = self._index_factory()
        with self._db.session() as session:
            for row in prior.index_rows(session):
                if row.indexed:
                    index.add(row.key, indexed_text(row.title, row.body))
        with self._refreshing:
            with self._lock:
                self._index, self._since = index, started
            self._seen, self._applied = None, {}
        self.ready.set()
        log.info("similarity index ready: %d entries", len(index))

    def refresh(self) -> int:
        """Re-read entries changed since the last build or refresh; returns how many."""
        if not self.ready.is_set() or self._since is None:
            return 0
        with self._refreshing:
            started = self._clock()
            with self._db.session() as session:
                rows = list(prior.index_rows(session, since=self._since - OVERLAP))
            self._apply(rows)
            # A new window: the next lookup re-reads it once; unchanged rows are skipped.
            self._since, self._seen, self._applied = started, None, {}
        return len(rows)

    def catch_up(self, session: Any | None = None) -> int:
        """Before a lookup: apply what changed in the window since the last refresh, if anything.

        Cheap when nothing changed (one fingerprint query). The fingerprint is read before
        the rows, so a row committed in between is caught by the next lookup.

        `session`: the caller's open session, read through rather than taking a second pooled
        connection. Lookups run inside the runner's transaction; under a crowd every pooled
        connection was held by a runner thread waiting (on the tracking-code row, or here)
        while the one able to go on needed one more connection: updates of 90 s, QueuePool
        timeouts, 503s (bench/replicas.py). For the same reason a lookup never waits for
        another thread's catch-up, which is applying the same changes.
        """
        if not self.ready.is_set() or self._since is None:
            return 0
        if not self._refreshing.acquire(blocking=False):
            return 0
        try:
            since = self._since - OVERLAP
            if session is not None:
                seen, rows = self._changes(session, since)
            else:
                with self._db.session() as own:
                    seen, rows = self._changes(own, since)
            if rows is None:
                return 0
            self._apply(rows)
            self._seen = seen
        finally:
            self._refreshing.release()
        return len(rows)

    def _changes(
        self, session: Any, since: datetime
    ) -> tuple[tuple[Any, ...], list[prior.IndexRow] | None]:
        seen = prior.changes_since(session, since=since)
        if seen == self._seen:
            return seen, None
        return seen, list(prior.index_rows(session, since=since))

    # ---- used by the runner's threads ----

    def find(
        self, text: str, *, k: int, exclude: Iterable[str] = (), session: Any | None = None
    ) -> list[Match] | None:
        """The k entries most like `text` (index keys), or None while the index is loading.

        Entries stored by another replica or process since the last refresh are read first,
        through `session` when the caller has one open (see catch_up); if the database cannot
        answer, the lookup still uses what is loaded.
        """
        try:
            self.catch_up(session)
        except Exception:
            log.exception("similarity index: catch-up failed; looking up in what is loaded")
        with self._lock:
            if self._index is None:
                return None
            return self._index.query(indexed_text(text, ""), k=k, exclude=frozenset(exclude))

    def put(self, key: str, title: str, body: str) -> None:
        """Index a new or amended entry now (the periodic refresh would, later)."""
        self._apply([prior.IndexRow(key, title, body, True)])

    def _apply(self, rows: Iterable[prior.IndexRow]) -> None:
        with self._lock:
            if self._index is None:
                return  # the build in progress reads them from the database anyway
            for row in rows:
                text = indexed_text(row.title, row.body) if row.indexed else None
                # Catch-ups re-read the whole window: an unchanged row is not re-indexed.
                if self._applied.get(row.key) == (stamp := hash(text)):
                    continue
                self._applied[row.key] = stamp
                if text is not None:
                    self._index.add(row.key, text)
                else:
                    self._index.remove(row.key)
