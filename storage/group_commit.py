"""Group commit: one writer thread runs queued write jobs in shared transactions.

Rather than many threads each running their own transaction (on SQLite taking turns on its
one write lock, woken in no particular order; on PostgreSQL contending for the interpreter
and the connection pool, a round trip per statement each), jobs queue here in arrival order;
the writer thread takes whatever has queued (up to `max_batch`), runs each job in its own
Session on one connection inside one transaction (BEGIN IMMEDIATE on SQLite), commits once,
and only then resolves each job's future. A caller therefore learns of its result only once
its writes are durable, exactly as with a transaction of its own. On PostgreSQL the rows a
job locks (FOR UPDATE) stay locked until the batch commits, so replicas keep each person's
updates in order as before; a deadlock between replicas' batches fails one job, which its
platform delivers again.

A job that raises is rolled back with its batch; it fails alone and the others run again in
a new transaction, so one bad update never takes its neighbours with it. A failed COMMIT
fails every job of the batch (each caller answers 5xx and the platform delivers again).
Jobs must therefore be safe to run again after a rollback: all they change is in the
database, or happens after the commit.

The writer keeps its connection between batches (no pool checkout, and on PostgreSQL no
liveness ping, per batch); one that failed a BEGIN or COMMIT, or that the driver found
broken, is replaced by a new one for the next batch.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

log = logging.getLogger(__name__)


@dataclass
class _Job:
    fn: Callable[[Session], Any]
    future: Future[Any] = field(default_factory=Future)


class GroupCommit:
    """Queue of write jobs served by one thread; see the module docstring."""

    def __init__(
        self, engine: Engine, lock: AbstractContextManager[object], *, max_batch: int = 32
    ) -> None:
        self.engine = engine  # begins with BEGIN IMMEDIATE
        self.lock = lock  # the Database's writer lock, shared with its other writers
        self.max_batch = max_batch
        self._queue: deque[_Job] = deque()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._conn: Connection | None = None  # the writer thread's own

    def submit(self, fn: Callable[[Session], Any]) -> Future[Any]:
        """Queue `fn(session)`; the future resolves once its transaction has committed."""
        job = _Job(fn)
        with self._ready:
            if self._closed:
                raise RuntimeError("the database is closed")
            self._queue.append(job)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="group-commit", daemon=True
                )
                self._thread.start()
            self._ready.notify()
        return job.future

    @property
    def waiting(self) -> int:
        """Jobs queued and not yet taken by the writer."""
        with self._ready:
            return len(self._queue)

    def close(self) -> None:
        """Finish what is queued, then stop the writer thread."""
        with self._ready:
            self._closed = True
            self._ready.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=30)

    def _serve(self) -> None:
        try:
            self._serve_until_closed()
        finally:
            self._release()

    def _serve_until_closed(self) -> None:
        while True:
            with self._ready:
                while not self._queue and not self._closed:
                    self._ready.wait()
                if not self._queue:
                    return
                batch = [
                    self._queue.popleft() for _ in range(min(self.max_batch, len(self._queue)))
                ]
            self._run(batch)

    def _run(self, batch: list[_Job]) -> None:
        """Commit the batch; a job that raises is taken out and the rest run again."""
        while batch:
            try:
                results, failed = self._transaction(batch)
            except BaseException as exc:  # BEGIN or COMMIT failed: nothing of the batch holds
                log.warning("group commit of %d jobs failed: %s", len(batch), type(exc).__name__)
                self._release()  # the next batch starts on a new connection
                for job in batch:
                    _fail(job, exc)
                return
            if failed is None:
                for job, result in zip(batch, results, strict=True):
                    if job.future.set_running_or_notify_cancel():
                        job.future.set_result(result)
                return
            index, error = failed
            _fail(batch[index], error)
            batch = batch[:index] + batch[index + 1 :]

    def _transaction(self, batch: list[_Job]) -> tuple[list[Any], tuple[int, BaseException] | None]:
        results: list[Any] = []
        with self.lock:
            conn = self._connection()
            transaction = conn.begin()
            for index, job in enumerate(batch):
                try:
                    # Each job sees a Session of its own, as it would with its own transaction.
                    with Session(bind=conn, expire_on_commit=False) as session:
                        results.append(job.fn(session))
                        session.flush()
                except Exception as exc:
                    transaction.rollback()
                    return [], (index, exc)
            try:
                transaction.commit()
            except BaseException:
                # A COMMIT that failed may leave SQLite inside its transaction: this
                # connection must never serve anyone again (_run releases it).
                conn.invalidate()
                raise
        return results, None

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed or self._conn.invalidated:
            self._release()
            self._conn = self.engine.connect()
        return self._conn

    def _release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and not conn.closed:
            conn.close()


def _fail(job: _Job, exc: BaseException) -> None:
    if job.future.set_running_or_notify_cancel():
        job.future.set_exception(exc)
