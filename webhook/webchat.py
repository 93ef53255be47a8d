"""The built-in web chat: the page, its static files and the JSON API behind it."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from itsdangerous import BadSignature, Signer
from starlette.concurrency import run_in_threadpool

from bot.messages import Incoming
from bot.runner import Handled
from storage import queries
from storage.models import WebMessage
from webhook import inputs, upload_intake
from webhook import webchat_wire as wire
from webhook.edge import BodyTooLarge, read_body
from webhook.upload_intake import Received
from webhook.webchat_wire import Refused

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
COOKIE = "sk_visitor"
COOKIE_MAX_AGE = 180 * 24 * 3600
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
    new: bool


def _signer(request: Request) -> Signer:
    return Signer(request.app.state.services.secret_key, salt="sangkien.webchat.visitor")


def _visitor(request: Request) -> Visitor:
    """The visitor named by the signed cookie; a missing or tampered cookie starts a new one."""
    raw = request.cookies.get(COOKIE, "")
    if raw:
        try:
            return Visitor(_signer(request).unsign(raw).decode(), new=False)
        except BadSignature:
            log.info("web chat: tampered visitor cookie replaced")
    return Visitor(secrets.token_urlsafe(18), new=True)


def _answer(request: Request, visitor: Visitor, response: Response) -> Response:
    if visitor.new or request.method == "GET":  # GETs slide the 180-day window
        response.set_cookie(
            COOKIE,
            _signer(request).sign(visitor.id).decode(),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    response.headers.update(SECURITY_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _refusal(request: Request, visitor: Visitor, exc: Refused) -> Response:
    return _answer(request, visitor, JSONResponse({"error": exc.message}, status_code=exc.status))


@router.get("/")
async def page(request: Request) -> Response:
    html = (STATIC / "index.html").read_bytes()
    return _answer(request, _visitor(request), Response(html, media_type="text/html"))


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
    visitor = _visitor(request)
    return _answer(request, visitor, JSONResponse(await _transcript(request, visitor, after)))


@router.post("/webchat/api/messages")
async def post_message(request: Request) -> Response:
    visitor = _visitor(request)
    try:
        _check_csrf(request)
        body = await _json_body(request)
        incoming = wire.incoming_from_json(visitor.id, body)
        after = wire.after_id(body.get("after"))
        await _handle(request, incoming)
    except Refused as exc:
        return _refusal(request, visitor, exc)
    return _answer(request, visitor, JSONResponse(await _transcript(request, visitor, after)))


@router.post("/webchat/api/upload")
async def upload(request: Request) -> Response:
    visitor = _visitor(request)
    try:
        _check_csrf(request)
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


@router.get("/webchat/api/documents/{message_id}")
async def document(
    request: Request, message_id: Annotated[int, PathParam(ge=1, le=inputs.DB_INT_MAX)]
) -> Response:
    """A file the bot attached to one of this visitor's own messages."""
    visitor = _visitor(request)
    path, name = await run_in_threadpool(_document_path, request, visitor, message_id)
    if path is None:
        return _answer(request, visitor, JSONResponse({"error": "Không tìm thấy tệp."}, 404))
    return _answer(request, visitor, FileResponse(path, filename=name))


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
