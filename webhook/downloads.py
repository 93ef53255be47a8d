"""GET /download/{token}: files behind a signed, expiring link (dossiers, digest sheets)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from bot.links import downloadable, verify_download
from storage.types import utcnow

router = APIRouter(include_in_schema=False)


@router.get("/download/{token}")
async def download(request: Request, token: str) -> FileResponse:
    services = request.app.state.services
    relative = verify_download(services.secret_key, token, now=utcnow())
    if relative is None:
        raise HTTPException(404, "Liên kết không hợp lệ hoặc đã hết hạn.")
    root = Path(services.settings.server.data_dir).resolve()
    if services.writing is not None:  # a dossier is built on first use, not at submission
        await run_in_threadpool(services.writing.prepare_file, relative)
    path = served_file(root, relative)
    if path is None:
        raise HTTPException(404, "Không tìm thấy tệp.")
    return FileResponse(
        path,
        filename=path.name,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )


def served_file(root: Path, relative: str) -> Path | None:
    """The regular file `relative` names inside its download folder; None for anything
    else, including a symbolic link anywhere on the way (it could point at the database)."""
    if not downloadable(relative):
        return None
    folder = root / relative.split("/", 1)[0]
    path = root / relative
    for step in (path, *path.parents):
        if step == root:
            break
        if step.is_symlink():
            return None
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()) or not resolved.is_file():
        return None
    return resolved


def public_base(request_base: str | None, public_url: str, host: str, port: int) -> str:
    """Where links should point: the public URL when set, else the local server."""
    if public_url:
        return public_url
    return request_base or f"http://{host}:{port}"
