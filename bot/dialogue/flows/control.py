"""Declared one-step flows: the menu and the confirmations (cancel draft, erase data, conflict)."""

from __future__ import annotations

from bot.dialogue.catalogues import common as text
from bot.dialogue.steps import FINISH, Ctx, Flow, Move, Step, StepText, fixed
from bot.messages import Button

MENU_BUTTONS = (
    Button(text.MENU_SANG_KIEN, "menu:sang_kien"),
    Button(text.MENU_HIEN_KE, "menu:hien_ke"),
    Button(text.MENU_STATUS, "menu:status"),
    Button(text.MENU_GUIDE, "menu:guide"),
)


def _finish(ctx: Ctx, value: object) -> Move:
    return Move(FINISH)


def _kind_vars(ctx: Ctx) -> dict[str, str]:
    """The draft kinds in words, for the confirmation questions."""
    return {
        "kind": text.KIND_NAMES.get(str(ctx.answers.get("kind")), ""),
        "new_kind": text.KIND_NAMES.get(str(ctx.answers.get("new_kind")), ""),
    }


def _confirm(name: str, question: str, yes: Button, no: Button) -> Flow:
    step = Step(
        name="confirm",
        field="confirm",
        text=StepText(question=question),
        kind="choice",
        choices=fixed(yes, no),
        route=_finish,
    )
    return Flow(name=name, finish=name, steps=(step,), vars=_kind_vars)


MENU = Flow(
    name="menu",
    finish="menu",
    steps=(
        Step(
            name="menu",
            field=None,
            text=StepText(question=text.MENU_PROMPT),
            kind="choice",
            stores=False,
            choices=fixed(*MENU_BUTTONS),
        ),
    ),
)
CONFIRM_CANCEL = _confirm(
    "confirm_cancel",
    text.CANCEL_CONFIRM,
    Button(text.CANCEL_YES, "cancel:yes"),
    Button(text.CANCEL_NO, "cancel:no"),
)
CONFIRM_ERASE = _confirm(
    "confirm_erase",
    text.ERASE_CONFIRM,
    Button(text.ERASE_YES, "erase:yes"),
    Button(text.ERASE_NO, "erase:no"),
)
DRAFT_CONFLICT = _confirm(
    "draft_conflict",
    text.DRAFT_CONFLICT,
    Button(text.DRAFT_RESUME, "draft:resume"),
    Button(text.DRAFT_NEW, "draft:new"),
)
