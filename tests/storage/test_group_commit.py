"""Write jobs: a caller hears of success only once its writes are committed, never before.

On SQLite concurrent jobs share one transaction (group commit); on PostgreSQL each has its
own. The guarantees are the same and are checked on both: a job that raises fails alone, a
COMMIT that fails fails every job it held and keeps none of their writes, and running the
failed ones again stores each exactly once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from sqlalchemy import event, func, select
from sqlmodel import Session

from storage import queries
from storage.db import Database
from storage.models import ProcessedUpdate
from storage.types import utcnow

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
    if db.is_sqlite:  # let all the others queue behind it (PostgreSQL runs them side by side)
        deadline = time.monotonic() + 30
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
        if len(commits) == 2:  # on SQLite: the commit of all the jobs queued behind the first
            raise RuntimeError("disk full at commit")

    event.listen(db.engine, "commit", fail_once)
    keys = [f"update-{n}" for n in range(JOBS)]
    futures = _crowd(db, [_claim(key) for key in keys])
    event.remove(db.engine, "commit", fail_once)
    answered = {key for key, f in zip(keys, futures, strict=True) if f.exception() is None}
    failed = [key for key, f in zip(keys, futures, strict=True) if f.exception() is not None]
    assert failed  # the broken commit failed at least its own job
    if db.is_sqlite:
        assert failed == keys[1:]  # all of them: none was told "done"
    assert set(_stored(db)) == answered  # nobody was told "done" for a write that was lost
    for key in failed:  # the platform delivers these again
        assert db.run_write(_claim(key)) == key
    assert _stored(db) == sorted(keys)
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(ProcessedUpdate)).scalar_one() == JOBS


def test_sqlite_jobs_that_wait_together_share_one_commit(tmp_path: object) -> None:
    from tests.support.databases import fresh_database

    db = Database(fresh_database("sqlite", tmp_path))  # type: ignore[arg-type]
    commits: list[object] = []
    event.listen(db.engine, "commit", commits.append)
    try:
        futures = _crowd(db, [_claim(f"k{n}") for n in range(JOBS)])
        assert [f.result() for f in futures] == [f"k{n}" for n in range(JOBS)]
        assert len(commits) == 2  # the first, then all that queued behind it together
    finally:
        db.dispose()
