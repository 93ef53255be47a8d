"""The composition root: create_app(settings) builds every part and wires the routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from bot.attachments import AttachmentFetcher
from bot.broadcast.broadcaster import Broadcaster
from bot.broadcast.hook import chain
from bot.channels.base import Channel
from bot.desk.access import Access
from bot.desk.signin import SignInHook, forget_code
from bot.dialogue import Dialogue
from bot.dialogue.revision import Resubmit
from bot.dialogue.types import Periods
from bot.linking import LINK_HANDLERS
from bot.messages import Incoming
from bot.pacing import Pacer
from bot.polling import poll_forever
from bot.presence import TypingIndicator
from bot.privacy import PrivacyHandlers
from bot.review.digest import on_outbox_sent
from bot.review.handlers import ReviewHandlers
from bot.review.hook import ReviewHook
from bot.runner import Handled, Runner
from bot.sender import OutboxSender
from bot.writing_help import WritingHelp
from scheduler.leader import LeaderLock
from scheduler.quiet import QuietHours
from storage.councils import CouncilView
from storage.db import Database
from storage.models import Outbox
from webhook import (
    api,
    api_docs,
    api_dossier,
    api_review,
    desk,
    desk_admin,
    desk_admin_tokens_notices,
    desk_auth,
    desk_council,
    downloads,
    edge,
    health,
    request_log,
    scheduling,
    webhooks,
)
from webhook.api_broadcasts import router as broadcasts_router
from webhook.broadcasting import broadcast_hook, build_broadcaster, quiet_hours
from webhook.config import Settings
from webhook.desk_auth import DeskDenied
from webhook.desk_heavy import HeavyWork
from webhook.logs import milliseconds
from webhook.metrics import Metrics
from webhook.secrets import secret_key
from webhook.units_source import unit_list

log = logging.getLogger(__name__)
update_log = logging.getLogger("sangkien.update")


@dataclass
class Services:
    """Everything a route or background task needs, built once per app."""

    settings: Settings
    db: Database
    runner: Runner
    sender: OutboxSender
    channels: dict[str, Channel]
    metrics: Metrics
    secret_key: str
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    typing: TypingIndicator | None = None
    writing: WritingHelp | None = None
    pacers: dict[str, Pacer] = field(default_factory=dict)  # shared by replies and announcements
    broadcaster: Broadcaster | None = None
    quiet: QuietHours | None = None
    access: Access | None = None  # who may use the reviewers' desk, and what they see
    heavy: HeavyWork = field(default_factory=HeavyWork)  # desk documents that take seconds

    async def handle(self, incoming: Incoming) -> Handled:
        """Run one update through the runner off the event loop, timing and logging it."""
        if self.typing is not None:
            self.typing.show(incoming)  # fire and forget: never delays the update
        fields: dict[str, object] = {
            "channel": incoming.channel,
            "update_key": request_log.loggable_key(incoming.dedupe_key),
        }
        request_log.note(**fields)
        start = time.perf_counter()
        outcome = "error"
        try:
            with self.metrics.time_update(incoming.channel):
                handled = await run_in_threadpool(self.runner.handle, incoming)
            outcome = "duplicate" if handled.duplicate else "ok"
            return handled
        finally:
            fields |= {"outcome": outcome, "duration_ms": milliseconds(start)}
            level = logging.WARNING if outcome == "error" else logging.INFO
            update_log.log(level, "update", extra=fields)


def create_app(settings: Settings) -> FastAPI:
    services = build_services(settings)
    app = FastAPI(
        title="Trợ lý Sáng kiến",
        version="0.1.0",
        lifespan=lambda app: _lifespan(app, services),
        openapi_url=None,  # webhook/api_docs serves it behind a token; /docs only in development
        docs_url=None,
        redoc_url=None,
    )
    app.state.services = services
    edge.install(app, body_limits(settings))
    app.add_middleware(request_log.RequestLog)  # outermost: its time covers the edge guard
    app.add_exception_handler(DeskDenied, _desk_denied)
    app.include_router(health.router)
    app.include_router(api_docs.router)
    if settings.server.environment == "development":
        app.include_router(api_docs.dev_router)
    app.include_router(webhooks.router)
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(api_review.router, prefix="/api/v1")
    app.include_router(api_dossier.router, prefix="/api/v1")
    app.include_router(broadcasts_router, prefix="/api/v1")
    app.include_router(downloads.router)
    app.include_router(desk_auth.router)
    app.include_router(desk.router)
    app.include_router(desk_council.router)
    app.include_router(desk_admin.router)
    app.include_router(desk_admin_tokens_notices.router)
    if settings.webchat.enabled:
        from webhook import webchat
        from webhook.webchat_limits import WebchatLimits

        app.state.webchat_limits = WebchatLimits(settings.webchat)
        app.include_router(webchat.router)
    return app


def body_limits(settings: Settings) -> edge.BodyLimits:
    from webhook.upload_intake import FORM_OVERHEAD, MB

    upload = settings.webchat.upload_max_mb * MB + FORM_OVERHEAD
    return edge.BodyLimits(
        default=settings.server.max_body_kb * 1024,
        prefixes=(("/webchat/api/upload", upload),),
    )


def _on_sent(session: Session, row: Outbox, now: datetime) -> None:
    """Runs in the transaction that marks a message sent (rows with a ref only)."""
    on_outbox_sent(session, row, now)
    forget_code(session, row, now)


async def _desk_denied(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DeskDenied)
    return exc.response


def build_services(settings: Settings) -> Services:
    db = Database(settings.database.url)
    channels = build_channels(settings)
    pacers = {name: Pacer(per_second=getattr(settings, name).rate_per_second) for name in channels}
    typing = TypingIndicator(channels)
    metrics = Metrics()
    sender = OutboxSender(
        db=db,
        channels=channels,
        pacers=pacers,
        on_sent=_on_sent,
        on_reply=typing.replied,
        observe=metrics.observe_stage,
    )
    broadcaster = build_broadcaster(
        settings,
        db=db,
        channels=channels,
        pacers=pacers,
        secret=secret_key(settings),
        on_report=sender.notify,
    )
    announcements = broadcast_hook(settings, broadcaster.notify)
    reviewers = settings.roles.reviewers
    privacy = _privacy(settings, db)
    access = desk_access(settings)
    signin = SignInHook(
        access=access,
        base_url=_base_url(settings),
        ttl=timedelta(minutes=settings.desk.link_minutes),
    )
    runner = Runner(
        db=db,
        observe=metrics.observe_stage,
        dialogue=Dialogue(
            units=unit_list(db),
            paper_days=settings.submission.paper_days,
            hand_to=settings.submission.hand_to,
            periods=privacy.periods,
        ),
        timezone=settings.scheduler.timezone,
        on_commit=sender.notify,
        extra_handlers={
            **ReviewHandlers(reviewers=reviewers).handlers(),
            **LINK_HANDLERS,
            **announcements.handlers(),
            **privacy.handlers(),
        },
        pre_step=chain(signin, announcements, ReviewHook(reviewers=reviewers)),
    )
    writing = _writing_help(settings, db)
    writing.install(runner.handlers, amending=(Resubmit,))  # an amended entry is re-checked
    sender.prepare = writing.prepare_file  # dossiers are built after the commit, when sent
    return Services(
        settings=settings,
        db=db,
        runner=runner,
        sender=sender,
        channels=channels,
        metrics=metrics,
        secret_key=secret_key(settings),
        typing=typing,
        writing=writing,
        pacers=pacers,
        broadcaster=broadcaster,
        quiet=quiet_hours(settings),
        access=access,
    )


def _privacy(settings: Settings, db: Database) -> PrivacyHandlers:
    server, keep = settings.server, settings.retention
    periods = Periods(
        processed_updates_days=keep.processed_updates_days,
        outbox_days=keep.outbox_days,
        web_transcript_days=keep.web_transcript_days,
        drafts_days=keep.drafts_days,
        exports_days=keep.exports_days,
        unconsented_days=keep.unconsented_days,
        decided_entry_years=keep.decided_entry_years,
    )
    return PrivacyHandlers(
        data_dir=Path(server.data_dir),
        secret=secret_key(settings),
        base_url=downloads.public_base(None, server.public_url, server.host, server.port),
        periods=periods,
        db=db,
    )


def desk_access(settings: Settings) -> Access:
    configured = [
        CouncilView(
            c.name,
            c.level,
            tuple(c.units),
            tuple(c.everyone()),
            chair=c.chair,
            secretary=c.secretary,
        )
        for c in settings.councils
    ]
    return Access.create(
        admins=settings.roles.admins, reviewers=settings.roles.reviewers, configured=configured
    )


def _base_url(settings: Settings) -> str:
    server = settings.server
    return downloads.public_base(None, server.public_url, server.host, server.port)


def _writing_help(settings: Settings, db: Database) -> WritingHelp:
    server = settings.server
    return WritingHelp.create(
        db=db,
        data_dir=server.data_dir,
        secret=secret_key(settings),
        base_url=_base_url(settings),
        threshold=settings.similar.threshold,
        strong_threshold=settings.similar.strong_threshold,
        tz=settings.scheduler.timezone,
    )


def build_channels(settings: Settings) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    if settings.telegram.enabled:
        from bot.channels.telegram import TelegramChannel

        channels["telegram"] = TelegramChannel(
            token=settings.telegram.token, api_url=settings.telegram.api_url
        )
    if settings.zalo.enabled:
        from bot.channels.zalo import ZaloChannel

        channels["zalo"] = ZaloChannel(token=settings.zalo.token, api_url=settings.zalo.api_url)
    return channels


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI, services: Services) -> AsyncIterator[None]:
    stop = asyncio.Event()
    await _start_writing_help(services)
    services.tasks.append(asyncio.create_task(_lead(services, stop), name="leader"))
    for name in _polling_channels(services):
        services.tasks.append(asyncio.create_task(_poll(services, name, stop), name=f"poll-{name}"))
    if services.settings.server.public_url:
        await _register_webhooks(services)
    try:
        yield
    finally:
        stop.set()
        for task in services.tasks:
            task.cancel()
        await asyncio.gather(*services.tasks, return_exceptions=True)
        if services.writing is not None:
            await run_in_threadpool(services.writing.stop)
        if services.typing is not None:
            await services.typing.close()
        for channel in services.channels.values():
            await channel.close()
        services.db.dispose()


async def _start_writing_help(services: Services) -> None:
    """The similarity index loads in the background; a small one is ready before we serve."""
    if services.writing is not None:
        services.writing.start()
        await run_in_threadpool(services.writing.similar.ready.wait, 2.0)


async def _lead(services: Services, stop: asyncio.Event) -> None:
    """Become leader when possible; the leader sends the outbox and fetches attachments."""
    lock = LeaderLock(services.db)
    leader_tasks: list[asyncio.Task[None]] = []
    try:
        while not stop.is_set():
            leading = await run_in_threadpool(_safe_check, lock)
            if services.typing is not None:
                services.typing.leading = leading
            if leading and not leader_tasks:
                leader_tasks = _leader_tasks(services, stop)
            elif not leading and leader_tasks:
                for task in leader_tasks:
                    task.cancel()
                leader_tasks = []
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=10.0)
    finally:
        for task in leader_tasks:
            task.cancel()
        await asyncio.gather(*leader_tasks, return_exceptions=True)
        await run_in_threadpool(lock.close)


def _leader_tasks(services: Services, stop: asyncio.Event) -> list[asyncio.Task[None]]:
    fetcher = AttachmentFetcher(
        db=services.db,
        channels=services.channels,
        data_dir=Path(services.settings.server.data_dir),
    )
    tasks = [
        asyncio.create_task(services.sender.run(stop), name="outbox"),
        asyncio.create_task(fetcher.run(stop), name="attachments"),
    ]
    if services.broadcaster is not None:
        tasks.append(asyncio.create_task(services.broadcaster.run(stop), name="announcements"))
    if services.settings.scheduler.enabled:
        jobs = scheduling.job_context(
            services.settings, services.db, services.secret_key, services.sender.notify
        )
        tasks.append(asyncio.create_task(scheduling.run_scheduler(jobs, stop), name="scheduler"))
    return tasks


def _safe_check(lock: LeaderLock) -> bool:
    try:
        return lock.check()
    except Exception:
        log.exception("leader check failed")
        return False


def _polling_channels(services: Services) -> list[str]:
    return [name for name in services.channels if services.settings.mode(name) == "polling"]  # type: ignore[arg-type]


async def _poll(services: Services, name: str, stop: asyncio.Event) -> None:
    channel: Any = services.channels[name]
    if name == "telegram":
        offset: dict[str, int | None] = {"next": None}

        async def fetch() -> list[dict[str, Any]]:
            return list(await channel.get_updates(offset["next"], 25))

        def advance(raw: dict[str, Any]) -> None:
            offset["next"] = int(raw["update_id"]) + 1

        async def handle(incoming: Incoming) -> object:
            handled = await services.handle(incoming)
            if incoming.callback_id:  # no webhook answer to carry it: stop the spinner
                await channel.answer_callback(incoming.callback_id)
            return handled

        await poll_forever(
            name=name,
            fetch=fetch,
            parse=channel.parse,
            handle=handle,
            stop=stop,
            after_each=advance,
        )
    else:

        async def fetch_zalo() -> list[dict[str, Any]]:
            return list(await channel.get_updates(25))

        await poll_forever(
            name=name, fetch=fetch_zalo, parse=channel.parse, handle=services.handle, stop=stop
        )


async def _register_webhooks(services: Services) -> None:
    base = services.settings.server.public_url.rstrip("/")
    for name, channel in services.channels.items():
        if services.settings.mode(name) != "webhook":  # type: ignore[arg-type]
            continue
        secret = getattr(services.settings, name).webhook_secret
        try:
            await channel.set_webhook(f"{base}/webhook/{name}", secret)  # type: ignore[attr-defined]
            log.info("%s webhook registered at %s/webhook/%s", name, base, name)
        except Exception:
            log.exception("could not register the %s webhook; run 'sangkien webhook set'", name)
