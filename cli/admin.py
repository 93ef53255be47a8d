"""`sangkien roles|jobs|export`: roles, scheduled jobs and exports from the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from bot.errors import ConfigError
from cli.command import Call, call, say
from webhook.config import Settings


def register(root: click.Group) -> None:
    @root.command(
        "roles",
        help=say(
            "Cấp, thu hồi hoặc liệt kê người duyệt (reviewer) và quản trị (admin).",
            "Grant, revoke or list reviewers and admins.",
        ),
    )
    @click.argument(
        "action",
        type=click.Choice(["grant", "revoke", "list"]),
        help=say("cấp, thu hồi hoặc liệt kê", "grant, revoke or list"),
    )
    @click.option(
        "--role", type=click.Choice(["reviewer", "admin"]), help=say("vai trò", "the role")
    )
    @click.option(
        "--user",
        help=say(
            "KÊNH:ID, ví dụ telegram:-1001234 (một nhóm) hoặc zalo:123",
            "CHANNEL:ID, e.g. telegram:-1001234 (a group) or zalo:123",
        ),
    )
    def roles(**params: Any) -> Call:
        return call(_roles, params)

    @root.command(
        "jobs",
        help=say(
            "Liệt kê các việc định kỳ hoặc chạy ngay một việc.",
            "List the scheduled jobs or run one now.",
        ),
    )
    @click.argument(
        "action",
        type=click.Choice(["list", "run"]),
        help=say("liệt kê hoặc chạy", "list or run"),
    )
    @click.argument(
        "name",
        required=False,
        help=say(
            "tên việc: digest, reminders, review_sla, digest_settle, …",
            "the job: digest, reminders, review_sla, digest_settle, …",
        ),
    )
    @click.option(
        "--force", is_flag=True, help=say("chạy cả trong giờ yên lặng", "run even in quiet hours")
    )
    def jobs(**params: Any) -> Call:
        return call(_jobs, params)

    @root.command("export", help=say("Xuất danh sách sáng kiến, hiến kế.", "Export submissions."))
    @click.option(
        "--format",
        type=click.Choice(["xlsx", "csv", "json"]),
        required=True,
        help=say("định dạng", "the format"),
    )
    @click.option("--out", required=True, metavar="FILE", help=say("tệp ghi ra", "file to write"))
    @click.option(
        "--status",
        help=say("chỉ trạng thái này (ví dụ submitted)", "only this status (e.g. submitted)"),
    )
    @click.option(
        "--since",
        metavar="YYYY-MM-DD",
        help=say("gửi từ ngày này trở đi", "submitted on or after this day"),
    )
    def export(**params: Any) -> Call:
        return call(_export, params)


def _database(settings: Settings) -> Any:
    from storage.db import Database

    return Database(settings.database.url)


def _roles(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import AdminRefused, option_error, roles
    from storage.types import utcnow

    if args.action == "list":
        return _list_roles(settings, args.role)
    if not args.role or not args.user:
        raise ConfigError("--role/--user", f"'roles {args.action}' needs both")
    db = _database(settings)
    try:
        with db.write() as session:
            if args.action == "grant":
                changed = roles.grant(
                    session, role=args.role, principal=args.user, by="cli", now=utcnow()
                )
            else:
                changed = roles.revoke(
                    session,
                    role=args.role,
                    principal=args.user,
                    configured_admins=settings.roles.admins,
                    by="cli",
                    now=utcnow(),
                )
    except AdminRefused as refused:
        raise option_error(refused) from None
    finally:
        db.dispose()
    verb = "granted" if args.action == "grant" else "revoked"
    print(f"{args.user}: {args.role} {verb}" if changed else f"{args.user}: nothing to change")
    configured = getattr(settings.roles, f"{args.role}s")
    if args.action == "revoke" and args.user in configured:
        print(f"note: {args.user} is still listed in [roles] {args.role}s of the config file")
    return 0


def _list_roles(settings: Settings, only: str | None) -> int:
    from storage import roles

    db = _database(settings)
    try:
        with db.session() as session:
            for role in [only] if only else list(roles.ROLES):
                for principal in getattr(settings.roles, f"{role}s"):
                    print(f"{role}\t{principal}\tconfig")
                for grant in roles.granted(session, role=role):
                    when = grant.granted_at.isoformat(timespec="seconds")
                    print(f"{role}\t{grant.principal}\tgranted {when} by {grant.granted_by}")
    finally:
        db.dispose()
    return 0


def _jobs(settings: Settings, args: argparse.Namespace) -> int:
    from scheduler.jobs import JOBS, run_job
    from scheduler.service import plan
    from webhook.scheduling import job_context
    from webhook.secrets import secret_key

    db = _database(settings)
    try:
        ctx = job_context(settings, db, secret_key(settings))
        if args.action == "list":
            for planned in plan(ctx):
                print(_plan_line(planned, ctx.tz))
            return 0
        if args.name not in JOBS:
            raise ConfigError("NAME", f"'{args.name}' is not a job; jobs: {', '.join(JOBS)}")
        result = run_job(ctx, args.name, force=args.force)
    finally:
        db.dispose()
    print(f"{result.name}: {result.outcome}")
    if result.deferred_until:
        local = result.deferred_until.astimezone(ctx.tz).strftime("%H:%M %d/%m/%Y")
        print(f"quiet hours: the scheduler runs it at {local}; --force runs it now")
    elif result.outcome.startswith("batch"):
        print("messages are queued; the running server sends them (sangkien serve)")
    return 0


def _plan_line(planned: Any, tz: ZoneInfo) -> str:
    def local(value: datetime | None) -> str:
        return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else "-"

    deferred = f" (quiet hours: {local(planned.deferred_to)})" if planned.deferred_to else ""
    last = f"last {local(planned.last_finished)}: {planned.last_outcome or '-'}"
    return f"{planned.name:<14} next {local(planned.next_run)}{deferred}  {last}  — {planned.description}"


def _export(settings: Settings, args: argparse.Namespace) -> int:
    tz = ZoneInfo(settings.scheduler.timezone)
    since = _since(args.since, tz)
    db = _database(settings)
    try:
        count = _write_export(
            db, args.format, Path(args.out), status=args.status, since=since, tz=tz
        )
    finally:
        db.dispose()
    print(f"{count} submissions written to {args.out}")
    return 0


def _write_export(
    db: Any, fmt: str, out: Path, *, status: str | None, since: datetime | None, tz: ZoneInfo
) -> int:
    from bot.review import sheets
    from storage import queries
    from webhook.api import submissions_json

    with db.session() as session:
        found, total = queries.search_submissions(
            session, status=status, since=since, limit=10_000_000
        )
        found.reverse()  # oldest first reads naturally in a sheet
        if fmt == "json":
            items = submissions_json(session, list(found))
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(
                json.dumps({"items": items, "total": total}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )
            return len(items)
        sheet = sheets.export_sheet(found, tz)
    (sheets.write_xlsx if fmt == "xlsx" else sheets.write_csv)(sheet, out)
    return len(sheet.rows)


def _since(value: str | None, tz: ZoneInfo) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ConfigError("--since", f"'{value}' is not a day such as 2026-01-31") from None
    return datetime.combine(day, time(0), tzinfo=tz)
