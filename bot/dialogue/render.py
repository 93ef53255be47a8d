"""Turning the current step into a reply: prompt text and buttons, the same for every channel."""

from __future__ import annotations

from typing import Any

from bot.dialogue import authors
from bot.dialogue.catalogues import common as text
from bot.dialogue.catalogues import profile as profile_text
from bot.dialogue.dates import format_iso
from bot.dialogue.frames import Env, active, has_draft
from bot.dialogue.registry import HOOKS, lookup
from bot.dialogue.review import display, edit_buttons, summary
from bot.dialogue.steps import Ctx, Flow, Step
from bot.dialogue.types import State
from bot.dialogue.units import unit_value
from bot.messages import Button, Outgoing

SHOWN_VALUE = 300  # characters of a previous answer quoted back to the user
BACK = Button(text.BACK, "nav:back")
SKIP = Button(text.SKIP, "nav:skip")
EXAMPLE = Button(text.EXAMPLE, "nav:example")
KEEP = Button(text.KEEP, "nav:keep")
FILES_DONE = Button(text.DONE, "files:done")
UNIT_OTHER = Button(profile_text.UNIT_OTHER, "unit:other")


class _Vars(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, flow: Flow, ctx: Ctx) -> str:
    return template.format_map(_Vars(flow.vars(ctx) if flow.vars else {}))


def current_value(step: Step, ctx: Ctx) -> Any:
    """What the user already answered at this step (going back, editing, resuming)."""
    if step.author_key:
        people = authors.people_of(ctx.answers, step.field or "authors", ctx.profile)
        return people[ctx.index].get(step.author_key) if ctx.index < len(people) else None
    return ctx.answers.get(step.field) if step.field else None


def buttons(env: Env, state: State) -> tuple[Button, ...]:
    """The buttons of the active step, in the order every channel shows (and Zalo numbers) them."""
    frame = active(state)
    found = lookup(frame)
    if not found:
        return ()
    flow, step = found
    ctx = env.ctx(state, frame)
    found_buttons = list(_main_buttons(env, flow, step, ctx, frame))
    if step.text.example:
        found_buttons.append(EXAMPLE)
    if step.kind == "text" and step.stores and current_value(step, ctx) is not None:
        found_buttons.append(KEEP)
    # Once files or people were added, «Bỏ qua» would throw them away: «Xong» goes on instead.
    if step.optional and not (step.kind in ("files", "choice") and ctx.answers.get(step.field or "")):
        found_buttons.append(SKIP)
    # At the first step of a draft, back leads to the menu (the draft is kept).
    if frame.get("stack") or (frame is state and has_draft(state)):
        found_buttons.append(BACK)
    return tuple(found_buttons)


def _main_buttons(
    env: Env, flow: Flow, step: Step, ctx: Ctx, frame: dict[str, Any]
) -> tuple[Button, ...]:
    if step.kind == "unit":
        matches = (frame.get("pending") or {}).get("matches") or []
        return (*(Button(str(name), unit_value(str(name))) for name in matches), UNIT_OTHER)
    if step.kind == "files":
        return (FILES_DONE,) if ctx.answers.get(step.field or "") else ()
    if step.kind == "edit_pick":
        return (*edit_buttons(flow), *HOOKS.edit_extra(flow, ctx.answers))
    return step.choices(ctx)


def prompt(env: Env, state: State) -> str:
    frame = active(state)
    found = lookup(frame)
    if not found:
        return text.MENU_PROMPT
    flow, step = found
    ctx = env.ctx(state, frame)
    if step.kind == "review":
        notes = HOOKS.review_notes(flow, ctx.answers, ctx.today)
        return summary(flow, flow.review_header, ctx.answers, notes)
    if step.kind == "unit" and frame.get("pending"):
        return _unit_prompt(frame["pending"])
    return _question(flow, step, ctx)


def _question(flow: Flow, step: Step, ctx: Ctx) -> str:
    progress = ""
    if flow.show_progress and step.field in flow.fields:
        progress = text.PROGRESS.format(n=flow.fields.index(step.field) + 1, total=len(flow.fields))
    mark = text.OPTIONAL_MARK if step.optional else ""
    lines = [progress + fill(step.text.question, flow, ctx) + mark]
    if step.text.guidance:
        lines.append(fill(step.text.guidance, flow, ctx))
    value = current_value(step, ctx) if step.kind == "text" else None
    if value is not None:
        shown = _shown(flow, step, value)
        if len(shown) > SHOWN_VALUE:
            shown = shown[:SHOWN_VALUE].rstrip() + "…"
        lines.append(text.CURRENT_ANSWER.format(value=shown))
    return "\n".join(lines)


def _shown(flow: Flow, step: Step, value: Any) -> str:
    if step.author_key == "birth_date":
        return format_iso(value)
    if step.author_key:
        return str(value)
    return display(flow, step.field or "", value)


def _unit_prompt(pending: dict[str, Any]) -> str:
    matches = pending.get("matches") or []
    if not matches:
        return profile_text.UNIT_NONE.format(query=pending.get("query", ""))
    total = int(pending.get("total") or len(matches))
    if total > len(matches):
        return f"{profile_text.UNIT_FOUND}\n{profile_text.UNIT_FOUND_MORE.format(total=total, shown=len(matches))}"
    return profile_text.UNIT_FOUND


def show(env: Env, state: State, note: str = "") -> Outgoing:
    """The active step as one message, with an optional note (an error, a confirmation) first."""
    body = prompt(env, state)
    return Outgoing(
        text=f"{note}\n\n{body}" if note else body,
        buttons=buttons(env, state),
        free_answer=_wants_words(state),
    )


def _wants_words(state: State) -> bool:
    """The step waits for typed words or files; its buttons only help (example, skip, back)."""
    frame = active(state)
    found = lookup(frame)
    if not found:
        return False
    step = found[1]
    if step.kind == "unit":
        return not (frame.get("pending") or {}).get("matches")
    return step.kind in ("text", "files")
