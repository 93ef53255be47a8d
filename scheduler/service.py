"""The APScheduler set-up on the leader: jobs from the registry, quiet-hour deferral, catch-up.

An AsyncIOScheduler: its timing loop lives on the server's event loop (so a shutdown never
races it), while the jobs, which block on the database, run in its thread pool.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.date import DateTrigger

from scheduler.jobs import JOBS, JobContext, run_job
from storage import job_runs

log = logging.getLogger(__name__)
LOOKBACK = timedelta(days=8)  # a weekly cron missed during a long outage is still caught up
DEFERRED_GRACE = 6 * 3600


@dataclass(frozen=True)
class Planned:
    """A job as `sangkien jobs list` shows it."""

    name: str
    description: str
    next_run: datetime | None
    deferred_to: datetime | None  # the next run falls in quiet hours: it waits until then
    last_finished: datetime | None
    last_outcome: str | None


class SchedulerService:
    """Started when this process becomes the leader, shut down when it stops leading."""

    def __init__(self, ctx: JobContext) -> None:
        self.ctx = ctx
        self.scheduler = AsyncIOScheduler(
            timezone=ctx.tz,
            executors={"default": ThreadPoolExecutor(max_workers=4)},
            # Explicit: a late fire runs once (coalesced), never two of one job at a time.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        )

    def start(self, late: list[str]) -> None:
        """On the event loop; `late` are the jobs `missed()` found (it reads the database)."""
        for spec in JOBS.values():
            self.scheduler.add_job(
                self._fire,
                spec.trigger(self.ctx),
                args=(spec.name,),
                id=spec.name,
                name=spec.description,
                misfire_grace_time=spec.misfire_grace,
                replace_existing=True,
            )
        self.scheduler.start()
        for name in late:
            log.info("job %s missed a run while no scheduler ran: running it once now", name)
            self._later(name, None, tag="catch-up")  # None: as soon as possible

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _fire(self, name: str) -> None:
        try:
            result = run_job(self.ctx, name)
        except Exception:
            return  # logged by run_job; the next fire tries again
        if result.deferred_until is not None:
            self._later(name, result.deferred_until, tag="deferred")

    def _later(self, name: str, when: datetime | None, *, tag: str) -> None:
        self.scheduler.add_job(
            self._fire,
            DateTrigger(run_date=when, timezone=self.ctx.tz),
            args=(name,),
            id=f"{name}:{tag}",
            replace_existing=True,  # one pending deferral per job, however many fires wait
            misfire_grace_time=DEFERRED_GRACE,
        )


def previous_fire(trigger: BaseTrigger, now: datetime, since: datetime | None) -> datetime | None:
    """The last time `trigger` fired at or before `now` (looking back at most LOOKBACK)."""
    start = max(since, now - LOOKBACK) if since else now - LOOKBACK
    last = None
    fire = trigger.get_next_fire_time(None, start)
    while fire is not None and fire <= now:
        last = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
    return last


def missed(ctx: JobContext) -> list[str]:
    """Catch-up jobs whose last scheduled fire found no finished run after it."""
    now = ctx.clock()
    with ctx.db.session() as session:
        runs = job_runs.all_runs(session)
    names = []
    for spec in JOBS.values():
        if not spec.catch_up:
            continue
        run = runs.get(spec.name)
        finished = run.last_finished_at if run else None
        fired = previous_fire(spec.trigger(ctx), now, finished)
        if fired is not None and (finished is None or finished < fired):
            names.append(spec.name)
    return names


def plan(ctx: JobContext) -> list[Planned]:
    now = ctx.clock()
    with ctx.db.session() as session:
        runs = job_runs.all_runs(session)
    planned = []
    for spec in JOBS.values():
        upcoming = spec.trigger(ctx).get_next_fire_time(None, now)
        deferred = None
        if upcoming and spec.quiet and ctx.quiet is not None and ctx.quiet.is_quiet(upcoming):
            deferred = ctx.quiet.next_allowed(upcoming)
        run = runs.get(spec.name)
        planned.append(
            Planned(
                spec.name,
                spec.description,
                upcoming,
                deferred,
                run.last_finished_at if run else None,
                run.last_outcome if run else None,
            )
        )
    return planned
