"""/api/v1: read submissions (Bearer token of a reviewer or an admin, webhook/api_auth)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from storage import queries
from storage.models import StatusChange, Submission
from webhook.api_auth import require_token
from webhook.inputs import DB_INT_MAX, SafeDatetime

router = APIRouter(dependencies=[Depends(require_token)], tags=["submissions"])


@router.get("/submissions")
async def list_submissions(
    request: Request,
    status: str | None = None,
    kind: str | None = None,
    agency: str | None = None,
    since: SafeDatetime | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=DB_INT_MAX)] = 0,
) -> dict[str, Any]:
    db = request.app.state.services.db

    def read() -> dict[str, Any]:
        with db.session() as session:
            items, total = queries.search_submissions(
                session,
                status=status,
                kind=kind,
                agency=agency,
                since=since,
                q=q,
                limit=limit,
                offset=offset,
            )
            return {"items": submissions_json(session, items), "total": total}

    return await run_in_threadpool(read)


@router.get("/submissions/{code}")
async def get_submission(request: Request, code: str) -> dict[str, Any]:
    db = request.app.state.services.db

    def read() -> dict[str, Any] | None:
        with db.session() as session:
            found = queries.get_submission(session, code=code.upper())
            return submission_json(session, found) if found else None

    result = await run_in_threadpool(read)
    if result is None:
        raise HTTPException(404, f"no submission {code}")
    return result


def submissions_json(session: Any, submissions: list[Submission]) -> list[dict[str, Any]]:
    """Many submissions with their histories, read in one query rather than one each."""
    ids = [s.id or 0 for s in submissions]
    found = queries.histories(session, submission_ids=ids)
    return [_as_json(s, found[s.id or 0]) for s in submissions]


def submission_json(session: Any, submission: Submission) -> dict[str, Any]:
    history = queries.submission_history(session, submission_id=submission.id or 0)
    return _as_json(submission, history)


def _as_json(submission: Submission, history: list[StatusChange]) -> dict[str, Any]:
    return {
        "code": submission.code,
        "kind": submission.kind,
        "status": submission.status,
        "title": submission.title,
        "fields": submission.fields,
        "author": submission.author,
        "created_at": _iso(submission.created_at),
        "submitted_at": _iso(submission.submitted_at),
        "history": [
            {"status": h.status, "at": _iso(h.at), "by": h.by, "note": h.note} for h in history
        ],
        "quality": submission.quality,  # the checklist at submission (bot/quality)
        "similar": submission.similar,  # earlier entries shown to the author (bot/similar)
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
