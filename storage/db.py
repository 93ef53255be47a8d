"""Database engine and sessions; SQLite runs in WAL mode with write transactions serialised."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from storage.group_commit import GroupCommit

T = TypeVar("T")


class Database:
    """Owns the engine. `session()` reads; `write()` is one transaction that commits on exit.

    On SQLite a write transaction starts with BEGIN IMMEDIATE, so two writers never
    interleave a read-modify-write; on PostgreSQL rows are locked explicitly instead.
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        self.engine = _make_engine(url, echo=echo, sqlite=self.is_sqlite)
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._writer_lock: AbstractContextManager[object] = (
            threading.Lock() if self.is_sqlite else nullcontext()
        )
        # Updates and outbox outcomes: one writer thread, batched (storage/group_commit.py).
        # On PostgreSQL this took 200 people from 118 to 166 updates/s (bench/side_by_side).
        self._group = GroupCommit(self._write_engine, self._writer_lock)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        # SQLite has one writer at a time; queueing writers of this process on a lock beats
        # SQLite's busy handler, which sleeps in growing steps and makes long latency tails.
        with (
            self._writer_lock,
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def run_write(self, fn: Callable[[Session], T]) -> T:
        """Blocking: `fn(session)` in a write transaction; returns once it has committed.

        The transaction is shared with concurrent callers' (group commit, see
        storage/group_commit.py), so `fn` must be safe to run again after a rollback.
        """
        result: T = self._group.submit(fn).result()
        return result

    @property
    def queued_writes(self) -> int:
        """Write jobs waiting for the writer thread."""
        return self._group.waiting

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def checkpoint(self) -> None:
        """SQLite: copy the write-ahead log into the file and empty it, so that values just
        erased (and zeroed by secure_delete) leave no older copy in the log."""
        if not self.is_sqlite:
            return
        with self._writer_lock, self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self._group.close()
        self.engine.dispose()


def _make_engine(url: str, *, echo: bool, sqlite: bool) -> Engine:
    if not sqlite:
        return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=20
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the driver so that BEGIN IMMEDIATE is ours to issue.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Erased personal data must not linger in freed pages of the database file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")
