"""The runner's side of announcements: /thongbao for admins, cancelling, «Đã đọc», opting out.

Runs as a pre-step (before the dialogue), so the admin check and the database look-ups
happen here and the composing itself stays pure (bot/broadcast/compose.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from bot.admin import announcements
from bot.broadcast import catalogue as text
from bot.broadcast import compose, render, rules
from bot.broadcast.effects import CreateBroadcast, PreviewBroadcast
from bot.dialogue.matching import fold
from bot.dialogue.types import StepResult
from bot.effects import EffectContext, Handler
from bot.messages import Incoming, Outgoing
from bot.notify import private_chat
from scheduler.quiet import QuietHours
from storage import broadcasts, roles
from storage.broadcast_audience import audience

PreStep = Callable[[EffectContext, Incoming], StepResult | None]
READ_WORDS = ("da doc", "da xem", "dadoc")
STOP_PREFIX = "bc:stop:"


def _reply(ctx: EffectContext, *messages: str, effects: tuple[object, ...] = ()) -> StepResult:
    return StepResult(ctx.state, tuple(Outgoing(m) for m in messages), cast(Any, effects))


class BroadcastHook:
    """Register both: `pre_step=chain(hook, …)` and `extra_handlers=hook.handlers()`."""

    def __init__(
        self,
        *,
        admins: Sequence[str],
        quiet: QuietHours | None,
        quiet_spec: str = "",
        on_created: Callable[[], None] = lambda: None,
    ) -> None:
        self.admins = tuple(admins)
        self.quiet, self.quiet_spec = quiet, quiet_spec
        self.on_created = on_created  # wakes the broadcaster (after the commit it polls anyway)

    def handlers(self) -> dict[type, Handler]:
        return {PreviewBroadcast: self.preview, CreateBroadcast: self.create}

    def __call__(self, ctx: EffectContext, incoming: Incoming) -> StepResult | None:
        if (read := render.read_id(incoming.choice)) is not None or _typed_read(incoming):
            return self._read(ctx, read, typed=read is None)
        command = incoming.command if incoming.kind == "command" else None
        if command in ("tatthongbao", "batthongbao"):
            ctx.person.subscribed = command == "batthongbao"
            return _reply(ctx, text.SUBSCRIBED_ON if ctx.person.subscribed else text.SUBSCRIBED_OFF)
        stop = (
            (incoming.choice or "").removeprefix(STOP_PREFIX)
            if (incoming.choice or "").startswith(STOP_PREFIX)
            else None
        )
        if (
            command in ("thongbao", "huythongbao")
            or stop is not None
            or compose.drafting(ctx.state)
        ):
            return self._admin(ctx, incoming, command, stop)
        return None

    def _admin(
        self, ctx: EffectContext, incoming: Incoming, command: str | None, stop: str | None
    ) -> StepResult | None:
        if not self._is_admin(ctx, incoming):
            ctx.state.pop(compose.DRAFT, None)
            return _reply(ctx, text.NOT_ADMIN) if command or stop else None
        if command == "thongbao":
            return compose.begin(ctx.state, self._env(ctx, incoming))
        if command == "huythongbao" or stop is not None:
            return self._cancel(ctx, stop if stop is not None else incoming.text)
        if incoming.kind == "command":  # /huy, or any other command, leaves the draft
            result = compose.drop(ctx.state)
            return result if command == "huy" else StepResult(result.state)
        return compose.on_input(ctx.state, incoming, self._env(ctx, incoming))

    def preview(self, ctx: EffectContext, effect: PreviewBroadcast) -> StepResult:
        people = audience(
            ctx.session, agencies=effect.agencies, channels=effect.channels, fold=fold
        )
        counts = {
            s: sum(1 for p in people if p.status == s)
            for s in ("pending", "opted_out", "unreachable")
        }
        draft = ctx.state.get(compose.DRAFT) or {}
        starts = self._starts(
            ctx, datetime.fromisoformat(draft["send_at"]) if draft.get("send_at") else None
        )
        env = self._env_for(ctx, buttons=ctx.identity.channel != "zalo")
        return compose.preview(ctx.state, counts, starts, env)

    def create(self, ctx: EffectContext, effect: CreateBroadcast) -> StepResult:
        attachment = effect.attachment or {}
        ref = f"{ctx.identity.channel}:{attachment['ref']}" if attachment.get("ref") else None
        created = announcements.create(
            ctx.session,
            text=effect.text,
            agencies=effect.agencies,
            channels=effect.channels,
            send_at=effect.send_at,
            by=f"{ctx.identity.channel}:{private_chat(ctx.identity)}",
            now=ctx.now,
            attachment_path=ref if ref and len(ref) <= 500 else None,
            attachment_kind=attachment.get("kind"),
        )
        self.on_created()
        starts = self._starts(ctx, effect.send_at)
        return _reply(ctx, text.CREATED.format(id=created.id, starts=starts))

    def _cancel(self, ctx: EffectContext, raw: str) -> StepResult:
        found = re.search(r"\d{1,9}", raw or "")
        if found is None:
            return _reply(ctx, text.ASK_CANCEL_ID)
        broadcast_id = int(found.group(0))
        broadcast = announcements.cancel(
            ctx.session,
            broadcast_id=broadcast_id,
            by=f"{ctx.identity.channel}:{private_chat(ctx.identity)}",
            now=ctx.now,
        )
        if broadcast is None:
            return _reply(ctx, text.NO_SUCH.format(id=broadcast_id))
        if broadcast.status != "cancelled":
            label = text.STATUS_LABELS.get(broadcast.status, broadcast.status)
            return _reply(ctx, text.CANNOT_CANCEL.format(id=broadcast_id, status=label))
        ctx.session.flush()
        report = render.report(
            broadcast_id,
            broadcast.status,
            broadcasts.counts(ctx.session, broadcast_id=broadcast_id),
        )
        return _reply(ctx, text.CANCELLED.format(id=broadcast_id, report=report))

    def _read(
        self, ctx: EffectContext, broadcast_id: int | None, *, typed: bool
    ) -> StepResult | None:
        found = broadcasts.mark_read(
            ctx.session, person_id=ctx.person.id or 0, now=ctx.now, broadcast_id=broadcast_id
        )
        if found is None and typed:
            return None  # "đã đọc" with no announcement behind it is ordinary dialogue
        return _reply(ctx, text.READ_THANKS if found is not None else text.NOTHING_TO_READ)

    def _is_admin(self, ctx: EffectContext, incoming: Incoming) -> bool:
        candidates = {
            f"{incoming.channel}:{incoming.user_id}",
            f"{incoming.channel}:{incoming.chat_id}",
        }
        return roles.holds(ctx.session, role="admin", configured=self.admins, candidates=candidates)

    def _starts(self, ctx: EffectContext, send_at: datetime | None) -> str:
        starts = rules.starts_at(max(send_at or ctx.now, ctx.now), self.quiet)
        if starts <= ctx.now:
            return text.NOW_WORD
        return starts.astimezone(ctx.tz).strftime("%H:%M %d/%m/%Y")

    def _env(self, ctx: EffectContext, incoming: Incoming) -> compose.ComposeEnv:
        return self._env_for(ctx, buttons=incoming.channel != "zalo")

    def _env_for(self, ctx: EffectContext, *, buttons: bool) -> compose.ComposeEnv:
        units = [u.name for u in ctx.dialogue.units]
        return compose.ComposeEnv(ctx.now, ctx.tz, units, self.quiet_spec, buttons)


def _typed_read(incoming: Incoming) -> bool:
    return incoming.kind == "text" and fold(incoming.text).strip(" .!") in READ_WORDS


def chain(*hooks: PreStep) -> PreStep:
    """One pre-step out of several: the first that answers wins."""

    def first(ctx: EffectContext, incoming: Incoming) -> StepResult | None:
        for hook in hooks:
            if (answered := hook(ctx, incoming)) is not None:
                return answered
        return None

    return first
