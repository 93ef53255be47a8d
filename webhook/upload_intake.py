"""A web chat upload from request to disk: consent first, room in every quota, the body
streamed to its file with a hard byte cap, and the type decided by the content alone."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from bot import filetypes
from storage import uploads
from storage.db import Database
from storage.types import utcnow
from webhook import webchat_wire as wire
from webhook.config import Settings
from webhook.edge import BodyTooLarge
from webhook.multipart_stream import BadForm, FileTooLarge, StreamedForm, Unwanted, read_form
from webhook.webchat_wire import Refused

MB = 1024 * 1024
FORM_OVERHEAD = 64 * 1024  # the few small fields and the multipart framing around the file


@dataclass(frozen=True)
class Received:
    ref: str
    name: str
    mime: str
    size: int
    fields: dict[str, str]


def quota_of(settings: Settings) -> uploads.Quota:
    web = settings.webchat
    return uploads.Quota(
        file=web.upload_max_mb * MB,
        session=web.upload_quota_session_mb * MB,
        address=web.upload_quota_address_mb * MB,
        total=web.upload_quota_total_mb * MB,
    )


def address_key(secret: str, host: str) -> str:
    """The sender's address as a keyed hash: enough to count by, never the address itself."""
    digest = hmac.new(secret.encode(), host.encode(), hashlib.sha256).hexdigest()
    return digest[:32]


async def receive(request: Request, visitor_id: str) -> Received:
    """Store one upload or raise Refused; a refused upload leaves no file and no row."""
    services = request.app.state.services
    db: Database = services.db
    quota = quota_of(services.settings)
    if not await run_in_threadpool(_consented, db, visitor_id):
        raise Refused(403, wire.CONSENT_FIRST)
    token = secrets.token_hex(16)
    host = request.app.state.webchat_limits.address(request)  # through the trusted proxies
    reservation = await run_in_threadpool(
        _reserve, db, token, visitor_id, address_key(services.secret_key, host), quota
    )
    if reservation.allowed == 0:
        raise Refused(429, wire.QUOTA[reservation.limited_by])
    folder = wire.upload_folder(services.settings.server.data_dir)
    try:
        return await _write(request, db, folder, token, reservation, quota)
    except BaseException:
        (folder / f"{token}.part").unlink(missing_ok=True)
        await run_in_threadpool(_forget, db, token)
        raise


async def _write(
    request: Request,
    db: Database,
    folder: Path,
    token: str,
    reservation: uploads.Reservation,
    quota: uploads.Quota,
) -> Received:
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"{token}.part"
    with part.open("xb") as out:
        form = await _read(request, out, reservation, quota)
    file = form.file
    if file is None:
        raise Refused(400, wire.NO_FILE)
    if file.size == 0:
        raise Refused(400, wire.EMPTY_FILE)
    name = wire.safe_file_name(file.filename)
    found = await run_in_threadpool(filetypes.sniff_file, part, name)
    if found is None:
        raise Refused(415, wire.NOT_ALLOWED)
    if not found.matches_name(name) or not _declared_fits(file.content_type, found):
        raise Refused(415, wire.MISMATCH.format(name=name))
    final = folder / f"{token}{found.ext}"
    part.rename(final)
    try:
        await run_in_threadpool(_complete, db, token, final.name, file.size)
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    return Received(wire.UPLOAD_REF + final.name, name, found.mime, file.size, form.fields)


async def _read(
    request: Request, out: object, reservation: uploads.Reservation, quota: uploads.Quota
) -> StreamedForm:
    try:
        return await read_form(
            request.stream(),
            request.headers.get("content-type", ""),
            out,  # type: ignore[arg-type]
            cap=reservation.allowed,
            head_size=filetypes.HEAD,
            plausible=filetypes.plausible,
        )
    except (FileTooLarge, BodyTooLarge):
        if reservation.limited_by == "file" or reservation.allowed >= quota.file:
            raise Refused(413, wire.TOO_BIG.format(mb=quota.file // MB)) from None
        raise Refused(429, wire.QUOTA[reservation.limited_by]) from None
    except Unwanted:
        raise Refused(415, wire.NOT_ALLOWED) from None
    except BadForm:
        raise Refused(400, wire.BAD_FORM) from None


def _declared_fits(declared: str, found: filetypes.FileType) -> bool:
    """A declared type that names another family than the content is a mismatch; a generic
    or missing one says nothing (the content alone decides the type either way)."""
    kind = declared.split(";", 1)[0].strip().lower()
    if kind.startswith("image/"):
        return found.kind == "photo"
    if kind == filetypes.PDF.mime:
        return found == filetypes.PDF
    return True


def _consented(db: Database, visitor_id: str) -> bool:
    with db.session() as session:
        return uploads.has_consented(session, chat_id=visitor_id)


def _reserve(
    db: Database, token: str, visitor_id: str, address: str, quota: uploads.Quota
) -> uploads.Reservation:
    with db.write() as session:
        return uploads.reserve(
            session, token=token, chat_id=visitor_id, address=address, quota=quota, now=utcnow()
        )


def _complete(db: Database, token: str, file_name: str, size: int) -> None:
    with db.write() as session:
        uploads.complete(session, token=token, file_name=file_name, size=size)


def _forget(db: Database, token: str) -> None:
    with db.write() as session:
        uploads.forget(session, token=token)


def discard(db: Database, data_dir: str, ref: str) -> None:
    """Blocking: remove an upload the dialogue did not take (a duplicate, a failure)."""
    path = wire.upload_path(ref, data_dir=data_dir)
    if path is None:
        return
    path.unlink(missing_ok=True)
    with db.write() as session:
        uploads.forget_file(session, file_name=path.name)
