"""The reviewer's side of a chat, pure: commands and notes in, replies and effects out."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from bot.dialogue.types import State, StepResult
from bot.messages import Button, Outgoing
from bot.review import catalogue as text
from bot.review.commands import CANCEL, STATUS_VERBS, ReviewCommand, button_value, target_status
from bot.review.effects import ChangeStatus
from bot.review.transitions import REASON_REQUIRED, allowed, refusal

PENDING = "review_note"  # state key: the change waiting for the reviewer's note
NOTE_TTL = timedelta(minutes=30)  # an old question must not swallow an unrelated message


@dataclass(frozen=True)
class EntryView:
    """What the reviewer step needs to know of an entry."""

    code: str
    kind: str
    status: str
    title: str


def _result(
    state: State, replies: tuple[Outgoing, ...], effects: tuple[object, ...] = ()
) -> StepResult:
    # StepResult types effects as the dialogue's own; the runner dispatches any effect type.
    return StepResult(state, replies, cast(Any, effects))


def on_command(
    state: State,
    command: ReviewCommand,
    entry: EntryView | None,
    *,
    buttons: bool,
    now: datetime,
    chat: str = "",
) -> StepResult:
    """`chat`: where the note is expected (a reviewer may act in a group and in private)."""
    work = copy.deepcopy(state)
    work.pop(PENDING, None)
    if command.verb == CANCEL:
        return _result(work, (Outgoing(text.NOTE_CANCELLED.format(code=command.code)),))
    if entry is None:
        return _result(work, (Outgoing(text.UNKNOWN_CODE.format(code=command.code[:20])),))
    target = target_status(command.verb, entry.kind)
    if target is None:
        return _result(work, (entry_actions(entry, buttons=buttons),))
    reason = refusal(entry.kind, entry.status, target, note=command.note or "-")
    if reason is not None:
        return _result(work, (Outgoing(text.REFUSED.format(code=entry.code, reason=reason)),))
    if target in REASON_REQUIRED and not command.note:
        work[PENDING] = {"code": entry.code, "status": target, "at": now.isoformat(), "chat": chat}
        return _result(work, (_ask_note(entry.code, target, buttons=buttons),))
    return _result(work, (), (ChangeStatus(entry.code, target, command.note or None),))


def pending(state: State, now: datetime, chat: str = "") -> dict[str, str] | None:
    """The change waiting for a note in this chat, unless the question is too old to be meant."""
    found = state.get(PENDING)
    if not isinstance(found, dict) or found.get("chat", chat) != chat:
        return None
    try:
        asked = datetime.fromisoformat(str(found.get("at")))
    except ValueError:
        return None
    return found if now - asked <= NOTE_TTL else None


def expired(state: State, now: datetime) -> bool:
    """A question is stored but too old (or unreadable): it may be forgotten."""
    found = state.get(PENDING)
    return found is not None and pending(state, now, str((found or {}).get("chat", ""))) is None


def on_note(state: State, note: str, now: datetime, chat: str = "") -> StepResult:
    """The reviewer's answer to ASK_NOTE: the change goes ahead with it."""
    found = pending(state, now, chat)
    work = copy.deepcopy(state)
    work.pop(PENDING, None)
    if found is None:
        return _result(work, ())
    code, status = str(found["code"]), str(found["status"])
    if not note.strip():
        work[PENDING] = found
        return _result(work, (_ask_note(code, status, buttons=False),))
    return _result(work, (), (ChangeStatus(code, status, note.strip()),))


def on_changed(state: State, *, code: str, status: str) -> StepResult:
    label = text.STATUS_LABELS.get(status, status)
    return _result(state, (Outgoing(text.CHANGED.format(code=code, label=label)),))


def on_refused(state: State, *, code: str, reason: str) -> StepResult:
    return _result(state, (Outgoing(text.REFUSED.format(code=code, reason=reason)),))


def on_unknown(state: State, *, code: str) -> StepResult:
    return _result(state, (Outgoing(text.UNKNOWN_CODE.format(code=code[:20])),))


def impostor(state: State) -> StepResult:
    """An ordinary user typed a reviewer command or pressed a forged reviewer button."""
    return _result(state, (Outgoing(text.NOT_A_REVIEWER),))


def entry_actions(entry: EntryView, *, buttons: bool) -> Outgoing:
    """The entry and every action the reviewer may take on it now."""
    header = text.ENTRY_HEADER.format(
        code=entry.code,
        kind=text.KIND_TITLES.get(entry.kind, entry.kind),
        label=text.STATUS_LABELS.get(entry.status, entry.status),
        title=entry.title,
    )
    targets = allowed(entry.kind, entry.status)
    if not targets:
        return Outgoing(f"{header}\n\n{text.NO_ACTIONS}")
    if buttons:
        choices = tuple(
            Button(text.ACTION_LABELS[t], button_value(STATUS_VERBS[t], entry.code))
            for t in targets
        )
        return Outgoing(f"{header}\n\n{text.ENTRY_PICK}", choices)
    lines = [header, "", text.ENTRY_TYPED]
    for target in targets:
        note = text.TYPED_NOTE if target in REASON_REQUIRED else ""
        label = text.ACTION_LABELS[target]
        lines.append(
            text.ENTRY_TYPED_LINE.format(
                verb=STATUS_VERBS[target], code=entry.code, note=note, label=label
            )
        )
    return Outgoing("\n".join(lines))


def _ask_note(code: str, status: str, *, buttons: bool) -> Outgoing:
    question = text.ASK_NOTE.format(
        code=code, label=text.STATUS_LABELS.get(status, status), what=text.NOTE_WHAT.get(status, "")
    )
    cancel = (Button(text.CANCEL_LABEL, button_value(CANCEL, code)),) if buttons else ()
    return Outgoing(question, cancel)
