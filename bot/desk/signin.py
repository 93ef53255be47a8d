"""The runner's pre-step for /dangnhap: a one-time desk sign-in link for reviewers and admins."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from sqlmodel import Session

from bot import notify
from bot.desk import catalogue as text
from bot.desk.access import Access
from bot.dialogue.types import StepResult
from bot.effects import EffectContext
from bot.messages import Incoming, Outgoing
from storage import desk_auth
from storage.models import Outbox

log = logging.getLogger(__name__)
REF = "signin"
_CODE = re.compile(r"(/admin/dangnhap)#[A-Za-z0-9_-]+")


def forget_code(session: Session, row: Outbox, now: datetime) -> None:
    """The sender's hook: a sent sign-in message is kept without its code."""
    if row.ref != REF:
        return
    text_sent = str(row.payload.get("text", ""))
    payload = {**row.payload, "text": _CODE.sub(r"\1#…", text_sent)}
    desk_auth.replace_sent_payload(session, outbox_id=row.id or 0, payload=payload)


class SignInHook:
    """Answers /dangnhap (and nothing else); `base_url` is where the desk is reached."""

    def __init__(self, *, access: Access, base_url: str, ttl: timedelta) -> None:
        self.access, self.base_url, self.ttl = access, base_url.rstrip("/"), ttl

    def __call__(self, ctx: EffectContext, incoming: Incoming) -> StepResult | None:
        if incoming.kind != "command" or incoming.command != text.COMMAND:
            return None
        principal = f"{incoming.channel}:{incoming.user_id}"
        if self.access.viewer(ctx.session, principal) is None:
            log.info("desk sign-in refused to identity %s", ctx.identity.id)
            return self._say(ctx, text.SIGNIN_REFUSED)
        if incoming.chat_id != incoming.user_id:  # never post a sign-in link in a group
            return self._say(ctx, text.SIGNIN_PRIVATE_ONLY)
        token = desk_auth.issue_link(ctx.session, principal=principal, now=ctx.now, ttl=self.ttl)
        log.info("desk sign-in link issued to identity %s", ctx.identity.id)
        minutes = int(self.ttl.total_seconds() // 60)
        url = f"{self.base_url}/admin/dangnhap#{token}"  # a fragment never reaches server logs
        message = Outgoing(text.SIGNIN_LINK.format(minutes=minutes, url=url))
        # Queued with a ref so the copy kept in the outbox loses the code once sent.
        notify.to_identity(ctx.session, ctx.identity, [message], now=ctx.now, priority=0, ref=REF)
        return StepResult(ctx.state, ())

    @staticmethod
    def _say(ctx: EffectContext, message: str) -> StepResult:
        return StepResult(ctx.state, (Outgoing(message),))
