"""Reopening an entry marked Cần bổ sung: load it into the review step, resubmit, same code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import revision as text
from bot.dialogue.finishers import finish
from bot.dialogue.frames import Env, Limits, close_overlay, has_draft, set_main
from bot.dialogue.machine import show_current
from bot.dialogue.registry import FLOWS
from bot.dialogue.render import show
from bot.dialogue.types import State, StepResult
from bot.messages import Button, Outgoing

REVISING = "revising"  # main-frame key: the tracking code being amended
REVISE_PREFIX = "revise:"  # button value that reopens an entry (from the author's notice)
COMMAND = "bosunghoso"


@dataclass(frozen=True)
class Resubmit:
    """Store the amended entry under its code; the runner then calls on_resubmitted."""

    code: str
    kind: str
    title: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class Revisable:
    """One of the author's entries waiting for amendments."""

    code: str
    kind: str
    title: str
    fields: Mapping[str, Any]
    note: str | None


def env_for(dialogue: Limits, now: datetime) -> Env:
    return Env(
        now=now,
        units=dialogue.units,
        max_attachment_bytes=dialogue.max_attachment_bytes,
        finish=finish,
    )


def on_loaded(env: Env, state: State, entry: Revisable) -> StepResult:
    """The entry's answers at the review step; the author edits fields, then sends."""
    if has_draft(state) and state.get(REVISING) != entry.code:
        kind = common.KIND_NAMES.get(str(state.get("flow")), "")
        return show_current(env, state, text.DRAFT_FIRST.format(kind=kind, code=entry.code))
    if entry.kind not in FLOWS:
        return show_current(env, state, text.NOT_REVISABLE.format(code=entry.code))
    close_overlay(state)
    set_main(state, entry.kind, "review", dict(entry.fields))
    state[REVISING] = entry.code
    opened = text.OPENED.format(code=entry.code)
    if entry.note:
        opened = f"{opened}\n{text.OPENED_NOTE.format(note=entry.note)}"
    return show_current(env, state, opened)


def none_to_revise(env: Env, state: State) -> StepResult:
    return show_current(env, state, text.NONE_TO_REVISE)


def not_revisable(env: Env, state: State, code: str) -> StepResult:
    return show_current(env, state, text.NOT_REVISABLE.format(code=code[:20]))


def choose(env: Env, state: State, entries: Sequence[Revisable], *, buttons: bool) -> StepResult:
    """Several entries wait: buttons (Telegram, web) or typed commands (Zalo) to pick one."""
    header = text.CHOOSE.format(count=len(entries))
    if buttons:
        picks = tuple(Button(e.code, f"{REVISE_PREFIX}{e.code}") for e in entries)
        return StepResult(state, (Outgoing(header, picks), show(env, state)))
    lines = [header, *(text.CHOOSE_TYPED.format(code=e.code, title=e.title[:80]) for e in entries)]
    return StepResult(state, (Outgoing("\n".join(lines)), show(env, state)))


def resubmit(state: State, *, kind: str, title: str, fields: dict[str, Any]) -> StepResult:
    code = str(state.get(REVISING) or "")
    effect = Resubmit(code=code, kind=kind, title=title, fields=fields)
    # StepResult types effects as the built-in ones; the runner dispatches any effect type.
    return StepResult(state, (), cast(Any, (effect,)))


def on_resubmitted(env: Env, state: State, *, code: str) -> StepResult:
    close_overlay(state)
    set_main(state, "menu", "menu")
    return show_current(env, state, text.RESUBMITTED.format(code=code))


def on_resubmit_refused(env: Env, state: State, *, code: str, reason: str) -> StepResult:
    close_overlay(state)
    set_main(state, "menu", "menu")
    return show_current(env, state, text.RESUBMIT_REFUSED.format(code=code, reason=reason))
