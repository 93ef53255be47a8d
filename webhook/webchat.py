"""The built-in web chat: the page, its static files and the JSON API behind it."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from itsdangerous import BadSignature, SignatureExpired, Signer, TimestampSigner
from starlette.concurrency import run_in_threadpool

from bot.messages import Incoming
from bot.runner import Handled
from storage import queries, web_sessions
from storage.models import WebMessage
from storage.types import utcnow
from webhook import inputs, upload_intake
from webhook import webchat_wire as wire
from webhook.edge import BodyTooLarge, read_body
from webhook.upload_intake import Received
from webhook.webchat_limits import Limited, WebchatLimits
from webhook.webchat_wire import Refused

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
COOKIE = "sk_visitor"
SESSION_SALT = "sangkien.webchat.session"
LEGACY_SALT = "sangkien.webchat.visitor"  # cookies from before sessions expired
ENDED = "Đã kết thúc phiên. Tải lại trang để bắt đầu phiên mới."
CSRF_HEADER, CSRF_VALUE = "X-Requested-With", "sangkien-webchat"
MAX_JSON = 64 * 1024
PAGE_SIZE = 500
TOO_LONG = "Tin nhắn quá dài. Vui lòng rút gọn hoặc gửi thành nhiều lần."
# The server may sit on an intranet: everything comes from this origin, nothing inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Visitor:
    id: str
    started: int  # when the session began (epoch seconds): it ends session_max_days later


def _key(request: Request) -> str:
    return str(request.app.state.services.secret_key)


def _limits(request: Request) -> WebchatLimits:
    limits: WebchatLimits = request.app.state.webchat_limits
    return limits


def _from_cookie(request: Request) -> Visitor | None:
    """The session the signed cookie names, unless it is tampered, idle too long or too old."""
    raw = request.cookies.get(COOKIE, "")
    if not raw:
        return None
    config = request.app.state.services.settings.webchat
    visitor: Visitor | None
    try:
        signer = TimestampSigner(_key(request), salt=SESSION_SALT)
        value = signer.unsign(raw, max_age=config.session_idle_hours * 3600).decode()
        visitor_id, started = value.rsplit(".", 1)
        visitor = Visitor(visitor_id, int(started))
    except SignatureExpired:
        return None
    except (BadSignature, ValueError):
        visitor = _legacy(request, raw)
        if visitor is None:
            log.info("web chat: tampered session cookie replaced")
            return None
    if time.time() - visitor.started > config.session_max_days * 86_400:
        return None
    return visitor


def _legacy(request: Request, raw: str) -> Visitor | None:
    """A visitor cookie from before sessions expired: kept once, re-issued as a session."""
    try:
        visitor_id = Signer(_key(request), salt=LEGACY_SALT).unsign(raw).decode()
    except BadSignature:
        return None
    return Visitor(visitor_id, int(time.time()))


async def _visitor(request: Request) -> Visitor:
    """The live session of this browser, or a new one (counted against the address's limit)."""
    found = _from_cookie(request)
    if found is not None and not await run_in_threadpool(_ended, request, found.id):
        return found
    _limits(request).new_session(_limits(request).address(request))
    return Visitor(secrets.token_urlsafe(18), int(time.time()))


def _ended(request: Request, visitor_id: str) -> bool:
    with request.app.state.services.db.session() as session:
        return web_sessions.is_ended(session, visitor_id=visitor_id)


def _secure(request: Request) -> bool:
    public_url = request.app.state.services.settings.server.public_url
    return request.url.scheme == "https" or public_url.lower().startswith("https://")


def _answer(request: Request, visitor: Visitor | None, response: Response) -> Response:
    """The response with the security headers; every answer slides the session's idle time."""
    if visitor is not None:
        config = request.app.state.services.settings.webchat
        signer = TimestampSigner(_key(request), salt=SESSION_SALT)
        response.set_cookie(
            COOKIE,
            signer.sign(f"{visitor.id}.{visitor.started}").decode(),
            max_age=config.session_idle_hours * 3600,
            httponly=True,
            samesite="lax",
            secure=_secure(request),
        )
    response.headers.update(SECURITY_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _refusal(request: Request, visitor: Visitor | None, exc: Refused) -> Response:
    response = JSONResponse({"error": exc.message}, status_code=exc.status)
    if isinstance(exc, Limited):
        response.headers["Retry-After"] = str(exc.retry_after)
    return _answer(request, visitor, response)


@router.get("/")
async def page(request: Request) -> Response:
    html = (STATIC / "index.html").read_bytes()
    try:
        visitor = await _visitor(request)
    except Limited as exc:  # the page still loads; its first call shows the message
        response = Response(html, media_type="text/html", status_code=429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return _answer(request, None, response)
    return _answer(request, visitor, Response(html, media_type="text/html"))


@router.get("/static/{name}")
async def static(request: Request, name: str) -> Response:
    path = STATIC / name
    media_type = STATIC_TYPES.get(path.suffix)
    if not re.fullmatch(r"[a-z0-9-]+\.[a-z]+", name) or media_type is None or not path.is_file():
        return Response("Không tìm thấy.", status_code=404, media_type="text/plain")
    body = path.read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {**SECURITY_HEADERS, "ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get("/webchat/api/messages")
async def read_messages(
    request: Request, after: Annotated[int, Query(ge=0, le=inputs.DB_INT_MAX)] = 0
) -> Response:
    visitor = None
    try:
        _limits(request).read(_limits(request).address(request))
        visitor = await _visitor(request)
    except Refused as exc:
        return _refusal(request, visitor, exc)
    return _answer(request, visitor, JSONResponse(await _transcript(request, visitor, after)))


@router.post("/webchat/api/messages")
async def post_message(request: Request) -> Response:
    visitor = None
    try:
        visitor = await _sender(request)
        body = await _json_body(request)
        incoming = wire.incoming_from_json(visitor.id, body)
        # The network counts wrong /lienket codes too: a cookieless request is a new account.
        incoming = replace(incoming, origin=_limits(request).address(request))
        _limits(request).text(visitor.id, len((incoming.text or "").encode()))
        after = wire.after_id(body.get("after"))
        await _handle(request, incoming)
    except Refused as exc:
        return _refusal(request, visitor, exc)
    return _answer(request, visitor, JSONResponse(await _transcript(request, visitor, after)))


@router.post("/webchat/api/upload")
async def upload(request: Request) -> Response:
    visitor = None
    try:
        visitor = await _sender(request)
        received = await upload_intake.receive(request, visitor.id)
        try:
            after = wire.after_id(received.fields.get("after"))
            incoming = _upload_incoming(visitor, received)
            if (await _handle(request, incoming)).duplicate:
                await _discard(request, received.ref)  # the first delivery kept its own copy
        except Refused:
            await _discard(request, received.ref)
            raise
    except Refused as exc:
        return _refusal(request, visitor, exc)
    return _answer(request, visitor, JSONResponse(await _transcript(request, visitor, after)))


@router.post("/webchat/api/session/end")
async def end_session(request: Request) -> Response:
    """«Kết thúc phiên»: the cookie is cleared and can never resume this conversation again."""
    try:
        _check_csrf(request)
    except Refused as exc:
        return _refusal(request, None, exc)
    visitor = _from_cookie(request)
    if visitor is not None:
        await run_in_threadpool(_end, request, visitor.id)
    response = JSONResponse({"ended": True, "message": ENDED})
    response.delete_cookie(COOKIE, httponly=True, samesite="lax", secure=_secure(request))
    return _answer(request, None, response)


@router.get("/webchat/api/documents/{message_id}")
async def document(
    request: Request, message_id: Annotated[int, PathParam(ge=1, le=inputs.DB_INT_MAX)]
) -> Response:
    """A file the bot attached to one of this visitor's own messages."""
    visitor = None
    try:
        _limits(request).read(_limits(request).address(request))
        visitor = await _visitor(request)
    except Refused as exc:
        return _refusal(request, visitor, exc)
    path, name = await run_in_threadpool(_document_path, request, visitor, message_id)
    if path is None:
        return _answer(request, visitor, JSONResponse({"error": "Không tìm thấy tệp."}, 404))
    return _answer(request, visitor, FileResponse(path, filename=name))


async def _sender(request: Request) -> Visitor:
    """Checks before a visitor may write: CSRF, the address's and the session's message rate."""
    _check_csrf(request)
    limits = _limits(request)
    limits.address_message(limits.address(request))
    visitor = await _visitor(request)
    limits.session_message(visitor.id)
    return visitor


def _end(request: Request, visitor_id: str) -> None:
    with request.app.state.services.db.write() as session:
        web_sessions.end_session(session, visitor_id=visitor_id, now=utcnow())


def _check_csrf(request: Request) -> None:
    # A custom header cannot be sent cross-site without a CORS preflight we never grant.
    if request.headers.get(CSRF_HEADER) != CSRF_VALUE:
        raise Refused(403, "Yêu cầu không hợp lệ. Vui lòng tải lại trang.")


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        data = inputs.loads(await read_body(request, MAX_JSON))
    except BodyTooLarge:
        raise Refused(413, TOO_LONG) from None
    except inputs.BadJson:
        raise Refused(400, wire.BAD_SHAPE) from None
    if not isinstance(data, dict):
        raise Refused(400, wire.BAD_SHAPE)
    return data


async def _handle(request: Request, incoming: Incoming) -> Handled:
    try:
        handled: Handled = await request.app.state.services.handle(incoming)
    except Exception:
        log.exception("web update %s could not be stored", incoming.dedupe_key)
        raise Refused(503, "Hệ thống đang bận, chưa lưu được tin nhắn. Vui lòng thử lại.") from None
    return handled


def _upload_incoming(visitor: Visitor, received: Received) -> Incoming:
    return wire.incoming_file(
        visitor.id,
        received.fields.get("client_id"),
        ref=received.ref,
        name=received.name,
        mime=received.mime,
        size=received.size,
    )


def _data_dir(request: Request) -> str:
    return str(request.app.state.services.settings.server.data_dir)


async def _discard(request: Request, ref: str) -> None:
    db = request.app.state.services.db
    await run_in_threadpool(upload_intake.discard, db, _data_dir(request), ref)


async def _transcript(request: Request, visitor: Visitor, after: int) -> dict[str, Any]:
    db = request.app.state.services.db

    def read() -> list[WebMessage]:
        with db.session() as session:
            return queries.web_messages(session, chat_id=visitor.id, after=after, limit=PAGE_SIZE)

    rows = await run_in_threadpool(read)
    return {
        "messages": [wire.message_json(row) for row in rows],
        "last_id": rows[-1].id if rows else after,
        "more": len(rows) == PAGE_SIZE,
    }


def _document_path(
    request: Request, visitor: Visitor, message_id: int
) -> tuple[Path | None, str | None]:
    with request.app.state.services.db.session() as session:
        row = session.get(WebMessage, message_id)
    if row is None or row.chat_id != visitor.id or row.role != "bot":
        return None, None
    ref = str(row.payload.get("document") or "")
    # Any other path was written by the server's own dialogue, never by the visitor.
    path = wire.upload_path(ref, data_dir=_data_dir(request)) or Path(ref)
    name = row.payload.get("document_name") or path.name
    return (path, str(name)) if ref and path.is_file() else (None, None)
