"""/admin/quantri: admins manage roles, councils, API tokens and announcements at the desk.

Every page is for admins only (others get 403), every form carries the CSRF token, and
every change goes through the same rule functions as the command line (bot.admin), which
also write the admin actions log with the acting person. Addresses carry no name, account
or secret: after a change the page is reloaded with a message key only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from bot import desk_catalogue as text
from bot.admin import announcements, councils, roles, tokens
from bot.broadcast import rules
from bot.errors import AdminRefused
from storage import api_tokens, audit, broadcasts, scores
from storage import councils as council_store
from storage import roles as role_store
from storage.types import utcnow
from webhook.desk_admin_pages import Note, councils_page, roles_page
from webhook.desk_admin_records import audit_page, broadcasts_page, tokens_page
from webhook.desk_auth import MAX_FORM, DeskDenied, DeskUser, csrf_ok, desk_user, page
from webhook.desk_pages import message_page

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
RULE_BROKEN = {"last_admin"}  # 409: the request was well formed, the rule forbids it


async def admin_user(request: Request) -> DeskUser:
    """The signed-in admin; anyone else at the desk gets 403 and sees nothing of these pages."""
    user = await desk_user(request)
    if not user.viewer.admin:
        html = message_page(text.ADMIN_ONLY, text.ADMIN_ONLY, viewer=user.viewer, csrf=user.csrf)
        raise DeskDenied(page(html, 403))
    return user


Admin = Annotated[DeskUser, Depends(admin_user)]


class Form:
    """A posted urlencoded form (every value of each field kept), checked for CSRF."""

    def __init__(self, values: dict[str, list[str]]) -> None:
        self.values = values

    def get(self, key: str, limit: int = 200) -> str:
        return (self.values.get(key) or [""])[0][:limit]

    def all(self, key: str) -> list[str]:
        return [v[:40] for v in self.values.get(key, [])][:10]


async def posted(request: Request, user: DeskUser) -> Form:
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, "form too large")
    form = Form(parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    if not csrf_ok({"csrf": form.get("csrf")}, user.csrf):
        html = message_page(
            text.FORM_EXPIRED, text.FORM_EXPIRED, viewer=user.viewer, csrf=user.csrf
        )
        raise DeskDenied(page(html, 403))
    return form


def actor(user: DeskUser) -> str:
    """How the log and the rows name a desk admin (as status changes at the desk do)."""
    return f"desk:{user.viewer.principal}"


def refusal(refused: AdminRefused) -> Note:
    message = text.ADMIN_REFUSED.get(refused.code, text.FORM_EXPIRED)
    params: dict[str, Any] = {"value": "", "max": "", "length": "", "limit": ""}
    return Note(message.format(**(params | refused.params)), error=True)


def done(path: str, key: str, **extra: int) -> RedirectResponse:
    query = "&".join([f"xong={key}", *(f"{k}={v}" for k, v in extra.items())])
    return RedirectResponse(f"/admin/quantri/{path}?{query}", 303)


def note_from(request: Request) -> Note:
    key = request.query_params.get("xong", "")
    return Note(text.ADMIN_DONE[key]) if key in text.ADMIN_DONE and key != "thongbao" else Note()


async def write(request: Request, work: Callable[[Session], T]) -> T:
    db = request.app.state.services.db

    def run() -> T:
        with db.write() as session:
            return work(session)

    return await run_in_threadpool(run)


async def read(request: Request, work: Callable[[Session], T]) -> T:
    db = request.app.state.services.db

    def run() -> T:
        with db.session() as session:
            return work(session)

    return await run_in_threadpool(run)


def names_of(session: Session, principals: list[str]) -> dict[str, str]:
    """The profile names behind the chat accounts shown, for the ones we know."""
    found = {p: scores.person_name(session, principal=p) for p in dict.fromkeys(principals)}
    return {p: name for p, name in found.items() if name}


def tz_of(request: Request) -> ZoneInfo:
    return ZoneInfo(request.app.state.services.settings.scheduler.timezone)


@router.get("/admin/quantri")
async def home(_user: Admin) -> Response:
    return RedirectResponse("/admin/quantri/vaitro", 303)


# ---- roles ----


async def _roles(request: Request, user: DeskUser, note: Note, status: int = 200) -> Response:
    settings = request.app.state.services.settings
    configured = {"reviewer": settings.roles.reviewers, "admin": settings.roles.admins}

    def load(session: Session) -> tuple[dict[str, list[Any]], dict[str, str]]:
        granted = {r: role_store.granted(session, role=r) for r in role_store.ROLES}
        shown = [*configured["reviewer"], *configured["admin"]]
        shown += [g.principal for rows in granted.values() for g in rows]
        return granted, names_of(session, shown)

    granted, names = await read(request, load)
    html = roles_page(
        user, configured=configured, granted=granted, names=names, tz=tz_of(request), note=note
    )
    return page(html, status)


@router.get("/admin/quantri/vaitro")
async def roles_list(request: Request, user: Admin) -> Response:
    return await _roles(request, user, note_from(request))


@router.post("/admin/quantri/vaitro/{action}")
async def roles_change(request: Request, action: str, user: Admin) -> Response:
    form = await posted(request, user)
    if action not in ("cap", "thuhoi"):
        raise HTTPException(404)
    role, principal = form.get("role", 20), form.get("user", 80).strip()
    admins = request.app.state.services.settings.roles.admins

    def change(session: Session) -> bool:
        if action == "cap":
            return roles.grant(
                session, role=role, principal=principal, by=actor(user), now=utcnow()
            )
        return roles.revoke(
            session,
            role=role,
            principal=principal,
            configured_admins=admins,
            by=actor(user),
            now=utcnow(),
        )

    try:
        changed = await write(request, change)
    except AdminRefused as refused:
        status = 409 if refused.code in RULE_BROKEN else 400
        return await _roles(request, user, refusal(refused), status)
    configured = request.app.state.services.settings.roles
    if not changed:
        in_file = action == "thuhoi" and principal in getattr(configured, f"{role}s", [])
        return done("vaitro", "trongtep" if in_file else "khongdoi")
    if action == "thuhoi" and role == "admin" and principal == user.viewer.principal:
        return RedirectResponse("/admin", 303)  # no longer an admin: these pages are closed
    return done("vaitro", action)


# ---- councils ----


async def _councils(request: Request, user: DeskUser, note: Note, status: int = 200) -> Response:
    access = request.app.state.services.access

    def load(session: Session) -> tuple[list[Any], dict[str, Any], dict[str, str]]:
        stored = {c.name: c for c in council_store.listing(session)}
        merged = access.councils(session)
        return merged, stored, names_of(session, [m for c in merged for m in c.members])

    merged, stored, names = await read(request, load)
    configured = {c.name for c in access.configured}
    html = councils_page(
        user, merged=merged, stored=stored, configured=configured, names=names, note=note
    )
    return page(html, status)


@router.get("/admin/quantri/hoidong")
async def councils_list(request: Request, user: Admin) -> Response:
    return await _councils(request, user, note_from(request))


@router.post("/admin/quantri/hoidong/{action}")
async def councils_change(request: Request, action: str, user: Admin) -> Response:
    form = await posted(request, user)
    name, member, by, now = form.get("council"), form.get("member", 80), actor(user), utcnow()
    units = form.get("units", 20_000).splitlines()
    work: dict[str, Callable[[Session], bool]] = {
        "luu": lambda s: (
            councils.save(s, council=name, level=form.get("level", 20), units=units, by=by, now=now)
            or True
        ),
        "thanhvien": lambda s: councils.add_member(
            s,
            council=name,
            member=member,
            level=None,
            units=[],
            by=by,
            now=now,
            role=form.get("role", 20) or "member",
        ),
        "bothanhvien": lambda s: councils.remove(s, council=name, member=member, by=by, now=now),
        "xoa": lambda s: councils.remove(s, council=name, member=None, by=by, now=now),
    }
    if action not in work:
        raise HTTPException(404)
    try:
        changed = await write(request, work[action])
    except AdminRefused as refused:
        return await _councils(request, user, refusal(refused), 400)
    keys = {"luu": "hoidong", "thanhvien": "thanhvien", "bothanhvien": "bothanhvien"}
    if not changed:
        return done("hoidong", "cothanhvien" if action == "thanhvien" else "khongthay")
    return done("hoidong", keys.get(action, "xoahoidong"))


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


# ---- the log ----


@router.get("/admin/quantri/nhatky")
async def log(request: Request, user: Admin) -> Response:
    rows = await read(request, lambda s: audit.recent(s, limit=200))
    return page(audit_page(user, rows=rows, tz=tz_of(request)))
