"""The chair's confirmation and «Biên bản họp Hội đồng» at the desk (routes; the section and
the document are built in desk_decision and desk_minutes)."""

from __future__ import annotations

import unicodedata
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.desk import catalogue as text
from storage import desk
from storage.types import utcnow
from webhook import desk_decision, desk_minutes
from webhook.desk import User, _expired, _not_found, busy, settle
from webhook.desk_auth import csrf_ok, page, read_form
from webhook.desk_pages import message_page

router = APIRouter(include_in_schema=False)


_FORBIDDEN = (text.CONFIRM_NOT_CHAIR, text.CONFIRM_OWN_ENTRY)  # not theirs to confirm: 403


@router.post("/admin/hoso/{code}/xacnhan")
async def confirm(request: Request, code: str, user: User) -> Response:
    """The chair confirms or overrides the proposed decision; the same status rules apply."""
    services = request.app.state.services
    form = await read_form(request)
    if not csrf_ok(form, user.csrf):
        return _expired(user)
    wanted = desk_decision.read_request(form)

    def write() -> tuple[str, str | None] | None:
        with services.db.write() as session:
            entry = desk.visible(session, scope=user.viewer.scope, code=code.strip().upper())
            if entry is None:
                return None
            view = desk_decision.decision_view(
                session, services.access, services.settings.scoring, user.viewer, entry
            )
            if view is None:
                return None
            reason = desk_decision.confirm(session, view, user.viewer, entry, wanted, utcnow())
            return entry.code, reason

    return await settle(
        services,
        user,
        await run_in_threadpool(write),
        done=lambda found: f"/admin/hoso/{found}?xacnhan={wanted.decision}#confirm",
        notify=True,
        refuse=lambda reason: (reason, 403 if reason in _FORBIDDEN else 409),
    )


@router.get("/admin/bienban.docx")
async def minutes(request: Request, user: User) -> Response:
    """«Biên bản họp Hội đồng» of one day, for that council's members and admins only."""
    services = request.app.state.services
    name = unicodedata.normalize("NFC", str(request.query_params.get("hoidong") or ""))[:200]
    tz = ZoneInfo(services.settings.scheduler.timezone)
    day = desk_minutes.meeting_day(request.query_params.get("ngay"), tz, utcnow())
    if day is None:
        return page(
            message_page(
                text.MINUTES_BAD_DATE, text.MINUTES_BAD_DATE, viewer=user.viewer, csrf=user.csrf
            ),
            400,
        )

    def build() -> bytes | None:
        with services.db.session() as session:
            council = next(
                (
                    c
                    for c in services.access.councils(session)
                    if unicodedata.normalize("NFC", c.name) == name
                ),
                None,
            )
            if council is None or not desk_minutes.may_read(user.viewer, council):
                return None
            recognise_at = services.settings.scoring.recognise_at
            return desk_minutes.minutes_docx(session, council, day, tz, recognise_at)

    with services.heavy.slot(user.viewer.principal) as free:
        if not free:
            return busy(user)
        content = await run_in_threadpool(build)
    if content is None:
        return _not_found(user)
    return Response(
        content,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={
            "Content-Disposition": f'attachment; filename="{text.MINUTES_FILE.format(date=day.isoformat())}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
