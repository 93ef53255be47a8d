"""Effect handlers: what the runner does, inside the update's transaction, for each effect.

A handler gets an EffectContext and the effect; it may return a follow-up StepResult (the
dialogue's answer to what happened, e.g. the tracking code). Features add handlers in their
own modules and register them in webhook/app.py (`Runner(extra_handlers=...)`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.dialogue import Dialogue
from bot.dialogue.types import (
    EntrySummary,
    ListEntries,
    SaveProfile,
    StepResult,
    Submit,
)
from storage import files, queries
from storage.models import Identity, Person, Submission

log = logging.getLogger(__name__)


@dataclass
class EffectContext:
    """Everything a handler may touch: the open transaction and the user it runs for."""

    session: Session
    identity: Identity
    person: Person
    state: dict[str, Any]
    now: datetime
    dialogue: Dialogue
    tz: ZoneInfo
    # Run once the update's transaction has committed (removing files of erased data).
    after_commit: list[Callable[[], None]] = field(default_factory=list)


Handler = Callable[[EffectContext, Any], StepResult | None]


def save_profile(ctx: EffectContext, effect: SaveProfile) -> None:
    queries.save_profile(
        ctx.session, person=ctx.person, profile=effect.profile, consent_at=effect.consent_at
    )


def submit(ctx: EffectContext, effect: Submit) -> StepResult:
    submission = store_submission(ctx, effect)
    return ctx.dialogue.on_submitted(ctx.state, code=submission.code, kind=effect.kind, now=ctx.now)


def store_submission(ctx: EffectContext, effect: Submit) -> Submission:
    """The new submission with its tracking code and attachments (the writing help adds more)."""
    code = queries.next_code(ctx.session, kind=effect.kind, year=ctx.now.astimezone(ctx.tz).year)
    submission = queries.create_submission(
        ctx.session,
        identity=ctx.identity,
        person=ctx.person,
        kind=effect.kind,
        title=effect.title,
        fields=effect.fields,
        code=code,
        now=ctx.now,
    )
    files.add_files(
        ctx.session,
        submission_id=submission.id or 0,
        channel=ctx.identity.channel,
        attachments=list(effect.fields.get("attachments") or []),
        now=ctx.now,
    )
    log.info("submission %s stored", code)
    return submission


def list_entries(ctx: EffectContext, _effect: ListEntries) -> StepResult:
    rows = queries.person_submissions(ctx.session, person_id=ctx.person.id or 0)
    entries = [
        EntrySummary(r.code, r.kind, r.title, r.status, r.submitted_at)  # type: ignore[arg-type]
        for r in rows
    ]
    return ctx.dialogue.on_entries(ctx.state, entries)


BUILTIN_HANDLERS: dict[type, Handler] = {
    SaveProfile: save_profile,
    Submit: submit,
    ListEntries: list_entries,
}
