"""Account linking (/lienket): the pure command, and the follow-ups the runner calls."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.dialogue.catalogues import common
from bot.dialogue.catalogues import link as text
from bot.dialogue.commands import with_notice
from bot.dialogue.finishers import finish, show_menu
from bot.dialogue.frames import PROFILE_KEYS, Env, Limits, active, has_draft, set_main
from bot.dialogue.link_types import AnswerLink, IssueLinkCode, RedeemLinkCode
from bot.dialogue.registry import lookup
from bot.dialogue.types import State, StepResult
from bot.messages import Button, Incoming, Outgoing, nfc

COMMAND = "lienket"
TRIES_KEY = "link_tries"  # when this account last entered a wrong code (ISO times)
ASK_KEY = "link_ask"  # a request waiting for this owner's answer: {"code", "channel", "until"}
ACCEPT_VALUE, DECLINE_VALUE = "link:yes", "link:no"
_ACCEPT_WORDS = {"1", ACCEPT_VALUE, text.ACCEPT.casefold()}
_DECLINE_WORDS = {"2", DECLINE_VALUE, text.DECLINE.casefold()}
MAX_TRIES = 5
TRY_WINDOW = timedelta(hours=1)
CODE_MINUTES = 15
_CODE = re.compile(r"\d{6}")
_TYPED = re.compile(r"/lienket(?:@\w+)?(?:\s+(.*))?", re.IGNORECASE | re.DOTALL)

Rest = Callable[[Env, State, Incoming], StepResult]


def dispatch(env: Env, state: State, incoming: Incoming, rest: Rest) -> StepResult:
    """/lienket before anything else (even before consent: a new channel comes to link);
    every other update goes to `rest`, keeping the wrong-code count through any reset."""
    answer = _owner_answer(state, incoming, env.now)
    if answer is not None:
        return StepResult(state, (), (answer,))
    argument = link_argument(incoming)
    if argument is None:
        kept = {key: state[key] for key in (TRIES_KEY, ASK_KEY) if state.get(key)}
        if isinstance(kept.get(ASK_KEY), dict):  # the owner moved on: a bare "1" is the menu's
            kept[ASK_KEY] = {**kept[ASK_KEY], "numbers": False}
            state.pop(ASK_KEY, None)
        result = rest(env, state, incoming)
        missing = {key: value for key, value in kept.items() if key not in result.state}
        if not missing:
            return result
        return StepResult({**result.state, **missing}, result.replies, result.effects)
    if not argument:
        return _issue(env, state, group=incoming.chat_id != incoming.user_id)
    return _redeem(env, state, argument, incoming.origin)


def _owner_answer(state: State, incoming: Incoming, now: datetime) -> AnswerLink | None:
    """«Đồng ý» / «Từ chối» (on Zalo typed: 1, 2 or the words) to a pending link request."""
    ask = state.get(ASK_KEY)
    if not isinstance(ask, dict) or incoming.kind not in ("choice", "text"):
        return None
    try:
        live = now < datetime.fromisoformat(str(ask.get("until")))
    except (ValueError, TypeError):
        live = False
    said = nfc((incoming.choice if incoming.kind == "choice" else incoming.text) or "")
    said = said.strip().strip(".!").casefold()
    numbers_off = ask.get("numbers") is False or not live  # a bare 1 or 2 is then the menu's
    answered = (said in _ACCEPT_WORDS or said in _DECLINE_WORDS) and not (
        said in ("1", "2") and numbers_off
    )
    code = str(ask.get("code") or "")
    if not live:  # too late: the runner merges nothing and tells the requester it ran out
        state.pop(ASK_KEY, None)
        return AnswerLink(code=code, accept=False) if answered else None
    return AnswerLink(code=code, accept=said in _ACCEPT_WORDS) if answered else None


def link_argument(incoming: Incoming) -> str | None:
    """The code after /lienket ("" for none); None when the update is no /lienket at all."""
    if incoming.kind == "command":
        name = (incoming.command or "").strip().lower().lstrip("/").split("@", 1)[0]
        return _clean(incoming.text) if name == COMMAND else None
    if incoming.kind == "text":
        typed = _TYPED.fullmatch((incoming.text or "").strip())
        return _clean(typed.group(1) or "") if typed else None
    return None


def _clean(raw: str | None) -> str:
    # NFKC turns full-width digits into ASCII; people also type "123 456" or "123-456".
    return re.sub(r"[\s.\-]", "", unicodedata.normalize("NFKC", raw or ""))


def _issue(env: Env, state: State, *, group: bool) -> StepResult:
    if group:  # everyone in a group would read the code
        return _note(env, state, text.PRIVATE_ONLY)
    if not state.get("consent_at") or not state.get("profile"):
        return _note(env, state, text.NEED_PROFILE)
    return StepResult(state, (), (IssueLinkCode(),))


def _redeem(env: Env, state: State, code: str, origin: str | None) -> StepResult:
    tries = _recent_tries(state, env.now)
    if len(tries) >= MAX_TRIES:
        return _note(env, state, _too_many(tries, env.now))
    if not _CODE.fullmatch(code):
        return _note(env, state, text.BAD_FORMAT)
    if has_draft(state):
        # Refused, not merged: the draft's author lines come from this account's profile,
        # which linking replaces; finishing or cancelling first keeps the entry consistent.
        kind = common.KIND_NAMES.get(str(state.get("flow")), "")
        return _note(env, state, text.DRAFT_OPEN.format(kind=kind, code=code))
    return StepResult(state, (), (RedeemLinkCode(code=code, origin=origin),))


def _recent_tries(state: State, now: datetime) -> list[datetime]:
    """Wrong tries of the last hour; the stored list is pruned to them."""
    kept: list[datetime] = []
    for value in state.get(TRIES_KEY) or []:
        try:
            at = datetime.fromisoformat(str(value))
            recent = now - at < TRY_WINDOW
        except (ValueError, TypeError):  # not a time, or naive against aware: forget it
            continue
        if recent:
            kept.append(at)
    if kept:
        state[TRIES_KEY] = [at.isoformat() for at in kept]
    else:
        state.pop(TRIES_KEY, None)
    return kept


def _too_many(tries: list[datetime], now: datetime) -> str:
    wait = min(tries) + TRY_WINDOW - now
    minutes = max(1, -(-int(wait.total_seconds()) // 60))  # rounded up
    return text.TOO_MANY.format(limit=MAX_TRIES, minutes=minutes)


def _note(env: Env, state: State, note: str) -> StepResult:
    """The note, then the step the user was at; alone (with a hint) for a brand-new user."""
    if lookup(active(state)) is not None:
        return with_notice(env, state, note)
    return StepResult(state, (Outgoing(f"{note}\n{text.START_HINT}"),))


# ---- follow-ups: the runner calls these after doing the effect's work ----


def _env(dialogue: Limits, now: datetime) -> Env:
    return Env(
        now=now,
        units=dialogue.units,
        max_attachment_bytes=dialogue.max_attachment_bytes,
        finish=finish,
    )


def on_link_code(
    dialogue: Limits, state: State, *, code: str, minutes: int, now: datetime
) -> StepResult:
    """The runner stored a fresh code: tell the user how to use it on the other channel."""
    work = copy.deepcopy(state)
    return _note(_env(dialogue, now), work, text.CODE_ISSUED.format(code=code, minutes=minutes))


def on_linked(
    dialogue: Limits,
    state: State,
    *,
    profile: Mapping[str, Any],
    consent_at: datetime,
    now: datetime,
) -> StepResult:
    """This account joined the code's person: adopt their profile and consent, show the menu."""
    work = adopt(state, profile=profile, consent_at=consent_at)
    name = str(work["profile"].get("name") or "")
    return show_menu(_env(dialogue, now), work, text.LINKED.format(name=name))


