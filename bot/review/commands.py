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
# Office words ("công nhận", "yêu cầu sửa đổi bổ sung", "không công nhận") are typed with
# or without diacritics; the short forms of earlier versions keep working (old buttons too).
VERBS: dict[str, str] = {
    "xemxet": "under_review",
    "nhanxemxet": "under_review",
    "bosung": "needs_revision",
    "yeucaubosung": "needs_revision",
    "suadoibosung": "needs_revision",
    "yeucausuadoibosung": "needs_revision",
    "congnhan": "recognized",
    "congnhancoso": "recognized",
    "congnhancapcoso": "recognized",
    "khongcongnhan": "not_recognized",
    "denghicaptinh": "provincial_review",
    "denghixetcaptinh": "provincial_review",
    "congnhantinh": "recognized_provincial",
    "congnhancaptinh": "recognized_provincial",
    "khongcongnhantinh": "not_recognized_provincial",
    "khongcongnhancaptinh": "not_recognized_provincial",
    "tiepthu": "adopted",
    "chuatiepthu": "declined",
    "rut": "withdrawn",
    "luutru": "archived",
}
APPROVE = {"sang_kien": "recognized", "hien_ke": "adopted"}
# The verb shown (typed lists) and carried by buttons for each status: short, accent-free.
STATUS_VERBS = {
    "under_review": "xemxet",
    "needs_revision": "bosung",
    "recognized": "congnhan",
    "not_recognized": "khongcongnhan",
    "provincial_review": "denghicaptinh",
    "recognized_provincial": "congnhantinh",
    "not_recognized_provincial": "khongcongnhantinh",
    "adopted": "tiepthu",
    "declined": "chuatiepthu",
    "withdrawn": "rut",
    "archived": "luutru",
}
_NOT_LETTERS = re.compile(r"[^a-z]")
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
    verb = _NOT_LETTERS.sub("", fold(found.group("verb")))  # "sửa đổi, bổ sung" → suadoibosung
    if not known(verb):
        return None
    return ReviewCommand(
        verb=verb, code=found.group("code").upper(), note=found.group("note").strip()
    )
