"""Desk sign-in and sign-out, the session every desk page needs, and CSRF checks on forms."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from bot.desk import catalogue as text
from bot.desk.access import Viewer
from storage import desk_auth
from storage.types import utcnow
from webhook import desk_assets, desk_pages

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
COOKIE = "sk_desk"
PRE_COOKIE = "sk_desk_pre"  # ties the sign-in form to the browser that loaded it
MAX_FORM = 64 * 1024


@dataclass(frozen=True)
class DeskUser:
    """A signed-in desk user for one request; `csrf` must come back with every form."""

    session_id: int
    viewer: Viewer
    csrf: str


class DeskDenied(Exception):
    """No desk for this request: `response` says why (a redirect to sign in, or 403)."""

    def __init__(self, response: Response) -> None:
        self.response = response


def page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers=desk_pages.SECURITY_HEADERS)


def csrf_for(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


async def read_form(request: Request) -> dict[str, str]:
    """The urlencoded form, first value of each field; oversize bodies are refused."""
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, "form too large")
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in parsed.items()}


def csrf_ok(form: dict[str, str], expected: str) -> bool:
    return hmac.compare_digest(form.get("csrf", ""), expected)


async def desk_user(request: Request) -> DeskUser:
    """The signed-in viewer, or DeskDenied: no session → sign-in page, no role → 403."""
    services = request.app.state.services
    token = request.cookies.get(COOKIE, "")
    idle = timedelta(minutes=services.settings.desk.idle_minutes)

    def look() -> tuple[int, Viewer | None] | None:
        now = utcnow()
        with services.db.session() as session:
            row = desk_auth.live_session(session, token=token, now=now, idle=idle)
            if row is None:
                return None
            viewer = services.access.viewer(session, row.principal)
            needs_touch = desk_auth.stale(row, now)
        if needs_touch:
            with services.db.write() as session:
                desk_auth.touch(session, session_id=row.id or 0, now=now)
        return row.id or 0, viewer

    found = await run_in_threadpool(look)
    if found is None:
        raise DeskDenied(RedirectResponse("/admin/dangnhap", 303, headers=_no_store()))
    session_id, viewer = found
    if viewer is None:  # the role or council membership was taken away: nothing is shown
        raise DeskDenied(page(desk_pages.message_page(text.FORBIDDEN, text.FORBIDDEN), 403))
    csrf = csrf_for(services.secret_key, "desk", desk_auth.digest(token))
    return DeskUser(session_id, viewer, csrf)


def _no_store() -> dict[str, str]:
    return {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}


@router.get("/admin/dangnhap")
async def signin_form(request: Request) -> Response:
    """The sign-in page the /dangnhap link opens; the code is in the link's #fragment."""
    pre = secrets.token_urlsafe(24)
    services = request.app.state.services
    message = text.SIGNED_OUT if request.query_params.get("ra") else ""
    response = page(desk_pages.signin_page(csrf_for(services.secret_key, "pre", pre), message))
    _set_cookie(request, response, PRE_COOKIE, pre, max_age=30 * 60)
    return response


@router.post("/admin/dangnhap")
async def signin(request: Request) -> Response:
    """Exchange a one-time link for a session; any failure looks the same."""
    services = request.app.state.services
    form = await read_form(request)
    pre = request.cookies.get(PRE_COOKIE, "")
    if not pre or not csrf_ok(form, csrf_for(services.secret_key, "pre", pre)):
        return _signin_again(request, text.FORM_EXPIRED, status=403)
    settings = services.settings.desk

    def exchange() -> str | None:
        now = utcnow()
        with services.db.write() as session:
            principal = desk_auth.take_link(session, token=form.get("token", "").strip(), now=now)
            if principal is None or services.access.viewer(session, principal) is None:
                return None
            return desk_auth.start_session(
                session,
                principal=principal,
                method="chat_link",
                now=now,
                lifetime=timedelta(hours=settings.session_hours),
            )

    cookie = await run_in_threadpool(exchange)
    if cookie is None:
        log.info("desk sign-in with an invalid, used or expired link")
        return _signin_again(request, text.SIGNIN_FAILED, status=400)
    response = RedirectResponse("/admin", 303, headers=_no_store())
    _set_cookie(request, response, COOKIE, cookie, max_age=settings.session_hours * 3600)
    response.delete_cookie(PRE_COOKIE, path="/admin")
    return response


def _signin_again(request: Request, message: str, *, status: int) -> Response:
    pre = secrets.token_urlsafe(24)
    secret = request.app.state.services.secret_key
    response = page(
        desk_pages.signin_page(csrf_for(secret, "pre", pre), message, error=True), status
    )
    _set_cookie(request, response, PRE_COOKIE, pre, max_age=30 * 60)
    return response


@router.post("/admin/dangxuat")
async def signout(request: Request) -> Response:
    user = await desk_user(request)
    if not csrf_ok(await read_form(request), user.csrf):
        return page(desk_pages.message_page(text.FORM_EXPIRED, text.FORM_EXPIRED), 403)
    services = request.app.state.services

    def end() -> None:
        with services.db.write() as session:
            desk_auth.end_session(session, session_id=user.session_id, now=utcnow())

    await run_in_threadpool(end)
    response = RedirectResponse("/admin/dangnhap?ra=1", 303, headers=_no_store())
    response.delete_cookie(COOKIE, path="/admin")
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    public_url: str = request.app.state.services.settings.server.public_url
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/admin",
        httponly=True,
        samesite="lax",
        secure=public_url.startswith("https://"),
    )


@router.get("/admin/desk.css")
async def stylesheet() -> Response:
    return Response(desk_assets.CSS, media_type="text/css", headers=_asset_headers())


@router.get("/admin/desk.js")
async def script() -> Response:
    return Response(desk_assets.JS, media_type="text/javascript", headers=_asset_headers())


def _asset_headers() -> dict[str, Any]:
    return {"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}
