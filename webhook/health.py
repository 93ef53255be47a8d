"""Liveness, readiness and Prometheus metrics (metrics only for allowed addresses or a token)."""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy.engine import make_url
from starlette.concurrency import run_in_threadpool

from storage import outbox
from storage.migrate import pending
from webhook.api_auth import identify

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """A fixed short answer: the reason goes to the server log (without passwords), never out."""
    db = request.app.state.services.db
    try:
        behind = await run_in_threadpool(pending, db.engine)
    except Exception as exc:
        log.warning("not ready: database unavailable: %s", describe(exc, db.url))
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    if behind:
        return JSONResponse({"status": "unavailable", "migrations": "pending"}, status_code=503)
    return JSONResponse({"status": "ready"})


def describe(exc: BaseException, url: str) -> str:
    """The error's type and first line, with the database password masked wherever it appears."""
    text = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    password = make_url(url).password
    if password:
        text = text.replace(str(password), "***")
    return URL_PASSWORD.sub(r"\1***@", text)[:300]


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    if not await metrics_allowed(request):
        return PlainTextResponse("forbidden\n", status_code=403)
    services = request.app.state.services

    def outbox_counts() -> dict[str, int]:
        with services.db.session() as session:
            return outbox.counts_by_status(session)

    body = services.metrics.render(
        outbox=await run_in_threadpool(outbox_counts), events=dict(services.sender.stats)
    )
    return Response(body, media_type=CONTENT_TYPE_LATEST)


async def metrics_allowed(request: Request) -> bool:
    """From an address in metrics.allow, or with metrics.token or an admin API token."""
    settings = request.app.state.services.settings
    if request.client is not None and address_allowed(request.client.host, settings.metrics.allow):
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    token: str = settings.metrics.token
    if token and hmac.compare_digest(given.encode(), token.encode()):
        return True
    caller = await identify(request, given)
    return caller is not None and caller.role == "admin"


def address_allowed(host: str, allow: list[str]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # not an IP address (e.g. a Unix socket peer): no implicit trust
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in ipaddress.ip_network(net, strict=False) for net in allow)
