"""A job context on a real database with a clock the test moves."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scheduler.jobs import JobContext
from storage.db import Database
from tests.support.apps import make_settings
from webhook.scheduling import job_context


class Clock:
    """Now is whatever the test says; starts on a Monday, 10:00 in Quảng Ngãi."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def set_local(self, day: int, hour: int, minute: int = 0) -> None:
        self.now = datetime(2026, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ctx(db: Database, db_url: str, tmp_path: Path, clock: Clock) -> JobContext:
    settings = make_settings(
        db_url,
        tmp_path / "data",
        extra={"SANGKIEN_ROLES__REVIEWERS": '["telegram:777"]'},  # quiet hours 21:00-07:00
    )
    return dataclasses.replace(job_context(settings, db, "k" * 32), clock=clock)
