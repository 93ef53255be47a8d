"""Slash commands (/start, /menu, /huy, /tieptuc, /hoso, /trangthai, /huongdan, /xoadulieu,
/dulieucuatoi, /quyenriengtu)."""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue.catalogues import common as text
from bot.dialogue.finishers import resume, show_menu, start_draft
from bot.dialogue.frames import (
    AFTER_PROFILE,
    INTENT_COMMANDS,
    Env,
    close_overlay,
    has_draft,
    open_overlay,
)
from bot.dialogue.machine import show_current
from bot.dialogue.privacy import notice
from bot.dialogue.registry import HOOKS
from bot.dialogue.render import show
from bot.dialogue.types import ExportMyData, ListEntries, State, StepResult
from bot.messages import Outgoing

Command = Callable[[Env, State], StepResult]


def _start(env: Env, state: State) -> StepResult:
    name = (state.get("profile") or {}).get("name") or ""
    return show_menu(env, state, text.WELCOME_BACK.format(name=name))


def _cancel(env: Env, state: State) -> StepResult:
    close_overlay(state)
    if not has_draft(state):
        return show_menu(env, state, text.NO_DRAFT)
    open_overlay(state, "confirm_cancel", "confirm", {"kind": state.get("flow")})
    return show_current(env, state)


def _profile(env: Env, state: State) -> StepResult:
    open_overlay(state, "hoso", "pick", state.get("profile") or {})
    return show_current(env, state)


def _status(env: Env, state: State) -> StepResult:
    return StepResult(state, (), (ListEntries(),))


def _guide(env: Env, state: State) -> StepResult:
    return with_notice(env, state, text.GUIDE)


def _erase(env: Env, state: State) -> StepResult:
    open_overlay(state, "confirm_erase", "confirm")
    return show_current(env, state)


def _my_data(env: Env, state: State) -> StepResult:
    return StepResult(state, (), (ExportMyData(),))


def _privacy(env: Env, state: State) -> StepResult:
    return with_notice(env, state, notice(env))


def _help(env: Env, state: State) -> StepResult:
    return with_notice(env, state, text.HELP)


def with_notice(env: Env, state: State, notice: str) -> StepResult:
    """A long notice as its own message, then the step the user was at (nothing is lost)."""
    if state.get("flow") == "menu" and not state.get("overlay"):
        return show_current(env, state, notice)
    return StepResult(state, (Outgoing(notice), show(env, state)))


def _sang_kien(env: Env, state: State) -> StepResult:
    return start_draft(env, state, "sang_kien")


def _hien_ke(env: Env, state: State) -> StepResult:
    return start_draft(env, state, "hien_ke")


COMMANDS: dict[str, Command] = {
    "start": _start,
    "sangkien": _sang_kien,
    "hienke": _hien_ke,
    "menu": show_menu,
    "huy": _cancel,
    "tieptuc": resume,
    "hoso": _profile,
    "trangthai": _status,
    "huongdan": _guide,
    "xoadulieu": _erase,
    "dulieucuatoi": _my_data,
    "quyenriengtu": _privacy,
    "taidon": lambda env, state: HOOKS.request_dossier(env, state),
    "help": _help,
    "trogiup": _help,
    "lenh": _help,
}
# While the profile is not complete only these make sense; the rest wait for the profile.
BEFORE_PROFILE = (
    "huongdan", "xoadulieu", "dulieucuatoi", "quyenriengtu", "help", "trogiup", "lenh"
)


def run(env: Env, state: State, command: str) -> StepResult:
    name = command.strip().lower().lstrip("/").split("@", 1)[0]
    if not state.get("profile") and name not in BEFORE_PROFILE:
        if name in INTENT_COMMANDS:  # remembered: it starts once the profile is saved
            state[AFTER_PROFILE] = INTENT_COMMANDS[name]
        note = "" if name == "start" else text.FINISH_PROFILE_FIRST
        return show_current(env, state, note)
    handler = COMMANDS.get(name)
    if handler is None:
        unknown = text.UNKNOWN_COMMAND.format(command=name[:30])
        return with_notice(env, state, f"{unknown}\n{text.HELP}")
    return handler(env, state)
