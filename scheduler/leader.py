"""Leader election: a PostgreSQL advisory lock held on its own connection; SQLite has one process."""

from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.db import Database

log = logging.getLogger(__name__)

LOCK_KEY = 0x53414E47  # "SANG": one lock id for the whole deployment


class LeaderLock:
    """`check()` is cheap to call every few seconds; True while this process leads."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: Connection | None = None
        # check() runs in a worker thread that a shutdown cannot interrupt: close() waits for
        # it, and a check that starts after close() must not take the lock back (and leak it).
        self._guard = threading.RLock()
        self._closed = False

    def check(self) -> bool:
        with self._guard:
            return False if self._closed else self._check()

    def close(self) -> None:
        """Give up leadership for good (shutdown)."""
        with self._guard:
            self._closed = True
            self.release()

    def _check(self) -> bool:
        if self.db.is_sqlite:
            return True
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1"))
                return True
            except Exception:
                log.warning("leader connection lost; giving up leadership")
                self.release()
        return self._try_acquire()

    def _try_acquire(self) -> bool:
        conn = self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY}).scalar()
        except Exception:
            conn.close()
            raise
        if got:
            self._conn = conn
            log.info("this process is now the leader")
            return True
        conn.close()
        return False

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()  # closing the session drops the advisory lock
            finally:
                self._conn = None
