"""Applies one inbound update in one transaction: dedupe, lock, step, effects, outbox, commit."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import inspect
from sqlmodel import Session

from bot.dialogue import Dialogue
from bot.dialogue.types import StepResult
from bot.effects import BUILTIN_HANDLERS, EffectContext, Handler
from bot.messages import Incoming, Outgoing
from storage import outbox, queries
from storage.db import Database
from storage.models import Identity, Person
from storage.types import utcnow

log = logging.getLogger(__name__)
# Answers an update before the dialogue does (None: not mine, let the dialogue step).
PreStep = Callable[[EffectContext, Incoming], StepResult | None]
Observe = Callable[[str, str, float], None]


@dataclass
class _Timing:
    """perf_counter() readings of one update: handed to the writer, and its work started."""

    submitted: float
    started: float = 0.0


@dataclass(frozen=True)
class Handled:
    """What became of one update: a duplicate has no effect and no replies."""

    duplicate: bool
    replies: tuple[Outgoing, ...] = ()


@dataclass(frozen=True)
class _Outcome:
    handled: Handled
    after: list[Callable[[], None]]


class Runner:
    """The only path from an Incoming to stored state and queued replies."""

    def __init__(
        self,
        *,
        db: Database,
        dialogue: Dialogue,
        timezone: str = "Asia/Ho_Chi_Minh",
        on_commit: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        extra_handlers: Mapping[type, Handler] | None = None,
        pre_step: PreStep | None = None,
        observe: Observe | None = None,
    ) -> None:
        self.db = db
        self.dialogue = dialogue
        self.tz = ZoneInfo(timezone)
        self.on_commit = on_commit or (lambda: None)
        self.clock = clock
        self.handlers: dict[type, Handler] = {**BUILTIN_HANDLERS, **(extra_handlers or {})}
        self.pre_step = pre_step
        self.observe = observe  # (channel, stage, seconds): the write_wait and transaction stages

    def handle(self, incoming: Incoming) -> Handled:
        """Blocking: run in a worker thread. Returns only after the transaction committed."""
        timing = _Timing(submitted=time.perf_counter())
        outcome = self.db.run_write(partial(self._transaction, incoming, timing))
        return self._committed(incoming, outcome, timing)

    def _transaction(self, incoming: Incoming, timing: _Timing, session: Session) -> _Outcome:
        """Everything one update changes, inside its write transaction.

        May run again after a rollback (group commit): all it changes is in `session`; what
        must wait for the commit goes in the outcome's `after`.
        """
        timing.started = time.perf_counter()
        now = self.clock()
        after: list[Callable[[], None]] = []
        if not queries.claim_update(session, key=incoming.dedupe_key, now=now):
            log.info("duplicate update %s ignored", incoming.dedupe_key)
            return _Outcome(Handled(duplicate=True), after)
        # The platform's display name is never stored: nothing reads it, and before
        # consent nothing about the person may be kept.
        identity, person, state = queries.open_conversation(
            session,
            channel=incoming.channel,
            user_id=incoming.user_id,
            chat_id=incoming.chat_id,
            now=now,
        )
        identity.unreachable_at = None  # they wrote to us, so they can be reached again
        result = self._step(session, identity, person, state, incoming, now, after)
        state, replies = self._apply(session, identity, person, result, now, after)
        self._finish(session, identity, person, incoming, state, replies, now)
        return _Outcome(Handled(duplicate=False, replies=tuple(replies)), after)

    def _committed(self, incoming: Incoming, outcome: _Outcome, timing: _Timing) -> Handled:
        done = time.perf_counter()
        if self.observe is not None:
            self.observe(incoming.channel, "write_wait", timing.started - timing.submitted)
            self.observe(incoming.channel, "transaction", done - timing.started)
        if not outcome.handled.duplicate:
            self.on_commit()
        for task in outcome.after:  # files of erased data go only once the erasure is committed
            _run_after(task)
        return outcome.handled

    def _finish(
        self,
        session: Session,
        identity: Identity,
        person: Person,
        incoming: Incoming,
        state: dict[str, Any],
        replies: list[Outgoing],
        now: datetime,
    ) -> None:
        """Save the state and queue the replies; an identity a handler removed (consent
        declined) leaves no state behind and its replies name no identity."""
        session.flush()
        if inspect(identity).was_deleted:
            self._deliver(session, None, incoming, replies, now, consented=False)
            return
        queries.store_state(session, identity_id=identity.id or 0, state=state, now=now)
        consented = bool(state.get("consent_at") or person.consent_at)
        self._deliver(session, identity, incoming, replies, now, consented=consented)

    def _step(
        self,
        session: Session,
        identity: Identity,
        person: Person,
        state: dict[str, Any],
        incoming: Incoming,
        now: datetime,
        after: list[Callable[[], None]],
    ) -> StepResult:
        """The pre-step (reviewer commands, reopening an entry) may answer before the dialogue."""
        if self.pre_step is not None:
            ctx = EffectContext(
                session, identity, person, state, now, self.dialogue, self.tz, after
            )
            answered = self.pre_step(ctx, incoming)
            if answered is not None:
                return answered
        return self.dialogue.step(state, incoming, now)

    def _apply(
        self,
        session: Session,
        identity: Identity,
        person: Person,
        result: StepResult,
        now: datetime,
        after: list[Callable[[], None]],
    ) -> tuple[dict[str, Any], list[Outgoing]]:
        replies = list(result.replies)
        state = result.state
        pending = list(result.effects)
        while pending:
            effect = pending.pop(0)
            follow = self._effect(session, identity, person, state, effect, now, after)
            if follow is not None:
                state = follow.state
                replies.extend(follow.replies)
                pending.extend(follow.effects)
        return state, replies

    def _effect(
        self,
        session: Session,
        identity: Identity,
        person: Person,
        state: dict[str, Any],
        effect: object,
        now: datetime,
        after: list[Callable[[], None]],
    ) -> StepResult | None:
        handler = self.handlers.get(type(effect))
        if handler is None:
            raise TypeError(f"no handler for effect {effect!r}")
        ctx = EffectContext(session, identity, person, state, now, self.dialogue, self.tz, after)
        return handler(ctx, effect)

    def _deliver(
        self,
        session: Session,
        identity: Identity | None,
        incoming: Incoming,
        replies: list[Outgoing],
        now: datetime,
        *,
        consented: bool,
    ) -> None:
        payloads = [reply.to_json() for reply in replies]
        if incoming.channel == "web":
            # The page reads the transcript itself: there is no platform to deliver to.
            # Before consent only a pressed button shows (our own label), never typed text.
            if consented or incoming.kind == "choice":
                queries.add_web_messages(
                    session,
                    chat_id=incoming.chat_id,
                    role="user",
                    payloads=[_echo(incoming)],
                    now=now,
                )
            queries.add_web_messages(
                session, chat_id=incoming.chat_id, role="bot", payloads=payloads, now=now
            )
            return
        outbox.enqueue(
            session,
            channel=incoming.channel,
            chat_id=incoming.chat_id,
            identity_id=identity.id if identity is not None else None,
            payloads=payloads,
            now=now,
        )


def _run_after(task: Callable[[], None]) -> None:
    try:
        task()
    except Exception:  # the transaction is committed; a leftover file is logged, not fatal
        log.exception("a task after the commit failed")


def _echo(incoming: Incoming) -> dict[str, Any]:
    """How the user's own message shows in the web transcript."""
    if incoming.kind == "file" and incoming.attachment is not None:
        return {"text": incoming.attachment.file_name or "(tệp đính kèm)", "kind": "file"}
    if incoming.kind == "choice":
        return {"text": incoming.text or incoming.choice or "", "kind": "choice"}
    return {"text": incoming.text if incoming.kind != "command" else f"/{incoming.command}"}
