"""/admin/quantri/ma-api and /admin/quantri/thongbao: API tokens and announcements at the desk.

Admins only, CSRF on every form, the rules of bot.admin (shared with the CLI and the API).
A new token's secret is in the answer to the form that made it and nowhere else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from bot.admin import announcements, tokens
from bot.broadcast import rules
from bot.desk import catalogue as text
from bot.errors import AdminRefused
from storage import api_tokens, broadcasts
from storage.types import utcnow
from webhook.desk_admin import Admin, actor, done, note_from, posted, read, refusal, tz_of, write
from webhook.desk_admin_pages import Note
from webhook.desk_admin_records import broadcasts_page, tokens_page
from webhook.desk_auth import DeskUser, page

router = APIRouter(include_in_schema=False)


# ---- API tokens ----


async def _tokens(
    request: Request, user: DeskUser, note: Note, status: int = 200, **extra: Any
) -> Response:
    rows = await read(request, lambda s: api_tokens.listing(s))
    html = tokens_page(user, rows=rows, now=utcnow(), tz=tz_of(request), note=note, **extra)
    return page(html, status)


@router.get("/admin/quantri/ma-api")
async def tokens_list(request: Request, user: Admin) -> Response:
    return await _tokens(request, user, note_from(request))


@router.post("/admin/quantri/ma-api/tao")
async def tokens_create(request: Request, user: Admin) -> Response:
    """The new secret is in this one answer only (no-store); reloading never shows it again."""
    form = await posted(request, user)
    values = {k: form.get(k, 100) for k in ("name", "role", "user", "days")}
    days = values["days"].strip()
    try:
        if days and not days.isdigit():
            raise AdminRefused("expires", "expires", "not a number", max=tokens.MAX_DAYS)
        row, secret = await write(
            request,
            lambda s: tokens.create(
                s,
                name=values["name"],
                role=values["role"],
                principal=values["user"].strip() or None,
                expires_days=int(days) if days else None,
                by=actor(user),
                now=utcnow(),
            ),
        )
    except AdminRefused as refused:
        return await _tokens(request, user, refusal(refused), 400, values=values)
    note = Note(text.ADMIN_TOKEN_CREATED.format(prefix=row.prefix, name=row.name))
    return await _tokens(request, user, note, 200, secret=secret)


@router.post("/admin/quantri/ma-api/thuhoi")
async def tokens_revoke(request: Request, user: Admin) -> Response:
    form = await posted(request, user)
    ref = form.get("ref", 40)
    row = await write(request, lambda s: tokens.revoke(s, ref=ref, by=actor(user), now=utcnow()))
    return done("ma-api", "thuhoima" if row is not None else "khongma")


# ---- announcements ----


async def _broadcasts(
    request: Request, user: DeskUser, note: Note, status: int = 200, **extra: Any
) -> Response:
    def load(session: Session) -> list[Any]:
        return [
            (
                b,
                {"expected": announcements.expected(session, b)}
                if b.status == "scheduled"
                else broadcasts.counts(session, broadcast_id=b.id or 0),
            )
            for b in broadcasts.recent(session)
        ]

    rows = await read(request, load)
    quiet = request.app.state.services.settings.scheduler.quiet_hours
    html = broadcasts_page(user, rows=rows, tz=tz_of(request), quiet=quiet, note=note, **extra)
    return page(html, status)


@router.get("/admin/quantri/thongbao")
async def broadcasts_list(request: Request, user: Admin) -> Response:
    note = note_from(request)
    number = request.query_params.get("so", "")
    if request.query_params.get("xong") == "thongbao" and number.isdigit() and len(number) < 10:
        found = await read(request, lambda s: broadcasts.get(s, broadcast_id=int(number)))
        if found is not None:
            quiet = request.app.state.services.quiet
            starts = rules.starts_at(found.send_at, quiet).astimezone(tz_of(request))
            message = text.ADMIN_DONE["thongbao"].format(
                id=found.id, starts=starts.strftime("%H:%M %d/%m/%Y")
            )
            note = Note(message)
    return await _broadcasts(request, user, note)


def local_time(value: str, tz: ZoneInfo) -> datetime | None:
    """A datetime-local value (wall clock of the province) as an aware time."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise AdminRefused("bad_time", "at", "not a time") from None
    return when if when.tzinfo else when.replace(tzinfo=tz)


@router.post("/admin/quantri/thongbao/tao")
async def broadcasts_create(request: Request, user: Admin) -> Response:
    form = await posted(request, user)
    services = request.app.state.services
    values = {
        "text": form.get("text", 6000),
        "units": form.get("units", 20_000),
        "at": form.get("at", 40),
        "channels": ",".join(form.all("channel")),
    }
    try:
        send_at = local_time(values["at"], tz_of(request)) if values["at"].strip() else None
        created = await write(
            request,
            lambda s: announcements.create(
                s,
                text=values["text"].replace("\r\n", "\n"),
                agencies=values["units"].splitlines(),
                channels=form.all("channel"),
                send_at=send_at,
                by=actor(user),
                now=utcnow(),
            ),
        )
    except AdminRefused as refused:
        return await _broadcasts(request, user, refusal(refused), 400, values=values)
    services.broadcaster.notify()
    return done("thongbao", "thongbao", so=created.id or 0)


@router.post("/admin/quantri/thongbao/huy")
async def broadcasts_cancel(request: Request, user: Admin) -> Response:
    form = await posted(request, user)
    number = form.get("id", 12)
    if not number.isdigit() or len(number) > 9:
        return done("thongbao", "khonghuy")
    now = utcnow()
    found = await write(
        request,
        lambda s: announcements.cancel(s, broadcast_id=int(number), by=actor(user), now=now),
    )
    request.app.state.services.broadcaster.notify()
    stopped = found is not None and found.status == "cancelled" and found.cancelled_at == now
    return done("thongbao", "huy" if stopped else "khonghuy")
