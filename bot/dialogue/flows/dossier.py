"""/taidon: which of the author's sáng kiến to print, declared as a one-step overlay flow."""

from __future__ import annotations

from typing import Any

from bot.dialogue.catalogues import quality as text
from bot.dialogue.frames import Env, active, close_overlay
from bot.dialogue.quality_types import CHOICES_KEY, ListDossiers, SendDossier
from bot.dialogue.steps import FINISH, Ctx, Flow, Move, Step
from bot.dialogue.types import State, StepResult
from bot.messages import Button

PICK_PREFIX = "dossier:"
LABEL_TITLE = 40  # characters of the title on a button


def label(code: str, title: str) -> str:
    short = title if len(title) <= LABEL_TITLE else title[: LABEL_TITLE - 1].rstrip() + "…"
    return text.DOSSIER_PICK_LABEL.format(code=code, title=short)


def _choices(ctx: Ctx) -> tuple[Button, ...]:
    pairs = ctx.answers.get(CHOICES_KEY) or []
    return tuple(
        Button(label(str(code), str(title)), f"{PICK_PREFIX}{code}") for code, title in pairs
    )


def _picked(ctx: Ctx, _value: Any) -> Move:
    return Move(FINISH)


DOSSIER = Flow(
    name="dossier",
    finish="dossier",
    steps=(
        Step("pick", "pick", text.DOSSIER_PICK, kind="choice", choices=_choices, route=_picked),
    ),
)


def request(env: Env, state: State) -> StepResult:
    """/taidon: the runner loads the author's sáng kiến, then on_dossier_choices answers."""
    return StepResult(state, (), (ListDossiers(),))


def finish_pick(env: Env, state: State, note: str) -> StepResult:
    """The entry is chosen: close the pick and let the runner make and send the files."""
    picked = str((active(state).get("answers") or {}).get("pick") or "")
    close_overlay(state)
    return StepResult(state, (), (SendDossier(picked.removeprefix(PICK_PREFIX)),))
