"""/api/v1 writes for reviewing: change an entry's status; run a scheduled job now."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot import status
from bot.review.transitions import REASON_REQUIRED, STATUSES
from scheduler.jobs import JOBS, run_job
from storage.types import utcnow
from webhook.api import submission_json
from webhook.api_auth import Caller, require_admin, require_token
from webhook.inputs import SafeStr
from webhook.scheduling import job_context

router = APIRouter(dependencies=[Depends(require_token)], tags=["review"])


class StatusChangeBody(BaseModel):
    status: SafeStr = Field(description=f"one of: {', '.join(STATUSES)}")
    note: SafeStr | None = Field(None, max_length=4000, description="required for a refusal")


@router.post("/submissions/{code}/status")
async def change_status(
    request: Request,
    code: str,
    body: StatusChangeBody,
    caller: Annotated[Caller, Depends(require_token)],
) -> dict[str, Any]:
    """Move an entry to a new status; the author is told at once in their own channel."""
    if body.status not in STATUSES:
        raise HTTPException(422, f"unknown status {body.status!r}; one of {', '.join(STATUSES)}")
    if body.status in REASON_REQUIRED and not (body.note or "").strip():
        raise HTTPException(422, f"status {body.status!r} needs a note giving the reason")
    services = request.app.state.services

    def write() -> tuple[int, Any]:
        with services.db.write() as session:
            outcome = status.change(
                session,
                code=code.upper(),
                status=body.status,
                note=body.note,
                by=caller.actor,
                now=utcnow(),
            )
            if outcome.submission is None:
                return 404, f"no submission {code}"
            if outcome.reason is not None:
                return 409, {"error": "illegal_transition", "reason": outcome.reason}
            return 200, submission_json(session, outcome.submission)

    code_, result = await run_in_threadpool(write)
    if code_ != 200:
        raise HTTPException(code_, result)
    services.sender.notify()
    return dict(result)


@router.post("/jobs/{name}/run", tags=["jobs"], dependencies=[Depends(require_admin)])
async def run(
    request: Request, name: str, force: Annotated[bool, Query()] = False
) -> dict[str, Any]:
    """Run a scheduled job once, now (quiet hours defer it unless force=true); admin only."""
    if name not in JOBS:
        raise HTTPException(404, f"no job {name!r}; jobs: {', '.join(JOBS)}")
    services = request.app.state.services
    ctx = job_context(services.settings, services.db, services.secret_key, services.sender.notify)
    result = await run_in_threadpool(run_job, ctx, name, force=force)
    deferred = result.deferred_until.isoformat() if result.deferred_until else None
    return {"name": result.name, "outcome": result.outcome, "deferred_until": deferred}
