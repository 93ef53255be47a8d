"""Who calls /api/v1: the bootstrap admin.api_token or a person's token, and what their role allows.

Permissions (README, both languages, holds the same table):

    reviewer: read submissions and dossiers, change statuses, read /openapi.json
    admin:    all of that, plus broadcasts (create, follow, cancel) and running jobs
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from storage import api_tokens
from storage.types import utcnow

bearer = HTTPBearer(auto_error=False)
BOOTSTRAP_ACTOR = "api"  # what the history has always said for admin.api_token


@dataclass(frozen=True)
class Caller:
    role: str  # reviewer | admin
    actor: str  # how the history and announcements name them


async def identify(request: Request, given: str) -> Caller | None:
    """The caller a bearer token stands for, or None; records the token's last use."""
    services = request.app.state.services
    bootstrap: str = services.settings.admin.api_token
    if bootstrap and hmac.compare_digest(given.encode(), bootstrap.encode()):
        return Caller(role="admin", actor=BOOTSTRAP_ACTOR)
    if not given:
        return None
    return await run_in_threadpool(_lookup, services.db, given)


def _lookup(db: Any, given: str) -> Caller | None:
    now = utcnow()
    with db.session() as session:
        row = api_tokens.authenticate(session, token=given, now=now)
    if row is None:
        return None
    if api_tokens.stale(row, now):
        with db.write() as session:
            api_tokens.touch(session, token_id=row.id or 0, now=now)
    return Caller(role=row.role, actor=api_tokens.actor(row))


async def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """Any valid token (reviewer or admin); 401 otherwise, 404 while the API is switched off."""
    caller = await identify(request, credentials.credentials if credentials else "")
    if caller is not None:
        return caller
    if not await run_in_threadpool(_api_on, request.app.state.services):
        raise HTTPException(404, "the API is disabled (no admin.api_token and no API tokens)")
    raise HTTPException(
        401, "invalid, expired or revoked bearer token", headers={"WWW-Authenticate": "Bearer"}
    )


def _api_on(services: Any) -> bool:
    if services.settings.admin.api_token:
        return True
    with services.db.session() as session:
        return api_tokens.any_live(session, now=utcnow())


async def require_admin(caller: Annotated[Caller, Depends(require_token)]) -> Caller:
    """Admin tokens only: a reviewer's token gets 403 and changes nothing."""
    if caller.role != "admin":
        raise HTTPException(403, "this needs an admin token; reviewer tokens cannot do it")
    return caller
