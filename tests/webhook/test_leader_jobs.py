"""Two server processes on one PostgreSQL: only the leader runs the jobs; after its kill -9
another takes over within a minute and runs what is due, once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from storage.db import Database
from storage.models import JobRun
from storage.types import utcnow
from tests.fakes.telegram_api import FakeTelegram
from tests.support.apps import config_sections
from tests.support.databases import fresh_database
from tests.support.entries import add_entries
from tests.support.review import codes_in, wait_delivered
from tests.support.server import ServerProcess, write_config

pytestmark = pytest.mark.slow
REVIEWER = "777"
RAN = "job digest running"
LEADS = "scheduler started"


@pytest.fixture
def pg_url(tmp_path: Path) -> str:
    return fresh_database("postgres", tmp_path)


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake_api:
        yield fake_api


@pytest.fixture
def servers(pg_url: str, tmp_path: Path, fake: FakeTelegram) -> Iterator[list[ServerProcess]]:
    sections = config_sections(
        pg_url, tmp_path / "data", telegram_url=fake.url, telegram_token=fake.token
    )
    sections["roles"] = {"reviewers": [f"telegram:{REVIEWER}"]}
    sections["scheduler"] = {"quiet_hours": ""}  # enabled: the leader catches up the digest
    config = write_config(tmp_path / "config.toml", sections)
    processes = [
        ServerProcess(config, log_path=tmp_path / f"server-{name}.log") for name in ("a", "b")
    ]
    yield processes
    for process in processes:
        process.stop()


def _wait_log(process: ServerProcess, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in process.log_path.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not logged within {timeout}s:\n{process.log()}")
        time.sleep(0.2)


def _count(process: ServerProcess, text: str) -> int:
    return process.log_path.read_text(errors="replace").count(text)


def test_one_leader_runs_the_jobs_and_another_takes_over_after_kill_9(
    servers: list[ServerProcess], fake: FakeTelegram, pg_url: str
) -> None:
    db = Database(pg_url)
    first, second = servers
    before = add_entries(db, 5, authors=5)
    first.start()
    wait_delivered(db)  # the leader caught up the digest nobody had run yet
    second.start()
    time.sleep(3)  # long enough for its first leader check and a scheduler start, if any
    assert (_count(first, LEADS), _count(first, RAN)) == (1, 1)
    assert (_count(second, LEADS), _count(second, RAN)) == (0, 0)

    # New entries, and a digest that fell due without running (set before the kill, so that
    # the successor cannot look before the test is ready; the leader only looks at start).
    after = add_entries(db, 3, authors=3, first_user=6001)
    with db.write() as session:
        session.execute(update(JobRun).values(last_finished_at=utcnow() - timedelta(days=7)))
    first.kill()
    started = time.monotonic()
    _wait_log(second, LEADS, timeout=60)
    assert time.monotonic() - started < 60
    wait_delivered(db, timeout=30, batches=2)
    assert _count(second, RAN) == 1
    assert codes_in(fake.messages_to(REVIEWER)) == {code: 1 for code in before + after}
    db.dispose()
