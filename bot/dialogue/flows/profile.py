"""Declared flows for consent, the one-time profile and /hoso."""

from __future__ import annotations

from bot.dialogue import validators as check
from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import profile as text
from bot.dialogue.frames import PROFILE_KEYS
from bot.dialogue.steps import FINISH, Ctx, Flow, Move, Route, Step, StepText, fixed
from bot.dialogue.types import SaveProfile
from bot.messages import Button

CONSENT = Flow(
    name="consent",
    finish="consent",
    steps=(
        Step(
            name="consent",
            field="consent",
            text=StepText(question=common.CONSENT_NOTICE),
            kind="choice",
            choices=fixed(
                Button(common.CONSENT_YES, "consent:yes"),
                Button(common.CONSENT_NO, "consent:no"),
            ),
        ),
    ),
)

_POSITION_RULE = check.TextRule(min_chars=2, max_chars=150, one_line=True)
_AGENCY_RULE = check.TextRule(min_chars=3, max_chars=200, min_words=2, one_line=True)


def _to(name: str) -> Route:
    return lambda ctx, value: Move(name)


def _saved(ctx: Ctx, value: object) -> Move:
    """/hoso: back to the pick list, saving the changed profile at once."""
    profile = {key: ctx.answers.get(key) for key in PROFILE_KEYS}
    return Move(
        "pick", note=text.HOSO_SAVED, reset_stack=True, effects=(SaveProfile(profile=profile),)
    )


def _profile_steps(hoso: bool) -> tuple[Step, ...]:
    """The profile questions; in /hoso each one saves and returns to the pick list."""
    saved: Route | None = _saved if hoso else None
    return (
        Step("name", "name", text.NAME, validator=check.person_name, route=saved),
        Step(
            "agency",
            "agency",
            text.AGENCY,
            kind="unit",
            other_step="agency_other",
            route=saved or _to("position"),
        ),
        Step("agency_other", "agency", text.AGENCY_OTHER, validator=_AGENCY_RULE, route=saved),
        Step("position", "position", text.POSITION, validator=_POSITION_RULE, route=saved),
        Step("phone", "phone", text.PHONE, validator=check.phone, optional=True, route=saved),
    )


PROFILE = Flow(name="profile", finish="profile", steps=_profile_steps(hoso=False))


def _hoso_vars(ctx: Ctx) -> dict[str, str]:
    lines = [
        f"{label}: {ctx.answers.get(key) or text.HOSO_EMPTY_VALUE}"
        for key, label in text.HOSO_LINES.items()
    ]
    return {"profile_summary": "\n".join(lines)}


def _hoso_pick(ctx: Ctx, value: str) -> Move:
    if value == "profile:done":
        return Move(FINISH)
    return Move(value.removeprefix("profile:"))


HOSO = Flow(
    name="hoso",
    finish="hoso",
    vars=_hoso_vars,
    steps=(
        Step(
            name="pick",
            field=None,
            text=text.HOSO_PICK,
            kind="choice",
            stores=False,
            choices=fixed(
                *(Button(label, f"profile:{key}") for key, label in text.HOSO_EDIT.items()),
                Button(common.DONE, "profile:done"),
            ),
            route=_hoso_pick,
        ),
        *_profile_steps(hoso=True),
    ),
)
