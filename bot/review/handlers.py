"""Effect handlers of reviewing: a reviewer's status change, an author's resubmission."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from bot import notify, status
from bot.dialogue import revision
from bot.dialogue.catalogues import revision as revision_text
from bot.dialogue.flows import FLOWS
from bot.dialogue.types import StepResult
from bot.effects import EffectContext, Handler
from bot.messages import Outgoing
from bot.review import catalogue as text
from bot.review import step
from bot.review.effects import ChangeStatus
from bot.review.transitions import refusal
from storage import files, roles
from storage import review as store
from storage.models import Submission

log = logging.getLogger(__name__)


class ReviewHandlers:
    """Registered with the runner (`Runner(extra_handlers=ReviewHandlers(...).handlers())`)."""

    def __init__(self, *, reviewers: Sequence[str]) -> None:
        self.reviewers = tuple(reviewers)

    def handlers(self) -> dict[type, Handler]:
        return {ChangeStatus: self.change_status, revision.Resubmit: self.resubmit}

    def change_status(self, ctx: EffectContext, effect: ChangeStatus) -> StepResult:
        outcome = status.change(
            ctx.session,
            code=effect.code,
            status=effect.status,
            note=effect.note,
            by=f"{ctx.identity.channel}:{ctx.identity.channel_user_id}",
            now=ctx.now,
        )
        if outcome.submission is None:
            return step.on_unknown(ctx.state, code=effect.code)
        if outcome.reason is not None:
            return step.on_refused(ctx.state, code=effect.code, reason=outcome.reason)
        return step.on_changed(ctx.state, code=effect.code, status=effect.status)

    def resubmit(self, ctx: EffectContext, effect: revision.Resubmit) -> StepResult:
        env = revision.env_for(ctx.dialogue, ctx.now)
        submission = store.lock_submission(ctx.session, code=effect.code)
        reason = text.UNKNOWN_CODE.format(code=effect.code)
        if submission is not None and submission.person_id == ctx.person.id:
            reason = refusal(submission.kind, submission.status, "submitted", actor="author") or ""
        if submission is None or reason:
            return revision.on_resubmit_refused(env, ctx.state, code=effect.code, reason=reason)
        changed = _changed_fields(submission.fields, effect.fields)
        _amend(ctx, submission, effect)
        self._tell_reviewers(ctx, effect, changed)
        log.info("submission %s amended and resubmitted", effect.code)
        return revision.on_resubmitted(env, ctx.state, code=effect.code)

    def _tell_reviewers(
        self, ctx: EffectContext, effect: revision.Resubmit, changed: list[str]
    ) -> None:
        # The entry is in a digest batch already (one batch per entry): tell reviewers directly.
        message = Outgoing(
            text.RESUBMITTED.format(
                code=effect.code,
                title=effect.title,
                fields=", ".join(changed) or text.NOTHING_CHANGED,
            )
        )
        for principal in roles.principals(ctx.session, role="reviewer", configured=self.reviewers):
            channel, chat_id = notify.split_principal(principal)
            notify.to_chat(
                ctx.session, channel, chat_id, [message], now=ctx.now, priority=notify.NOTICE
            )


def _amend(ctx: EffectContext, submission: Submission, effect: revision.Resubmit) -> None:
    """New content, back to Đã tiếp nhận (history kept), newly attached files fetched."""
    old_refs = {str(f.get("file_ref")) for f in submission.fields.get("attachments") or []}
    added = [
        f for f in effect.fields.get("attachments") or [] if str(f.get("file_ref")) not in old_refs
    ]
    store.amend(
        ctx.session, submission=submission, title=effect.title, fields=effect.fields, now=ctx.now
    )
    store.change_status(
        ctx.session,
        submission=submission,
        status="submitted",
        by=f"{ctx.identity.channel}:{ctx.identity.channel_user_id}",
        note=revision_text.RESUBMIT_NOTE,
        now=ctx.now,
    )
    files.add_files(
        ctx.session,
        submission_id=submission.id or 0,
        channel=ctx.identity.channel,
        attachments=added,
        now=ctx.now,
    )


def _changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The Vietnamese labels of the fields the author changed, for the reviewers."""
    labels: dict[str, str] = {}
    for flow in FLOWS.values():
        labels.update(flow.field_labels)
    return [labels.get(name, name) for name in after if before.get(name) != after.get(name)]
