"""Write jobs: a caller hears of success only once its writes are committed, never before.

Concurrent jobs share one transaction (group commit), on SQLite and PostgreSQL alike. The
guarantees are checked on both: a job that raises fails alone, a COMMIT that fails fails
every job it held and keeps none of their writes, and running the failed ones again stores
each exactly once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlmodel import Session

from storage import queries
from storage.db import Database
from storage.models import ProcessedUpdate
from storage.types import utcnow
from tests.support.databases import fresh_database

JOBS = 12


def _claim(key: str, *, fail: bool = False) -> Callable[[Session], str]:
    def job(session: Session) -> str:
        assert queries.claim_update(session, key=key, now=utcnow())
        if fail:
            raise RuntimeError(f"job {key} breaks after writing")
        return key

    return job


def _stored(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(session.execute(select(ProcessedUpdate.key)).scalars())  # type: ignore[call-overload]


def _crowd(db: Database, jobs: list[Callable[[Session], str]]) -> list[Future[str]]:
    """Run the jobs at once: the first holds the writer until all others are waiting."""
    started, release = threading.Event(), threading.Event()
    first = jobs[0]

    def held(session: Session) -> str:
        started.set()
        release.wait(timeout=30)
        return first(session)

    pool = ThreadPoolExecutor(max_workers=len(jobs))
    futures = [pool.submit(db.run_write, held)]
    started.wait(timeout=30)
    futures += [pool.submit(db.run_write, job) for job in jobs[1:]]
    deadline = time.monotonic() + 30  # let all the others queue behind it
    while db.queued_writes < len(jobs) - 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    pool.shutdown(wait=True)
    return futures


def test_a_job_that_raises_fails_alone(db: Database) -> None:
    keys = [f"job-{n}" for n in range(JOBS)]
    futures = _crowd(db, [_claim(key, fail=key == "job-5") for key in keys])
    with pytest.raises(RuntimeError, match="job job-5"):
        futures[5].result()
    assert [f.result() for i, f in enumerate(futures) if i != 5] == keys[:5] + keys[6:]
    assert _stored(db) == sorted(keys[:5] + keys[6:])


def test_a_failed_commit_answers_no_job_and_keeps_nothing_of_it(db: Database) -> None:
    commits: list[object] = []

    def fail_once(conn: object) -> None:
        commits.append(conn)
        if len(commits) == 2:  # the commit of all the jobs queued behind the first
            raise RuntimeError("disk full at commit")

    event.listen(db.engine, "commit", fail_once)
    keys = [f"update-{n}" for n in range(JOBS)]
    futures = _crowd(db, [_claim(key) for key in keys])
    event.remove(db.engine, "commit", fail_once)
    answered = {key for key, f in zip(keys, futures, strict=True) if f.exception() is None}
    failed = [key for key, f in zip(keys, futures, strict=True) if f.exception() is not None]
    assert failed == keys[1:]  # the commit of all that queued behind the first: none was "done"
    assert set(_stored(db)) == answered  # nobody was told "done" for a write that was lost
    for key in failed:  # the platform delivers these again
        assert db.run_write(_claim(key)) == key
    assert _stored(db) == sorted(keys)
    with db.session() as session:
        assert (
            session.execute(select(func.count()).select_from(ProcessedUpdate)).scalar_one() == JOBS
        )


def test_jobs_that_wait_together_share_one_commit(db: Database) -> None:
    commits: list[object] = []
    count = commits.append  # one bound method, so that remove() finds it
    event.listen(db.engine, "commit", count)
    try:
        futures = _crowd(db, [_claim(f"k{n}") for n in range(JOBS)])
        assert [f.result() for f in futures] == [f"k{n}" for n in range(JOBS)]
        assert len(commits) == 2  # the first, then all that queued behind it together
    finally:
        event.remove(db.engine, "commit", count)


def test_a_writer_connection_the_server_dropped_is_replaced(tmp_path: Path) -> None:
    """The writer keeps its connection between batches (no ping): when PostgreSQL drops it
    (a restart, an administrator), one batch fails and the next runs on a new connection."""
    db = Database(fresh_database("postgres", tmp_path))
    try:
        _dropped_connection_is_replaced(db)
    finally:
        db.dispose()


def _dropped_connection_is_replaced(db: Database) -> None:
    def backend(session: Session) -> int:
        return int(session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one())

    first = db.run_write(backend)
    assert db.run_write(backend) == first  # kept between batches
    with db.engine.connect() as other:
        other.exec_driver_sql(f"SELECT pg_terminate_backend({first})")
    outcomes = []
    for key in ("after-1", "after-2", "after-3"):
        try:
            outcomes.append(db.run_write(_claim(key)))
        except Exception as exc:
            outcomes.append(type(exc).__name__)
    assert outcomes[1:] == ["after-2", "after-3"]  # at most the first batch is lost
    assert set(_stored(db)) == {o for o in outcomes if o.startswith("after-")}
    assert db.run_write(backend) != first
