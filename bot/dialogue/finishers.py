"""What happens when a flow completes: consent, profile, /hoso, menu picks and confirmations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.dialogue.catalogues import common as text
from bot.dialogue.catalogues import profile as profile_text
from bot.dialogue.frames import (
    AFTER_PROFILE,
    INTENT_COMMANDS,
    PROFILE_KEYS,
    Env,
    active,
    close_overlay,
    has_draft,
    open_overlay,
    set_main,
)
from bot.dialogue.machine import show_current
from bot.dialogue.registry import FLOWS, HOOKS
from bot.dialogue.steps import Flow
from bot.dialogue.types import (
    DeclineConsent,
    DeleteMyData,
    ListEntries,
    SaveProfile,
    State,
    StepResult,
)


def finish(env: Env, state: State, flow: Flow, note: str) -> StepResult:
    handler = FINISHERS.get(flow.finish)
    if handler is None:  # a flow that never finishes through a Move (menu, review)
        return show_current(env, state, note)
    return handler(env, state, note)


def _answer(state: State) -> str:
    return str((active(state).get("answers") or {}).get("confirm") or "")


def _consent(env: Env, state: State, note: str) -> StepResult:
    if (state.get("answers") or {}).get("consent") != "consent:yes":
        # The runner forgets the account; Dialogue.on_declined says what is (not) kept.
        return StepResult({}, (), (DeclineConsent(),))
    state["consent_at"] = env.now.isoformat()
    set_main(state, "profile", "name")
    return show_current(env, state, text.CONSENT_THANKS)


def _profile(env: Env, state: State, note: str) -> StepResult:
    answers = state.get("answers") or {}
    profile = {key: answers.get(key) for key in PROFILE_KEYS}
    state["profile"] = profile
    save = SaveProfile(profile=profile, consent_at=_consent_time(state, env.now))
    set_main(state, "menu", "menu")
    saved = text.PROFILE_SAVED.format(name=profile["name"])
    wanted = state.pop(AFTER_PROFILE, None)  # /sangkien or /hienke was the first message
    if wanted in INTENT_COMMANDS.values():
        result = start_draft(env, state, str(wanted), note=saved)
    else:
        result = show_current(env, state, saved)
    return StepResult(result.state, result.replies, (save,))


def _consent_time(state: State, now: datetime) -> datetime:
    """When the user pressed Đồng ý (kept in the state until the profile is saved)."""
    try:
        return datetime.fromisoformat(str(state.get("consent_at")))
    except ValueError:
        return now


def _hoso(env: Env, state: State, note: str) -> StepResult:
    close_overlay(state)
    return show_current(env, state, profile_text.HOSO_DONE)


def _cancel(env: Env, state: State, note: str) -> StepResult:
    confirmed = _answer(state) == "cancel:yes"
    close_overlay(state)
    if not confirmed:
        return show_current(env, state)
    set_main(state, "menu", "menu")
    return show_current(env, state, text.CANCELLED)


def _erase(env: Env, state: State, note: str) -> StepResult:
    if _answer(state) != "erase:yes":
        close_overlay(state)
        return show_current(env, state, text.NOT_ERASED)
    # Nothing personal stays in the conversation state either: the next message starts over.
    # The runner erases, then Dialogue.on_erased says exactly what stays.
    return StepResult({}, (), (DeleteMyData(),))


def _conflict(env: Env, state: State, note: str) -> StepResult:
    choice = _answer(state)
    new_kind = str((active(state).get("answers") or {}).get("new_kind") or "")
    close_overlay(state)
    if choice == "draft:new" and new_kind in FLOWS:
        return start_draft(env, state, new_kind, replace=True)
    return resume(env, state)


def resume(env: Env, state: State) -> StepResult:
    close_overlay(state)
    if not has_draft(state):
        return show_menu(env, state, text.NO_DRAFT)
    kind = text.KIND_NAMES.get(str(state.get("flow")), "")
    return show_current(env, state, text.RESUMING.format(kind=kind))


def start_draft(
    env: Env, state: State, kind: str, replace: bool = False, note: str = ""
) -> StepResult:
    """Start a new sáng kiến / hiến kế, or ask first when another draft is in progress."""
    close_overlay(state)
    if has_draft(state) and not replace:
        open_overlay(
            state, "draft_conflict", "confirm", {"kind": state.get("flow"), "new_kind": kind}
        )
        return show_current(env, state)
    flow = FLOWS[kind]
    set_main(state, kind, flow.steps[0].name)
    return show_current(env, state, "\n\n".join(p for p in (note, flow.start_note) if p))


def show_menu(env: Env, state: State, note: str = "") -> StepResult:
    """The menu; with a draft in progress it opens over the draft, which stays intact."""
    close_overlay(state)
    if has_draft(state):
        open_overlay(state, "menu", "menu")
        kind = text.KIND_NAMES.get(str(state.get("flow")), "")
        note = "\n\n".join(part for part in (note, text.DRAFT_KEPT.format(kind=kind)) if part)
    else:
        set_main(state, "menu", "menu")
    return show_current(env, state, note)


def menu_action(env: Env, state: State, value: str) -> StepResult:
    action = value.removeprefix("menu:")
    if action in ("sang_kien", "hien_ke"):
        return start_draft(env, state, action)
    if action == "status":
        return StepResult(state, (), (ListEntries(),))
    if action == "resume":  # the draft reminder's one-tap button
        return resume(env, state)
    return show_menu(env, state, text.GUIDE)


FINISHERS: dict[str, Callable[[Env, State, str], StepResult]] = {
    "consent": _consent,
    "profile": _profile,
    "hoso": _hoso,
    "confirm_cancel": _cancel,
    "confirm_erase": _erase,
    "draft_conflict": _conflict,
    "dossier": lambda env, state, note: HOOKS.finish_dossier_pick(env, state, note),
}
