"""Which status may follow which (DOMAIN.md), per kind and per actor, as data."""

from __future__ import annotations

from typing import Literal

from bot.review import catalogue as text

Actor = Literal["reviewer", "author", "system"]

SK_DECISIONS = ("recognized", "not_recognized")  # the author's cơ sở council decides first
# Only an entry recognised at cơ sở may be considered for provincial effect and scope; a
# provincial refusal leaves the cơ sở recognition standing (NĐ 13/2012, TT 18/2013).
PROVINCIAL = ("provincial_review", "recognized_provincial", "not_recognized_provincial")
SK_ONLY = (*SK_DECISIONS, *PROVINCIAL)
HK_DECISIONS = ("adopted", "declined")
REASON_REQUIRED = frozenset(
    {"needs_revision", "not_recognized", "not_recognized_provincial", "declined"}
)
# Set by the product itself: the digest forwards, the author's resubmission re-opens.
SYSTEM_ONLY: dict[str, Actor] = {"forwarded": "system", "submitted": "author"}
OPEN = ("submitted", "forwarded", "under_review")  # waiting for a decision
STATUSES = (
    "submitted",
    "forwarded",
    "under_review",
    "needs_revision",
    *SK_DECISIONS,
    *PROVINCIAL,
    *HK_DECISIONS,
    "withdrawn",
    "archived",
)


def _table(
    decisions: tuple[str, ...], upgrades: dict[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    # Anything may be archived (spam, duplicates, closed files) except what already is.
    reviewing = ("under_review", "needs_revision", *decisions, "withdrawn", "archived")
    table = {
        "submitted": ("forwarded", *reviewing),
        "forwarded": reviewing,
        "under_review": ("needs_revision", *decisions, "withdrawn", "archived"),
        "needs_revision": ("submitted", "withdrawn", "archived"),
        "withdrawn": ("archived",),
        "archived": (),
    }
    for decision in (*decisions, *upgrades):
        table[decision] = (*upgrades.get(decision, ()), "archived")
    return table


_PROVINCIAL_DECISIONS = ("recognized_provincial", "not_recognized_provincial")
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "sang_kien": _table(
        SK_DECISIONS,
        {
            "recognized": ("provincial_review", *_PROVINCIAL_DECISIONS),
            "provincial_review": _PROVINCIAL_DECISIONS,
            # Proposed again in a later round: the cơ sở recognition still stands.
            "not_recognized_provincial": ("provincial_review",),
            "recognized_provincial": (),
        },
    ),
    "hien_ke": _table(HK_DECISIONS, {}),
}


def allowed(kind: str, current: str, actor: Actor = "reviewer") -> tuple[str, ...]:
    """The statuses `actor` may move an entry of `kind` to from `current`, in order."""
    nexts = TRANSITIONS.get(kind, {}).get(current, ())
    return tuple(s for s in nexts if SYSTEM_ONLY.get(s, "reviewer") == actor)


def refusal(
    kind: str, current: str, target: str, *, actor: Actor = "reviewer", note: str | None = None
) -> str | None:
    """None when the change is legal, else the reason it is refused (Vietnamese)."""
    labels = text.STATUS_LABELS
    if target not in STATUSES:
        return text.UNKNOWN_STATUS.format(status=target[:40])
    if target == current:
        return text.SAME_STATUS.format(status=labels[target])
    if target in SYSTEM_ONLY and SYSTEM_ONLY[target] != actor:
        return text.SYSTEM_ONLY[target]
    if target not in TRANSITIONS.get(kind, {}).get(current, ()):
        if target in (HK_DECISIONS if kind == "sang_kien" else SK_ONLY):
            return text.WRONG_KIND.format(status=labels[target], kind=text.KIND_NAMES[kind])
        if target in PROVINCIAL:
            return text.PROVINCIAL_FIRST.format(current=labels.get(current, current))
        return text.ILLEGAL.format(current=labels.get(current, current), target=labels[target])
    if target in REASON_REQUIRED and not (note or "").strip():
        return text.NOTE_REQUIRED.format(status=labels[target])
    return None
