"""Every scheduled job, registered in one place, and how one run goes (quiet hours, JobRun)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import upload_expiry
from bot.reminders.send import ReminderSetup, run_reminders
from bot.retention import RetentionSetup, run_retention
from bot.review import digest, overdue
from scheduler.quiet import QuietHours
from storage import job_runs
from storage.db import Database
from storage.types import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobContext:
    """What jobs work with; built from the settings by the composition root."""

    db: Database
    tz: ZoneInfo
    digest: digest.DigestSetup
    reminders: ReminderSetup
    quiet: QuietHours | None
    digest_cron: str
    review_sla_cron: str
    review_sla_days: int
    clock: Callable[[], datetime] = utcnow
    wake_sender: Callable[[], None] = field(default=lambda: None)
    uploads_keep: timedelta = timedelta(hours=72)  # webchat.unused_upload_hours
    retention: RetentionSetup = field(default_factory=RetentionSetup)


@dataclass(frozen=True)
class JobSpec:
    name: str
    description: str
    run: Callable[[JobContext, datetime], str]
    trigger: Callable[[JobContext], BaseTrigger]
    quiet: bool  # waits for the end of quiet hours
    catch_up: bool  # a fire missed while no scheduler ran happens once at start
    misfire_grace: int  # seconds a late fire (busy or paused scheduler) is still worth running


@dataclass(frozen=True)
class JobResult:
    name: str
    outcome: str
    deferred_until: datetime | None = None


def _digest(ctx: JobContext, now: datetime) -> str:
    return digest.run_digest(ctx.db, ctx.digest, now=now).summary()


def _settle(ctx: JobContext, now: datetime) -> str:
    return digest.settle(ctx.db, now=now)


def _reminders(ctx: JobContext, now: datetime) -> str:
    return run_reminders(ctx.db, ctx.reminders, now=now)


def _review_sla(ctx: JobContext, now: datetime) -> str:
    reviewers = ctx.digest.reviewers
    return overdue.run_review_sla(
        ctx.db, reviewers=reviewers, days=ctx.review_sla_days, tz=ctx.tz, now=now
    )


def _uploads(ctx: JobContext, now: datetime) -> str:
    folder = ctx.digest.data_dir / "uploads" / "web"
    return upload_expiry.remove_unused(ctx.db, folder=folder, before=now - ctx.uploads_keep)


def _retention(ctx: JobContext, now: datetime) -> str:
    return run_retention(ctx.db, ctx.retention, now=now).summary()


def _retention_cron(ctx: JobContext) -> BaseTrigger:
    return CronTrigger.from_crontab(ctx.retention.cron, timezone=ctx.tz)


def _cron(attribute: str) -> Callable[[JobContext], BaseTrigger]:
    return lambda ctx: CronTrigger.from_crontab(getattr(ctx, attribute), timezone=ctx.tz)


def _every(minutes: int) -> Callable[[JobContext], BaseTrigger]:
    return lambda ctx: IntervalTrigger(minutes=minutes, timezone=ctx.tz)


JOBS: dict[str, JobSpec] = {
    spec.name: spec
    for spec in (
        JobSpec(
            name="digest",
            description="new entries to the reviewer chats",
            run=_digest,
            trigger=_cron("digest_cron"),
            quiet=True,
            catch_up=True,
            misfire_grace=6 * 3600,
        ),
        JobSpec(
            name="reminders",
            description="idle drafts and coming deadlines",
            run=_reminders,
            trigger=_every(5),
            quiet=True,
            catch_up=False,  # it runs every few minutes and works from stored state anyway
            misfire_grace=300,
        ),
        JobSpec(
            name="review_sla",
            description="entries overdue for a decision, to the reviewers",
            run=_review_sla,
            trigger=_cron("review_sla_cron"),
            quiet=True,
            catch_up=True,
            misfire_grace=6 * 3600,
        ),
        JobSpec(
            name="retention",
            description="remove data that has served its purpose (config [retention])",
            run=_retention,
            trigger=_retention_cron,
            quiet=False,
            catch_up=False,  # works from stored dates: the next daily run removes the same
            misfire_grace=6 * 3600,
        ),
        JobSpec(
            name="digest_settle",
            description="complete or flag digest deliveries",
            run=_settle,
            trigger=_every(1),
            quiet=False,
            catch_up=False,
            misfire_grace=60,
        ),
        JobSpec(
            name="uploads_cleanup",
            description="web uploads older than webchat.unused_upload_hours",
            run=_uploads,
            trigger=_every(60),
            quiet=False,
            catch_up=False,  # hourly, and it works from what is on disk anyway
            misfire_grace=3600,
        ),
    )
}


def run_job(ctx: JobContext, name: str, *, force: bool = False) -> JobResult:
    """Run one job now (KeyError for an unknown name); in quiet hours it is deferred unless
    `force`. A run that fails is recorded as finished with the error, so it is not retried
    at every start; a run cut short by a crash has no finish and is caught up once."""
    spec = JOBS[name]
    now = ctx.clock()
    if spec.quiet and ctx.quiet is not None and not force and ctx.quiet.is_quiet(now):
        until = ctx.quiet.next_allowed(now)
        log.info("job %s deferred to %s (quiet hours)", name, until.isoformat())
        return JobResult(name, "deferred (quiet hours)", until)
    _record(ctx, job_runs.started, name=name, now=now)
    log.info("job %s running", name)
    try:
        outcome = spec.run(ctx, now)
    except Exception as exc:
        log.exception("job %s failed", name)
        _record(ctx, job_runs.finished, name=name, now=ctx.clock(), outcome=f"error: {exc}")
        raise
    _record(ctx, job_runs.finished, name=name, now=ctx.clock(), outcome=outcome)
    ctx.wake_sender()
    log.info("job %s done: %s", name, outcome)
    return JobResult(name, outcome)


def _record(ctx: JobContext, fn: Callable[..., None], **kwargs: object) -> None:
    with ctx.db.write() as session:
        fn(session, **kwargs)
