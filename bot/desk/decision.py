"""The chair's confirmation of a council's decision, pure: whose council, who may confirm, what."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.desk import catalogue as text
from bot.desk import scoring as rules
from bot.review.catalogue import STATUS_LABELS
from storage.councils import CouncilView

Acting = Literal["chair", "admin"]
# The two decisions each level's chair may confirm: (recognise, do not recognise).
DECISIONS = {
    "co_so": ("recognized", "not_recognized"),
    "tinh": ("recognized_provincial", "not_recognized_provincial"),
}


@dataclass(frozen=True)
class Request:
    """What the chair's form asks for, already read."""

    decision: str
    note: str
    early: bool  # «Tôi xác nhận khi chưa đủ phiếu»
    as_admin: bool  # «Tôi là quản trị viên, xác nhận thay»


def councils_of(
    councils: Iterable[CouncilView], *, level: str, agency: str | None
) -> list[CouncilView]:
    """The councils that consider an entry at `level`: cấp tỉnh ones, or the cơ sở councils
    of the author's unit."""
    return [
        c for c in councils if c.level == level and (level == "tinh" or (agency or "") in c.units)
    ]


def chair_of(councils: Sequence[CouncilView]) -> CouncilView | None:
    return next((c for c in councils if c.chair), None)


def acting(principal: str, admin: bool, councils: Sequence[CouncilView]) -> Acting | None:
    """How the viewer may confirm: as the chair of the entry's council, as an admin, or not."""
    if any(c.chair == principal for c in councils):
        return "chair"
    return "admin" if admin else None


def expected(councils: Sequence[CouncilView], own: Callable[[str], bool]) -> list[str]:
    """Members who are to score the entry: every member of its councils (chair and secretary
    too) but an author or co-author, who may not."""
    every = dict.fromkeys(m for c in councils for m in c.members)
    return [m for m in every if not own(m)]


def proposed(level: str, summary: rules.Summary | None) -> str | None:
    if summary is None:
        return None
    yes, no = DECISIONS[level]
    return yes if summary.recognise else no


def refusal(
    *,
    level: str,
    how: Acting | None,
    own: bool,
    scored_myself: bool,
    proposal: str | None,
    missing: Sequence[str],
    expected_count: int,
    scored: int,
    form: Request,
) -> str | None:
    """None when the confirmation may go to the status rules, else why not (Vietnamese).
    The status rules themselves (which change is legal, a reason where one is required) stay
    with bot.status, the same as in chat and the API."""
    if how is None:
        return text.CONFIRM_NOT_CHAIR
    if own:
        return text.CONFIRM_OWN_ENTRY
    if how == "admin" and not form.as_admin:
        return text.CONFIRM_ADMIN_EXPLICIT
    if proposal is None:
        return text.CONFIRM_NO_SCORES
    if how == "chair" and not scored_myself:
        return text.CONFIRM_SCORE_FIRST
    if form.decision not in DECISIONS[level]:
        options = ", ".join(f"«{STATUS_LABELS[s]}»" for s in DECISIONS[level])
        return text.CONFIRM_BAD_DECISION.format(options=options)
    if form.decision != proposal and not form.note.strip():
        return text.CONFIRM_OVERRIDE_NOTE
    if missing and not form.early:
        return text.CONFIRM_EARLY_NEEDED.format(scored=scored, expected=expected_count)
    return None
