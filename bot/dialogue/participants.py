"""The people who took part in the trial: collected one by one, like co-authors."""

from __future__ import annotations

from typing import Any

from bot.dialogue.authors import people_of
from bot.dialogue.catalogues import sang_kien as text
from bot.dialogue.errors import Invalid
from bot.dialogue.steps import Ctx, Move
from bot.messages import Button

FIELD = "trial_participants"
KEYS = ("name", "birth_date", "workplace", "position", "qualification", "task")
MAX_PARTICIPANTS = 20


def complete(ctx: Ctx) -> list[dict[str, Any]]:
    """Participants whose questions are all answered (the task is asked last)."""
    return [p for p in people_of(ctx.answers, FIELD, ctx.profile) if p.get("task")]


def more_choices(ctx: Ctx) -> tuple[Button, ...]:
    buttons = [Button(text.PARTICIPANT_ADD, "participant:add")]
    if complete(ctx):
        buttons += [
            Button(text.PARTICIPANT_DONE, "participant:done"),
            Button(text.PARTICIPANT_REMOVE, "participant:remove"),
        ]
    return tuple(buttons)


def more_route(ctx: Ctx, value: Any) -> Move:
    """Add one (a half-entered one is dropped first), remove the last, or go on."""
    people = complete(ctx)
    if value == "participant:add":
        if len(people) >= MAX_PARTICIPANTS:
            raise Invalid(text.TOO_MANY_PARTICIPANTS.format(limit=MAX_PARTICIPANTS))
        return Move("participant_name", index=len(people), answers={**ctx.answers, FIELD: people})
    if value == "participant:remove" and people:
        answers = {**ctx.answers, FIELD: people[:-1] or None}
        return Move(FIELD, answers=answers, reset_stack=False)
    return Move("attachments", answers={**ctx.answers, FIELD: people or None})


def to_more(ctx: Ctx, value: Any) -> Move:
    return Move(FIELD)


def participant_vars(ctx: Ctx) -> dict[str, str]:
    people = people_of(ctx.answers, FIELD, ctx.profile)
    current = people[ctx.index] if ctx.index < len(people) else {}
    done = complete(ctx)
    listed = [
        text.PARTICIPANT_LINE.format(n=i, name=p.get("name", ""), task=p.get("task", ""))
        for i, p in enumerate(done, start=1)
    ]
    hint = text.PARTICIPANTS_SOME.format(lines="\n".join(listed)) if done else text.PARTICIPANTS_NONE
    return {
        "participant_name": str(current.get("name") or ""),
        "participant_n": str(ctx.index + 1),
        "participants_hint": hint,
    }
