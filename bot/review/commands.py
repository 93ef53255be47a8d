"""Reviewer input: a button ("rv:<verb>:<code>") or a typed command ("duyet SK-2026-00042")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dialogue.matching import fold
from bot.messages import Incoming

PREFIX = "rv:"
SHOW = "xem"
CANCEL = "huy"
HELP = "hoidong"  # /hoidong: the reviewer commands (reviewers only)
# Typed verbs (accent-free, spaces removed) → the status they set; "duyet" depends on kind.
VERBS: dict[str, str] = {
    "xemxet": "under_review",
    "bosung": "needs_revision",
    "congnhan": "recognized",
    "congnhantinh": "recognized_provincial",
    "khongcongnhan": "not_recognized",
    "tiepthu": "adopted",
    "chuatiepthu": "declined",
    "rut": "withdrawn",
    "luutru": "archived",
}
APPROVE = {"sang_kien": "recognized", "hien_ke": "adopted"}
STATUS_VERBS = {status: verb for verb, status in VERBS.items()}
CODE = re.compile(r"\b((?:SK|HK)-\d{4}-\d{5})\b", re.IGNORECASE)
_TYPED = re.compile(
    r"^\s*/?(?P<verb>[^\W\d_][^\d\n]{0,30}?)\s*(?P<code>(?:SK|HK)-\d{4}-\d{5})\b[\s:,.\-–]*(?P<note>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class ReviewCommand:
    """What a reviewer asked for; `verb` is a key of VERBS, "duyet", SHOW or CANCEL."""

    verb: str
    code: str
    note: str = ""
    pressed: bool = False  # a button (Telegram) rather than typed text


def known(verb: str) -> bool:
    return verb in VERBS or verb in ("duyet", SHOW, CANCEL)


def target_status(verb: str, kind: str) -> str | None:
    """The status a verb sets for an entry of `kind` (None for SHOW/CANCEL/unknown)."""
    if verb == "duyet":
        return APPROVE.get(kind)
    return VERBS.get(verb)


def button_value(verb: str, code: str) -> str:
    return f"{PREFIX}{verb}:{code}"


def parse(incoming: Incoming) -> ReviewCommand | None:
    """A reviewer command, or None when the input is ordinary dialogue."""
    if incoming.kind == "choice":
        value = incoming.choice or ""
        if not value.startswith(PREFIX):
            return None
        _, verb, code = (value.split(":", 2) + ["", ""])[:3]
        return ReviewCommand(verb=verb, code=code.upper(), pressed=True)
    if incoming.kind == "command":
        return _typed(f"{incoming.command or ''} {incoming.text}")
    if incoming.kind == "text":
        return _typed(incoming.text)
    return None


def _typed(text: str) -> ReviewCommand | None:
    found = _TYPED.match(text)
    if found is None:
        return None
    verb = fold(found.group("verb")).replace(" ", "")
    if not known(verb):
        return None
    return ReviewCommand(
        verb=verb, code=found.group("code").upper(), note=found.group("note").strip()
    )