def adopt(state: State, *, profile: Mapping[str, Any], consent_at: datetime) -> State:
    """The state with the person's profile and consent (also for the person's other accounts)."""
    work = copy.deepcopy(state) if isinstance(state, dict) else {}
    work["consent_at"] = consent_at.isoformat()
    work["profile"] = {key: profile.get(key) for key in PROFILE_KEYS}
    work.pop(TRIES_KEY, None)
    if work.get("flow") in (None, "consent", "profile"):
        work.pop("overlay", None)
        set_main(work, "menu", "menu")
    return work


def on_link_refused(
    dialogue: Limits, state: State, *, reason: str, now: datetime, minutes: int = 60
) -> StepResult:
    """ "same": the code is this person's own; "limited": too many wrong codes from this
    source or from everyone (the database's count) for `minutes`; otherwise a wrong try."""
    work = copy.deepcopy(state)
    env = _env(dialogue, now)
    if reason == "same":
        return _note(env, work, text.SAME_PERSON)
    if reason == "limited":
        return _note(env, work, text.SLOW_DOWN.format(minutes=max(1, minutes)))
    tries = [*_recent_tries(work, now), now]
    work[TRIES_KEY] = [at.isoformat() for at in tries]
    left = MAX_TRIES - len(tries)
    if left <= 0:
        return _note(env, work, f"{text.INVALID} {_too_many(tries, now)}")
    return _note(env, work, f"{text.INVALID} {text.TRIES_LEFT.format(left=left)}")


