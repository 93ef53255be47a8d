"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from storage import outbox
from storage.migrate import pending

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    db = request.app.state.services.db
    try:
        behind = await run_in_threadpool(pending, db.engine)
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "database": str(exc)[:200]}, status_code=503)
    if behind:
        return JSONResponse({"status": "unavailable", "migrations": "pending"}, status_code=503)
    return JSONResponse({"status": "ready"})


@router.get("/metrics")
async def metrics(request: Request) -> PlainTextResponse:
    services = request.app.state.services

    def outbox_counts() -> dict[str, int]:
        with services.db.session() as session:
            return outbox.counts_by_status(session)

    extra: dict[str, float] = {}
    for status, count in (await run_in_threadpool(outbox_counts)).items():
        extra[f'sangkien_outbox_messages{{status="{status}"}}'] = count
    for name, value in services.sender.stats.items():
        extra[f'sangkien_outbox_events_total{{event="{name}"}}'] = value
    return PlainTextResponse(services.metrics.render(extra), media_type="text/plain; version=0.0.4")
