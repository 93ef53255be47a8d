"""The person's rights in chat: the privacy notice, declining consent, erasure, the export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import privacy as text
from bot.dialogue.frames import Env, set_main
from bot.dialogue.render import buttons
from bot.dialogue.types import MyData, State, StepResult
from bot.messages import Outgoing


def notice(env: Env) -> str:
    return text.PRIVACY_NOTICE.format(**asdict(env.periods))


def on_declined(env: Env) -> StepResult:
    """Nothing of the account is kept; the Đồng ý button stays usable on a fresh start."""
    state: State = {}
    set_main(state, "consent", "consent")
    reply = Outgoing(text.DECLINED.format(**asdict(env.periods)), buttons(env, state))
    return StepResult({}, (reply,))


def on_erased(env: Env, kept: Sequence[str], withdrawn: Sequence[str]) -> StepResult:
    """What was erased, exactly what stays (why, how long); the next message starts over."""
    periods = asdict(env.periods)
    parts = [text.ERASED]
    if withdrawn:
        parts.append(text.ERASED_WITHDRAWN.format(codes=", ".join(withdrawn)))
    if kept:
        parts.append(text.ERASED_KEPT.format(codes=", ".join(kept), **periods))
    else:
        parts.append(text.ERASED_NOTHING_KEPT)
    parts.append(text.ERASED_TAIL.format(**periods))
    return StepResult({}, (Outgoing("\n".join(parts)),))


def summary(found: MyData) -> str:
    lines = [text.MY_DATA_HEADER]
    shown = [value for value in found.profile.values() if value]
    lines.append(
        text.MY_DATA_PROFILE.format(profile=", ".join(shown)) if shown else text.MY_DATA_NO_PROFILE
    )
    lines.append(text.MY_DATA_ACCOUNTS.format(accounts=", ".join(found.accounts)))
    if found.codes:
        codes = ", ".join(found.codes[:20]) + (" …" if len(found.codes) > 20 else "")
        lines.append(text.MY_DATA_ENTRIES.format(count=len(found.codes), codes=codes))
    else:
        lines.append(text.MY_DATA_NO_ENTRIES)
    if found.draft_kind:
        kind = common.KIND_NAMES.get(found.draft_kind, found.draft_kind)
        lines.append(text.MY_DATA_DRAFT.format(kind=kind))
    lines.append(
        text.MY_DATA_COUNTS.format(
            files=found.files, web=found.web_messages, outbox=found.pending_messages
        )
    )
    return "\n".join(lines)


def on_my_data(env: Env, found: MyData) -> list[Outgoing]:
    """A short summary within the channel's limits, then the file (or a link to it)."""
    if found.document is None:
        return [Outgoing(f"{summary(found)}\n{text.MY_DATA_FAILED}")]
    if found.link_days:
        note = text.MY_DATA_LINK.format(days=found.link_days)
    else:
        note = text.MY_DATA_FILE.format(name=found.document_name)
    return [
        Outgoing(summary(found)),
        Outgoing(note, document=found.document, document_name=found.document_name),
    ]
