"""/thongbao, pure: an admin writes an announcement step by step, sees a preview, confirms.

The draft lives in the conversation state under DRAFT. Nothing is sent before the admin
presses «Gửi» on the preview: only then does the step return CreateBroadcast.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from bot.broadcast import catalogue as text
from bot.broadcast import render
from bot.broadcast.effects import CreateBroadcast, PreviewBroadcast
from bot.broadcast.rules import CHANNELS
from bot.dialogue.matching import fold
from bot.dialogue.types import State, StepResult
from bot.messages import Button, Incoming, Outgoing

DRAFT = "broadcast_draft"
SKIP, ALL, NOW, SEND, ABORT = "bc:skip", "bc:all", "bc:now", "bc:send", "bc:abort"
CHANNEL_PREFIX = "bc:ch:"
_TIME = re.compile(r"(\d{1,2})[:hg](\d{2})?\s+(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_TIME_LAST = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s+(\d{1,2})[:hg](\d{2})?")


@dataclass(frozen=True)
class ComposeEnv:
    now: datetime
    tz: ZoneInfo
    units: Sequence[str]  # the unit names an agency must be one of
    quiet: str  # "21:00-07:00", shown to the admin
    buttons: bool


def _result(state: State, *replies: Outgoing, effects: tuple[object, ...] = ()) -> StepResult:
    return StepResult(state, tuple(replies), cast(Any, effects))


def begin(state: State, env: ComposeEnv) -> StepResult:
    work = copy.deepcopy(state)
    work[DRAFT] = {"step": "text"}
    return _result(work, Outgoing(text.ASK_TEXT.format(limit=render.MAX_TEXT)))


def drafting(state: State) -> bool:
    return isinstance(state.get(DRAFT), dict)


def drop(state: State) -> StepResult:
    work = copy.deepcopy(state)
    work.pop(DRAFT, None)
    return _result(work, Outgoing(text.DRAFT_CANCELLED))


def on_input(state: State, incoming: Incoming, env: ComposeEnv) -> StepResult:
    work = copy.deepcopy(state)
    draft: dict[str, Any] = work[DRAFT]
    step = _STEPS.get(str(draft.get("step")), _text)
    return step(work, draft, incoming, env)


def _text(work: State, draft: dict[str, Any], incoming: Incoming, env: ComposeEnv) -> StepResult:
    body = incoming.text.strip() if incoming.kind == "text" else ""
    if not body:
        return _result(work, Outgoing(text.TEXT_NEEDED))
    if len(body) > render.MAX_TEXT:
        reply = text.TEXT_TOO_LONG.format(length=len(body), limit=render.MAX_TEXT)
        return _result(work, Outgoing(reply))
    draft.update(step="attachment", text=body)
    return _result(work, _ask(text.ASK_ATTACHMENT, env, (text.SKIP_LABEL, SKIP)))


def _attachment(
    work: State, draft: dict[str, Any], incoming: Incoming, env: ComposeEnv
) -> StepResult:
    if incoming.kind == "file" and incoming.attachment is not None:
        found = incoming.attachment
        draft["attachment"] = {"kind": found.kind, "ref": found.file_ref, "name": found.file_name}
    elif not _said(incoming, SKIP, "bo qua", "khong"):
        return _result(work, _ask(text.ASK_ATTACHMENT, env, (text.SKIP_LABEL, SKIP)))
    draft["step"] = "agencies"
    return _result(work, _ask(text.ASK_AGENCIES, env, (text.ALL_AGENCIES_LABEL, ALL)))


def _agencies(
    work: State, draft: dict[str, Any], incoming: Incoming, env: ComposeEnv
) -> StepResult:
    if _said(incoming, ALL, "tat ca", "tat ca don vi"):
        draft["agencies"] = []
    else:
        names = [n.strip() for n in re.split(r"[\n;]+", incoming.text) if n.strip()]
        known = {fold(u): u for u in env.units}
        unknown = [n for n in names if fold(n) not in known]
        if not names or unknown:
            reply = text.UNKNOWN_AGENCIES.format(names=", ".join(unknown) or "-")
            return _result(work, _ask(reply, env, (text.ALL_AGENCIES_LABEL, ALL)))
        draft["agencies"] = [known[fold(n)] for n in names]
    draft["step"] = "channels"
    return _result(work, _ask_channels(env))


def _channels(
    work: State, draft: dict[str, Any], incoming: Incoming, env: ComposeEnv
) -> StepResult:
    value = incoming.choice or ""
    typed = fold(incoming.text)
    if value == f"{CHANNEL_PREFIX}all" or typed in ("tat ca", "tat ca cac kenh"):
        draft["channels"] = []
    elif value.removeprefix(CHANNEL_PREFIX) in CHANNELS or typed in CHANNELS:
        draft["channels"] = [value.removeprefix(CHANNEL_PREFIX) if value else typed]
    else:
        return _result(work, _ask_channels(env))
    draft["step"] = "when"
    return _result(
        work, _ask(text.ASK_WHEN.format(quiet=env.quiet or "-"), env, (text.SEND_NOW_LABEL, NOW))
    )


def _when(work: State, draft: dict[str, Any], incoming: Incoming, env: ComposeEnv) -> StepResult:
    ask = text.ASK_WHEN.format(quiet=env.quiet or "-")
    if _said(incoming, NOW, "gui ngay", "ngay"):
        draft["send_at"] = None
    else:
        when = parse_time(incoming.text, env)
        if when is None:
            reply = text.BAD_TIME.format(value=incoming.text[:40])
            return _result(work, _ask(f"{reply}\n{ask}", env, (text.SEND_NOW_LABEL, NOW)))
        if when <= env.now:
            return _result(work, Outgoing(text.PAST_TIME.format(value=incoming.text[:40])))
        draft["send_at"] = when.isoformat()
    draft["step"] = "confirm"
    effect = PreviewBroadcast(agencies=tuple(draft["agencies"]), channels=tuple(draft["channels"]))
    return _result(work, effects=(effect,))


def preview(state: State, counts: Mapping[str, int], starts: str, env: ComposeEnv) -> StepResult:
    """The announcement as recipients will see it, then what, to whom, when; «Gửi» / «Hủy»."""
    draft = state[DRAFT]
    sample = render.announcement(
        draft["text"], broadcast_id=0, channel="telegram" if env.buttons else "zalo"
    )
    summary = text.PREVIEW_SUMMARY.format(
        agencies=", ".join(draft["agencies"]) or text.ALL_WORD,
        channels=", ".join(text.CHANNEL_LABELS[c] for c in draft["channels"]) or text.ALL_WORD,
        attachment=text.ATTACHED_WORD if draft.get("attachment") else text.NONE_WORD,
        starts=starts,
        recipients=counts.get("pending", 0),
        opted_out=counts.get("opted_out", 0),
        unreachable=counts.get("unreachable", 0),
    )
    confirm = _ask(summary, env, (text.CONFIRM_LABEL, SEND), (text.ABORT_LABEL, ABORT))
    return _result(state, Outgoing(text.PREVIEW_INTRO), Outgoing(sample.text), confirm)


def _confirm(work: State, draft: dict[str, Any], incoming: Incoming, env: ComposeEnv) -> StepResult:
    if _said(incoming, ABORT, "huy", "khong"):
        return drop(work)
    if not _said(incoming, SEND, "gui", "dong y", "co"):
        return _result(
            work, effects=(PreviewBroadcast(tuple(draft["agencies"]), tuple(draft["channels"])),)
        )
    work.pop(DRAFT, None)
    send_at = datetime.fromisoformat(draft["send_at"]) if draft.get("send_at") else None
    effect = CreateBroadcast(
        text=draft["text"],
        agencies=tuple(draft["agencies"]),
        channels=tuple(draft["channels"]),
        send_at=send_at,
        attachment=draft.get("attachment"),
    )
    return _result(work, effects=(effect,))


def parse_time(raw: str, env: ComposeEnv) -> datetime | None:
    """ "08:00 12/12/2026", "12/12 8h30" … in local time; None when it is not a time."""
    found = _TIME.search(raw)
    if found:
        hour, minute, day, month, year = found.groups()
    elif found := _TIME_LAST.search(raw):
        day, month, year, hour, minute = found.groups()
    else:
        return None
    local = env.now.astimezone(env.tz)
    try:
        return datetime(
            int(year or local.year),
            int(month),
            int(day),
            int(hour),
            int(minute or 0),
            tzinfo=env.tz,
        )
    except ValueError:
        return None


def _said(incoming: Incoming, value: str, *words: str) -> bool:
    return incoming.choice == value or (incoming.kind == "text" and fold(incoming.text) in words)


def _ask(question: str, env: ComposeEnv, *choices: tuple[str, str]) -> Outgoing:
    if not env.buttons:  # Zalo: no buttons; the words each choice accepts are typed instead
        return Outgoing("\n".join([question, *(f"• {label}" for label, _ in choices)]))
    return Outgoing(question, tuple(Button(label, value) for label, value in choices))


def _ask_channels(env: ComposeEnv) -> Outgoing:
    choices = [(text.ALL_CHANNELS_LABEL, f"{CHANNEL_PREFIX}all")]
    choices += [(text.CHANNEL_LABELS[c], f"{CHANNEL_PREFIX}{c}") for c in CHANNELS]
    return _ask(text.ASK_CHANNELS, env, *choices)


_STEPS = {
    "text": _text,
    "attachment": _attachment,
    "agencies": _agencies,
    "channels": _channels,
    "when": _when,
    "confirm": _confirm,
}
