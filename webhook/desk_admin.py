"""/admin/quantri: admins manage roles and councils here (API tokens and announcements in
desk_admin_tokens_notices), with the admin log and the machinery both share.

Every page is for admins only (others get 403), every form carries the CSRF token, and
every change goes through the same rule functions as the command line (bot.admin), which
also write the admin actions log with the acting person. Addresses carry no name, account
or secret: after a change the page is reloaded with a message key only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from bot.admin import councils, roles
from bot.desk import catalogue as text
from bot.errors import AdminRefused
from storage import audit, scores
from storage import councils as council_store
from storage import roles as role_store
from storage.types import utcnow
from webhook.desk_admin_pages import Note, councils_page, number, roles_page
from webhook.desk_admin_records import audit_page
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
    given = {k: number(v) if isinstance(v, int) else v for k, v in refused.params.items()}
    return Note(message.format(**(params | given)), error=True)


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


# ---- the log ----


@router.get("/admin/quantri/nhatky")
async def log(request: Request, user: Admin) -> Response:
    rows = await read(request, lambda s: audit.recent(s, limit=200))
    return page(audit_page(user, rows=rows, tz=tz_of(request)))
