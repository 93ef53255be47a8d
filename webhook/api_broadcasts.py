"""/api/v1/broadcasts: create an announcement, follow its counts, cancel it (admin tokens only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.admin import announcements
from bot.broadcast import rules
from bot.errors import AdminRefused
from storage import broadcasts
from storage.models import Broadcast
from storage.types import utcnow
from webhook.api_auth import Caller, require_admin
from webhook.inputs import DB_INT_MAX, SafeDatetime, SafeStr

router = APIRouter(dependencies=[Depends(require_admin)], tags=["broadcasts"])
BroadcastId = Annotated[int, Path(ge=1, le=DB_INT_MAX)]


class NewBroadcast(BaseModel):
    text: SafeStr = Field(min_length=1, max_length=5000)
    agencies: list[SafeStr] = []
    channels: list[SafeStr] = []
    send_at: SafeDatetime | None = None  # now when absent; a time without a zone is refused


@router.post("/broadcasts", status_code=201)
async def create_broadcast(
    request: Request, body: NewBroadcast, caller: Annotated[Caller, Depends(require_admin)]
) -> dict[str, Any]:
    services = request.app.state.services
    now = utcnow()

    def write() -> Broadcast:
        with services.db.write() as session:
            return announcements.create(
                session,
                text=body.text,
                agencies=body.agencies,
                channels=body.channels,
                send_at=body.send_at,
                by=caller.actor,
                now=now,
            )

    try:
        created = await run_in_threadpool(write)
    except AdminRefused as refused:
        raise HTTPException(422, str(refused)) from None
    services.broadcaster.notify()
    starts = rules.starts_at(created.send_at, services.quiet)
    return {"id": created.id, "status": created.status, "starts_at": starts.isoformat()}


@router.get("/broadcasts/{broadcast_id}")
async def get_broadcast(request: Request, broadcast_id: BroadcastId) -> dict[str, Any]:
    db = request.app.state.services.db

    def read() -> dict[str, Any] | None:
        with db.session() as session:
            found = broadcasts.get(session, broadcast_id=broadcast_id)
            return (
                broadcast_json(found, broadcasts.counts(session, broadcast_id=broadcast_id))
                if found
                else None
            )

    result = await run_in_threadpool(read)
    if result is None:
        raise HTTPException(404, f"no broadcast {broadcast_id}")
    return result


@router.post("/broadcasts/{broadcast_id}/cancel")
async def cancel_broadcast(
    request: Request, broadcast_id: BroadcastId, caller: Annotated[Caller, Depends(require_admin)]
) -> dict[str, Any]:
    services = request.app.state.services

    def write() -> dict[str, Any] | None:
        with services.db.write() as session:
            found = announcements.cancel(
                session, broadcast_id=broadcast_id, by=caller.actor, now=utcnow()
            )
            if found is None:
                return None
            session.flush()
            return broadcast_json(found, broadcasts.counts(session, broadcast_id=broadcast_id))

    result = await run_in_threadpool(write)
    if result is None:
        raise HTTPException(404, f"no broadcast {broadcast_id}")
    services.broadcaster.notify()
    return result


def broadcast_json(broadcast: Broadcast, counts: dict[str, int]) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": broadcast.id,
        "status": broadcast.status,
        "text": broadcast.text,
        "agencies": broadcast.agencies,
        "channels": broadcast.channels,
        "send_at": iso(broadcast.send_at),
        "created_by": broadcast.created_by,
        "created_at": iso(broadcast.created_at),
        "started_at": iso(broadcast.started_at),
        "finished_at": iso(broadcast.finished_at),
        "cancelled_at": iso(broadcast.cancelled_at),
        "counts": counts,
    }