def linked_elsewhere(channel: str) -> Outgoing:
    """For the person's other accounts: someone just joined one more account to them."""
    name = text.CHANNEL_NAMES.get(channel, channel)
    return Outgoing(text.LINKED_ELSEWHERE.format(channel=name))


# ---- the owner's confirmation ----


def ask_owner(state: State, *, code: str, channel: str, until: datetime) -> tuple[State, Outgoing]:
    """The owner's state remembers the request; the question with «Đồng ý» / «Từ chối»."""
    work = copy.deepcopy(state) if isinstance(state, dict) else {}
    work[ASK_KEY] = {"code": code, "channel": channel, "until": until.isoformat()}
    name = text.ASK_NAMES.get(channel, channel)
    buttons = (Button(text.ACCEPT, ACCEPT_VALUE), Button(text.DECLINE, DECLINE_VALUE))
    return work, Outgoing(text.ASK_OWNER.format(channel=name), buttons=buttons)


def on_link_requested(
    dialogue: Limits, state: State, *, owner_channel: str, minutes: int, now: datetime
) -> StepResult:
    """The code was right: the requester waits for the owner's answer, at most `minutes`."""
    name = text.CHANNEL_NAMES.get(owner_channel, owner_channel)
    note = text.WAIT_OWNER.format(channel=name, minutes=minutes)
    return _note(_env(dialogue, now), copy.deepcopy(state), note)


def on_link_answered(
    dialogue: Limits, state: State, *, accepted: bool | None, channel: str, now: datetime
) -> StepResult:
    """The owner's answer was carried out (None: the request had expired or was answered)."""
    work = copy.deepcopy(state)
    work.pop(ASK_KEY, None)
    name = text.ASK_NAMES.get(channel, channel)
    if accepted is None:
        note = text.ANSWER_EXPIRED
    else:
        note = (text.OWNER_ACCEPTED if accepted else text.OWNER_DECLINED).format(channel=name)
    return _note(_env(dialogue, now), work, note)


def requester_declined() -> Outgoing:
    """For the account that typed the code, on its own channel: the owner said no."""
    return Outgoing(text.DECLINED)


def requester_expired() -> Outgoing:
    """For the account that typed the code: the owner did not agree within its lifetime."""
    return Outgoing(text.REQUEST_EXPIRED)
