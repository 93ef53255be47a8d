"""Jobs wired to the settings: the job context, and the scheduler task the leader runs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.reminders.send import Deadline, ReminderSetup, delays_from
from bot.retention import RetentionSetup
from bot.review.digest import DigestSetup
from scheduler.jobs import JobContext
from scheduler.quiet import QuietHours
from scheduler.service import SchedulerService, missed
from storage.db import Database
from webhook.config import Settings
from webhook.downloads import public_base

log = logging.getLogger(__name__)


def job_context(
    settings: Settings,
    db: Database,
    secret: str,
    wake_sender: Callable[[], None] = lambda: None,
) -> JobContext:
    tz = ZoneInfo(settings.scheduler.timezone)
    server = settings.server
    digest = DigestSetup(
        reviewers=tuple(settings.roles.reviewers),
        tz=tz,
        data_dir=Path(server.data_dir),
        secret_key=secret,
        public_base=public_base(None, server.public_url, server.host, server.port),
    )
    deadlines = tuple(Deadline(d.name, d.date, tuple(d.days_before)) for d in settings.deadlines)
    reminders = ReminderSetup(
        draft_delays=delays_from(settings.scheduler.draft_reminders), deadlines=deadlines, tz=tz
    )
    return JobContext(
        db=db,
        tz=tz,
        digest=digest,
        reminders=reminders,
        quiet=QuietHours.parse(settings.scheduler.quiet_hours, tz),
        digest_cron=settings.scheduler.digest_cron,
        review_sla_cron=settings.scheduler.review_sla_cron,
        review_sla_days=settings.scheduler.review_sla_days,
        wake_sender=wake_sender,
        uploads_keep=timedelta(hours=settings.webchat.unused_upload_hours),
        retention=RetentionSetup(
            data_dir=Path(server.data_dir),
            web_session_days=settings.webchat.session_max_days,
            **settings.retention.model_dump(),
        ),
    )


async def run_scheduler(ctx: JobContext, stop: asyncio.Event) -> None:
    """The leader's scheduler: runs until shutdown or until leadership is lost (cancelled)."""
    service = SchedulerService(ctx)
    late = await asyncio.to_thread(missed, ctx)
    service.start(late)
    log.info("scheduler started")
    try:
        await stop.wait()
    finally:
        service.shutdown()
        log.info("scheduler stopped")
