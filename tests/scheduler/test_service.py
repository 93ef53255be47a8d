"""The scheduler: quiet hours, catch-up of runs missed while down, explicit misfire settings."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from scheduler.jobs import JOBS, JobContext, run_job
from scheduler.quiet import QuietHours
from scheduler.service import SchedulerService, missed, plan
from storage import job_runs
from storage.db import Database
from tests.scheduler.conftest import Clock

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("spec", "local", "quiet"),
    [
        ("21:00-07:00", time(20, 59), False),
        ("21:00-07:00", time(21, 0), True),
        ("21:00-07:00", time(3, 0), True),
        ("21:00-07:00", time(7, 0), False),
        ("12:00-13:30", time(12, 45), True),
        ("12:00-13:30", time(13, 30), False),
    ],
)
def test_quiet_hours(spec: str, local: time, quiet: bool) -> None:
    hours = QuietHours.parse(spec, TZ)
    assert hours is not None
    now = datetime(2026, 3, 2, local.hour, local.minute, tzinfo=TZ)
    assert hours.is_quiet(now) is quiet
    allowed = hours.next_allowed(now)
    assert (allowed == now) is not quiet
    assert not hours.is_quiet(allowed)


def test_no_quiet_hours() -> None:
    assert QuietHours.parse("", TZ) is None
    assert QuietHours.parse("07:00-07:00", TZ) is None


def test_a_digest_missed_while_down_is_caught_up_once(ctx: JobContext, clock: Clock) -> None:
    clock.set_local(3, 9)  # Tuesday 09:00: the 08:00 digest found no scheduler
    assert missed(ctx) == ["digest", "review_sla"]
    run_job(ctx, "digest")
    run_job(ctx, "review_sla")
    assert missed(ctx) == []
    clock.set_local(4, 7, 59)
    assert missed(ctx) == []
    clock.set_local(4, 8, 1)
    assert missed(ctx) == ["digest"]
    clock.set_local(7, 12)  # Saturday: the last fire was Friday 08:00, long after Wednesday's run
    assert "digest" in missed(ctx)


def test_a_crashed_run_counts_as_missed(ctx: JobContext, db: Database, clock: Clock) -> None:
    clock.set_local(3, 9)
    with db.write() as session:
        job_runs.started(session, name="digest", now=clock.now)  # started, never finished
    assert "digest" in missed(ctx)


def test_plan_shows_next_runs_and_quiet_deferral(ctx: JobContext, clock: Clock) -> None:
    clock.set_local(2, 10)
    late = dataclasses.replace(ctx, digest_cron="30 22 * * *")
    planned = {p.name: p for p in plan(late)}
    assert planned["digest"].next_run == datetime(2026, 3, 2, 22, 30, tzinfo=TZ)
    assert planned["digest"].deferred_to == datetime(2026, 3, 3, 7, 0, tzinfo=TZ)
    assert planned["digest_settle"].deferred_to is None  # not user-facing: never waits
    assert set(planned) == set(JOBS)


async def test_jobs_are_registered_with_explicit_misfire_and_quiet_runs_deferred(
    ctx: JobContext, clock: Clock
) -> None:
    service = SchedulerService(ctx)
    service.start(late=["digest_settle"])
    try:
        for spec in JOBS.values():
            job = service.scheduler.get_job(spec.name)
            assert job is not None
            assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (
                spec.misfire_grace,
                True,
                1,
            )
        # APScheduler keeps real time: a night in the future, so the deferral stays pending.
        clock.now = datetime(2030, 3, 4, 23, 0, tzinfo=TZ).astimezone(UTC)
        await asyncio.to_thread(service._fire, "reminders")
        deferred = service.scheduler.get_job("reminders:deferred")
        assert deferred is not None
        assert deferred.next_run_time == datetime(2030, 3, 5, 7, 0, tzinfo=TZ)
        for _ in range(200):  # the catch-up run happens straight away
            with ctx.db.session() as session:
                if "digest_settle" in job_runs.all_runs(session):
                    break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("catch-up never ran")
    finally:
        service.shutdown()
    await asyncio.sleep(0.01)  # AsyncIOScheduler stops on the loop's next turn
    assert not service.scheduler.running
