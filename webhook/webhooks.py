"""Platform webhooks: verify the secret first, parse, hand over, answer once committed.

A Telegram button press is answered in the webhook's own answer (`answerCallbackQuery` as
its JSON body, which Telegram carries out), not by a call of ours.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.channels.base import MalformedUpdate, verify_secret
from webhook import inputs

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

SECRET_HEADERS = {
    "telegram": "X-Telegram-Bot-Api-Secret-Token",
    "zalo": "X-Bot-Api-Secret-Token",
}


@router.post("/webhook/{name}")
async def webhook(name: str, request: Request) -> Response:
    services = request.app.state.services
    channel = services.channels.get(name)
    if channel is None or name not in SECRET_HEADERS:
        return JSONResponse({"ok": False, "error": "unknown channel"}, status_code=404)
    expected: str = getattr(services.settings, name).webhook_secret
    if not verify_secret(request.headers.get(SECRET_HEADERS[name]), expected):
        services.metrics.reject(name)
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    body = await request.body()  # capped by the edge guard (server.max_body_kb)
    started = time.perf_counter()
    raw = _json_body(body)
    if raw is None:
        return JSONResponse({"ok": False, "error": "malformed body"}, status_code=400)
    try:
        incoming = channel.parse(raw)
    except MalformedUpdate as exc:
        log.warning("%s webhook: malformed update: %s", name, exc)
        return JSONResponse({"ok": False, "error": "malformed update"}, status_code=400)
    services.metrics.observe_stage(name, "parse", time.perf_counter() - started)
    if incoming is None:
        return JSONResponse({"ok": True})
    try:
        handled = await services.handle(incoming)
    except Exception:
        log.exception("%s update %s could not be stored", name, incoming.dedupe_key)
        return JSONResponse({"ok": False, "error": "try again"}, status_code=503)
    if incoming.callback_id:
        # The answer to the webhook may itself be a Bot API call, which Telegram makes: the
        # button's spinner stops without a request of ours. A redelivered press is answered
        # too, in case the first answer never reached Telegram.
        return JSONResponse(
            {"method": "answerCallbackQuery", "callback_query_id": incoming.callback_id}
        )
    return JSONResponse({"ok": True, "duplicate": handled.duplicate})


def _json_body(body: bytes) -> dict[str, Any] | None:
    try:
        raw = inputs.loads(body)
    except inputs.BadJson:
        return None
    return raw if isinstance(raw, dict) else None
