"""Moving through a declared flow: accept an answer, route, go back, skip, keep, show the example."""

from __future__ import annotations

from typing import Any

from bot.dialogue import authors, render
from bot.dialogue.catalogues import common as text
from bot.dialogue.errors import Invalid
from bot.dialogue.frames import Env, active, parse_entry, push
from bot.dialogue.registry import lookup
from bot.dialogue.steps import FINISH, Move
from bot.dialogue.types import SaveProfile, State, StepResult


def show_current(env: Env, state: State, note: str = "") -> StepResult:
    """Re-show the active step, after a note (an error message, a notice) when given."""
    return StepResult(state=state, replies=(render.show(env, state, note),))


def accept(env: Env, state: State, value: Any) -> StepResult:
    """Store the answer of the active step, then follow its route (or the next step)."""
    frame = active(state)
    found = lookup(frame)
    if found is None:
        return show_current(env, state)
    flow, step = found
    answers = dict(frame.get("answers") or {})
    if step.stores and step.field:
        if step.author_key:
            ctx = env.ctx(state, frame)
            answers = authors.store(answers, ctx, step.author_key, value, step.field)
        else:
            answers[step.field] = value
    try:
        move = step.route(env.ctx(state, frame, answers), value) if step.route else None
    except Invalid as refused:
        return show_current(env, state, refused.message)
    frame["answers"] = answers
    return goto(env, state, move or Move(flow.after(step.name), index=frame.get("index", 0)))


def goto(env: Env, state: State, move: Move) -> StepResult:
    """Apply a Move to the active frame; an edit from the review returns to the review."""
    frame = active(state)
    found = lookup(frame)
    if found is None:
        return show_current(env, state)
    flow, _ = found
    if move.answers is not None:
        frame["answers"] = dict(move.answers)
    for effect in move.effects:
        if isinstance(effect, SaveProfile):
            state["profile"] = dict(effect.profile)
    if move.to == FINISH:
        result = env.finish(env, state, flow, move.note)
        return StepResult(result.state, result.replies, (*move.effects, *result.effects))
    target, index = move.to, move.index
    target_step = flow.get(target)
    editing = frame.get("editing")
    if editing and (target_step is None or target_step.field != editing):
        target, index = "review", 0
        frame["stack"] = frame.pop("review_stack", [])
        frame.pop("editing", None)
    elif move.reset_stack:
        frame["stack"] = []
    elif (target, index) != (frame.get("step"), frame.get("index", 0)):
        push(frame)
    frame["step"], frame["index"] = target, index
    frame.pop("pending", None)
    replies = () if move.quiet else (render.show(env, state, move.note),)
    return StepResult(state, replies, move.effects)


def back(env: Env, state: State) -> StepResult:
    frame = active(state)
    stack = list(frame.get("stack") or [])
    if not stack:
        return show_current(env, state)
    step, index = parse_entry(stack.pop())
    frame["stack"] = stack
    if frame.get("editing") and step == "review":
        frame["stack"] = frame.pop("review_stack", [])
        frame.pop("editing", None)
    frame["step"], frame["index"] = step, index
    frame.pop("pending", None)
    return show_current(env, state)


def skip(env: Env, state: State) -> StepResult:
    found = lookup(active(state))
    if found is None or not found[1].optional:
        return show_current(env, state, text.SKIP_REQUIRED)
    return accept(env, state, [] if found[1].kind == "files" else None)


def keep(env: Env, state: State) -> StepResult:
    """Go on with the answer already given (after going back or when editing)."""
    frame = active(state)
    found = lookup(frame)
    value = render.current_value(found[1], env.ctx(state, frame)) if found else None
    if value is None:
        return show_current(env, state, text.KEEP_NOTHING)
    return accept(env, state, value)


def example(env: Env, state: State) -> StepResult:
    frame = active(state)
    found = lookup(frame)
    if found is None or not found[1].text.example:
        return show_current(env, state, text.NO_EXAMPLE)
    flow, step = found
    sample = render.fill(step.text.example, flow, env.ctx(state, frame))
    return show_current(env, state, f"{text.EXAMPLE_HEADER}\n{sample}")
