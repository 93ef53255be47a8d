"""What an author is told when the status of their entry changes."""

from __future__ import annotations

from bot.dialogue.revision import REVISE_PREFIX
from bot.messages import Button, Outgoing
from bot.review import catalogue as text


def author_notice(
    *, code: str, kind: str, title: str, status: str, note: str | None, buttons: bool = True
) -> Outgoing:
    """Plain Vietnamese: the new status, what it means, the reviewer's note, what to do next."""
    parts = [
        text.NOTICE.format(
            kind=text.KIND_TITLES.get(kind, kind),
            code=code,
            title=_short(title),
            label=text.STATUS_LABELS.get(status, status),
            meaning=text.MEANINGS.get(status, ""),
        )
    ]
    if note:
        parts.append(text.NOTICE_NOTE.format(note=note.strip()))
    typed = {} if buttons else text.NEXT_STEPS_TYPED
    next_step = typed.get(status) or text.NEXT_STEPS.get(status, text.WAIT)
    parts.append(next_step.format(code=code))
    revise = (
        (Button(text.REVISE_BUTTON, f"{REVISE_PREFIX}{code}"),)
        if status == "needs_revision" and buttons
        else ()
    )
    return Outgoing("\n".join(parts), revise)


def _short(title: str, limit: int = 160) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
