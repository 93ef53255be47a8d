"""The runner's pre-step: reviewer commands and notes, and authors reopening an entry."""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue import revision
from bot.dialogue.types import StepResult
from bot.effects import EffectContext
from bot.messages import Incoming, Outgoing
from bot.review import catalogue as text
from bot.review import commands, step
from bot.review.commands import CANCEL, ReviewCommand
from storage import queries, roles
from storage import review as store
from storage.models import Submission


class ReviewHook:
    """Answers reviewer input from reviewers, refuses it from anyone else, and lets authors
    reopen entries marked Cần bổ sung; everything else goes on to the dialogue (None)."""

    def __init__(self, *, reviewers: Sequence[str]) -> None:
        self.reviewers = tuple(reviewers)

    def __call__(self, ctx: EffectContext, incoming: Incoming) -> StepResult | None:
        reopen = _reopen_request(incoming)
        if reopen is not None:
            return open_for_revision(ctx, incoming, reopen or None)
        if incoming.kind == "command" and incoming.command == commands.HELP:
            if not self._is_reviewer(ctx, incoming):
                return step.impostor(ctx.state)
            return StepResult(ctx.state, (Outgoing(text.REVIEWER_HELP),))
        command = commands.parse(incoming)
        waiting = step.pending(ctx.state, ctx.now, incoming.chat_id)
        if command is None and waiting is None:
            if step.expired(ctx.state, ctx.now):
                ctx.state.pop(step.PENDING, None)
            return self._group(ctx, incoming)
        if not self._is_reviewer(ctx, incoming):
            ctx.state.pop(step.PENDING, None)
            return step.impostor(ctx.state) if command else None
        if command is not None:
            return self._command(ctx, incoming, command)
        if incoming.kind == "text":
            return step.on_note(ctx.state, incoming.text, ctx.now, incoming.chat_id)
        code = str((waiting or {}).get("code", ""))
        if incoming.kind == "command":  # /huy, or any command: the question is dropped
            return self._command(ctx, incoming, ReviewCommand(CANCEL, code))
        ctx.state.pop(step.PENDING, None)
        return None

    def _command(
        self, ctx: EffectContext, incoming: Incoming, command: ReviewCommand
    ) -> StepResult:
        found = queries.get_submission(ctx.session, code=command.code)
        entry = step.EntryView(found.code, found.kind, found.status, found.title) if found else None
        buttons = incoming.channel != "zalo"
        return step.on_command(
            ctx.state, command, entry, buttons=buttons, now=ctx.now, chat=incoming.chat_id
        )

    def _is_reviewer(self, ctx: EffectContext, incoming: Incoming) -> bool:
        # A reviewer chat may be a group: whoever writes in it acts for the council.
        candidates = {
            f"{incoming.channel}:{incoming.user_id}",
            f"{incoming.channel}:{incoming.chat_id}",
        }
        return roles.holds(
            ctx.session, role="reviewer", configured=self.reviewers, candidates=candidates
        )

    def _group(self, ctx: EffectContext, incoming: Incoming) -> StepResult | None:
        """In a reviewer group the dialogue stays silent; a command gets the reviewer help."""
        if incoming.chat_id == incoming.user_id:
            return None
        group = f"{incoming.channel}:{incoming.chat_id}"
        if not roles.holds(
            ctx.session, role="reviewer", configured=self.reviewers, candidates={group}
        ):
            return None
        help_text = (Outgoing(text.REVIEWER_HELP),) if incoming.kind == "command" else ()
        return StepResult(ctx.state, help_text)


def _reopen_request(incoming: Incoming) -> str | None:
    """The code to reopen ("" for "whichever needs it"), or None when not a reopen request."""
    if incoming.kind == "choice" and (incoming.choice or "").startswith(revision.REVISE_PREFIX):
        return (incoming.choice or "").removeprefix(revision.REVISE_PREFIX).upper()
    if incoming.kind == "command" and incoming.command == revision.COMMAND:
        found = commands.CODE.search(incoming.text or "")
        return found.group(1).upper() if found else ""
    return None


def open_for_revision(ctx: EffectContext, incoming: Incoming, code: str | None) -> StepResult:
    env = revision.env_for(ctx.dialogue, ctx.now)
    entries = [
        _revisable(ctx, submission)
        for submission in store.revisable(ctx.session, person_id=ctx.person.id or 0)
    ]
    if code:
        chosen = next((e for e in entries if e.code == code), None)
        if chosen is None:
            return revision.not_revisable(env, ctx.state, code)
        return revision.on_loaded(env, ctx.state, chosen)
    if not entries:
        return revision.none_to_revise(env, ctx.state)
    if len(entries) == 1:
        return revision.on_loaded(env, ctx.state, entries[0])
    return revision.choose(env, ctx.state, entries, buttons=incoming.channel != "zalo")


def _revisable(ctx: EffectContext, submission: Submission) -> revision.Revisable:
    history = queries.submission_history(ctx.session, submission_id=submission.id or 0)
    note = next((h.note for h in reversed(history) if h.status == "needs_revision"), None)
    return revision.Revisable(
        submission.code, submission.kind, submission.title, submission.fields, note
    )
