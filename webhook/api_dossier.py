"""/api/v1/submissions/{code}/dossier/…docx: reviewers download a sáng kiến's printable dossier."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from bot.dossier.files import DossierPaths, is_dossier_code
from storage import queries
from webhook.api_auth import require_token

router = APIRouter(dependencies=[Depends(require_token)], tags=["submissions"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/submissions/{code}/dossier/{document}")
async def dossier(
    request: Request, code: str, document: Literal["application.docx", "report.docx"]
) -> FileResponse:
    """The application (Đơn yêu cầu công nhận) or the description report, made when stale."""
    services = request.app.state.services
    wanted = code.strip().upper()
    if not is_dossier_code(wanted):
        raise HTTPException(404, f"no sáng kiến {code} (hiến kế have no dossier)")
    paths = await run_in_threadpool(_ensure, services, wanted)
    if paths is None:
        raise HTTPException(404, f"no sáng kiến {code}")
    path = paths.application if document == "application.docx" else paths.report
    return FileResponse(
        path,
        media_type=DOCX,
        filename=path.name,
        headers={"Cache-Control": "private, no-store"},
    )


def _ensure(services: Any, code: str) -> DossierPaths | None:
    with services.db.session() as session:
        submission = queries.get_submission(session, code=code)
    if submission is None:
        return None
    paths: DossierPaths = services.writing.dossiers.ensure(
        code=submission.code,
        fields=submission.fields,
        author=submission.author,
        submitted_at=submission.submitted_at or submission.created_at,
    )
    return paths
