"""The Dialogue: one pure step per user action, plus the follow-ups the runner calls."""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from bot.dialogue import commands, inputs, machine, privacy, quality_followups
from bot.dialogue.catalogues import common as text
from bot.dialogue.catalogues import hien_ke as catalogue_hien_ke
from bot.dialogue.catalogues import sang_kien as catalogue_sang_kien
from bot.dialogue.dates import local_today
from bot.dialogue.finishers import finish, show_menu
from bot.dialogue.frames import (
    AFTER_PROFILE,
    CHANNEL_KEY,
    INTENT_COMMANDS,
    Env,
    active,
    close_overlay,
    set_main,
)
from bot.dialogue.quality_types import DossierFiles, SimilarEntry
from bot.dialogue.registry import HOOKS, lookup
from bot.dialogue.render import show
from bot.dialogue.types import EntrySummary, Kind, MyData, Periods, State, StepResult, Unit
from bot.dialogue.validators import clean_text
from bot.messages import Incoming, Outgoing

log = logging.getLogger(__name__)

# on_entries has no clock; rendering a prompt never reads the date, validators are not run.
_RENDER_ONLY = datetime(2000, 1, 1)
ENTRY_TITLE_MAX = 70
DEFAULT_PERIODS = Periods()


class Dialogue:
    """Pure and channel-agnostic: (state, incoming, now) → new state, replies, effects."""

    def __init__(
        self,
        *,
        units: Sequence[Unit],
        max_attachment_bytes: int = 20_000_000,
        paper_days: int = 15,
        hand_to: str = "",
        periods: Periods = DEFAULT_PERIODS,
    ) -> None:
        self.units = tuple(units)
        self.max_attachment_bytes = max_attachment_bytes
        self.paper_days = paper_days  # submission.paper_days: the signed papers' deadline
        self.hand_to = hand_to.strip() or catalogue_sang_kien.HAND_TO  # submission.hand_to
        self.periods = periods  # retention.*: the privacy notice tells these periods

    def _env(self, now: datetime) -> Env:
        return Env(
            now=now,
            units=self.units,
            max_attachment_bytes=self.max_attachment_bytes,
            finish=finish,
            periods=self.periods,
        )

    def step(self, state: State, incoming: Incoming, now: datetime) -> StepResult:
        work = _sane(state)
        work[CHANNEL_KEY] = incoming.channel
        env = self._env(now)
        try:
            return HOOKS.pre_dispatch(env, work, incoming, _dispatch)  # /lienket first
        except Exception:  # the last resort: the user gets an answer, the state stays usable
            log.exception("dialogue step failed for a %s update", incoming.kind)
            return StepResult(copy.deepcopy(state), (Outgoing(text.INTERNAL_ERROR),))

    def on_submitted(self, state: State, *, code: str, kind: Kind, now: datetime) -> StepResult:
        """The runner stored the Submit: clear the draft and give the tracking code."""
        work = _sane(state)
        env = self._env(now)
        close_overlay(work)
        set_main(work, "menu", "menu")
        today = local_today(now)
        if kind == "hien_ke":
            receipt = catalogue_hien_ke.SUBMITTED.format(code=code, date=f"{today:%d/%m/%Y}")
        else:
            receipt = self._next_steps(work, code, today)
        return machine.show_current(env, work, receipt)

    def _next_steps(self, state: State, code: str, today: date) -> str:
        """The receipt of a sáng kiến: print, sign, the head of unit stamps, hand in by when."""
        text = catalogue_sang_kien
        agency = str((state.get("profile") or {}).get("agency") or "") or text.YOUR_UNIT
        deadline = ""
        if self.paper_days:
            due = today + timedelta(days=self.paper_days)
            deadline = text.PAPER_DEADLINE.format(day=f"{due:%d/%m/%Y}")
        return text.SUBMITTED.format(
            code=code, date=f"{today:%d/%m/%Y}", agency=agency, hand_to=self.hand_to,
            deadline=deadline,
        )

    def on_entries(self, state: State, entries: Sequence[EntrySummary]) -> StepResult:
        """The user's own entries with their status; an open draft is left untouched."""
        work = _sane(state)
        env = self._env(_RENDER_ONLY)
        listing = _listing(entries)
        if work.get("flow") == "menu" and not work.get("overlay"):
            return machine.show_current(env, work, listing)
        return StepResult(work, (Outgoing(listing), show(env, work)))

    # ---- the person's rights (bot/dialogue/privacy.py) ----

    def on_declined(self, state: State) -> StepResult:
        """The runner forgot the account of someone who declined consent."""
        return privacy.on_declined(self._env(_RENDER_ONLY))

    def on_erased(
        self, state: State, *, kept: Sequence[str], withdrawn: Sequence[str]
    ) -> StepResult:
        """The runner erased the person's data; `kept` entries keep names and units."""
        return privacy.on_erased(self._env(_RENDER_ONLY), kept, withdrawn)

    def on_my_data(self, state: State, found: MyData) -> StepResult:
        """The summary of everything held and the file; then the step the user was at."""
        work = _sane(state)
        env = self._env(_RENDER_ONLY)
        replies = privacy.on_my_data(env, found)
        if lookup(active(work)) is None:  # before consent there is no step to show again
            return StepResult(work, tuple(replies))
        return StepResult(work, (*replies, show(env, work)))

    # ---- the writing help's follow-ups (bot/dialogue/quality_followups.py) ----

    def on_similar(
        self, state: State, entries: Sequence[SimilarEntry] | None, *, now: datetime
    ) -> StepResult:
        """Earlier entries like the draft (None: the lookup was skipped); answers FindSimilar."""
        return quality_followups.on_similar(self._env(now), _sane(state), entries)

    def on_dossier_choices(self, state: State, entries: Sequence[EntrySummary]) -> StepResult:
        """The author's own entries, for /taidon (answers ListDossiers)."""
        return quality_followups.on_dossier_choices(self._env(_RENDER_ONLY), _sane(state), entries)

    def on_dossier(
        self, state: State, *, code: str, files: DossierFiles | None, **options: Any
    ) -> StepResult:
        """The printable dossier sent (answers SendDossier and a sáng kiến's submission)."""
        env = self._env(_RENDER_ONLY)
        return quality_followups.on_dossier(env, _sane(state), code, files, **options)


# Steps an earlier version had, and where a draft standing at one resumes.
MOVED_STEPS = {("sang_kien", "declaration"): "review"}  # the pledge is now made by «Gửi»


def _sane(state: State) -> State:
    """A deep copy (the input is never mutated) with unknown flows or steps repaired."""
    work = copy.deepcopy(state) if isinstance(state, dict) else {}
    for frame in (work, work.get("overlay")):
        if isinstance(frame, dict):
            moved = MOVED_STEPS.get((str(frame.get("flow")), str(frame.get("step"))))
            if moved:
                frame["step"] = moved
    overlay = work.get("overlay")
    if overlay is not None and (not isinstance(overlay, dict) or lookup(overlay) is None):
        work.pop("overlay", None)
    if work.get("flow") is not None and lookup(work) is None:
        set_main(work, "menu", "menu")
    return work


def _dispatch(env: Env, state: State, incoming: Incoming) -> StepResult:
    kind, payload = _normalise(incoming)
    gate = _gate(env, state, kind, payload)
    if gate is not None:
        return gate
    if kind == "command":
        return commands.run(env, state, payload)
    if kind == "choice":
        return inputs.press(env, state, payload)
    if kind == "file" and incoming.attachment is not None:
        return inputs.file(env, state, incoming.attachment)
    if kind == "text":
        if not payload:
            return machine.show_current(env, state, text.EMPTY)
        return inputs.typed(env, state, payload)
    what = text.UNSUPPORTED_NAMES.get(payload.strip().lower(), text.UNSUPPORTED_OTHER)
    return machine.show_current(env, state, text.UNSUPPORTED.format(what=what))


def _normalise(incoming: Incoming) -> tuple[str, str]:
    """(kind, payload) with text cleaned to NFC; "/lenh" typed as text counts as a command."""
    if incoming.kind == "command":
        return "command", clean_text(incoming.command or "")
    if incoming.kind == "choice":
        return "choice", (incoming.choice or "").strip()
    if incoming.kind == "file":
        return ("file", "") if incoming.attachment else ("unsupported", "file")
    if incoming.kind == "text":
        cleaned = clean_text(incoming.text or "")
        if cleaned.startswith("/") and len(cleaned) > 1 and " " not in cleaned.split("\n")[0][:40]:
            return "command", cleaned[1:].split()[0]
        return "text", cleaned
    return "unsupported", clean_text(incoming.text or "")


def _gate(env: Env, state: State, kind: str, payload: str) -> StepResult | None:
    """New users get the greeting and consent first; then the profile before anything else."""
    if not state.get("consent_at"):
        fresh = state.get("flow") != "consent"
        channel = state.get(CHANNEL_KEY)
        if kind == "choice" and payload == "consent:yes" and fresh:
            set_main(state, "consent", "consent")  # Đồng ý under the decline message
            return None
        if kind == "command" and payload.lower() in ("quyenriengtu", "dulieucuatoi"):
            state.clear()
            state[CHANNEL_KEY] = channel
            set_main(state, "consent", "consent")
            return machine.show_current(env, state, privacy.notice(env))
        if fresh or kind == "command":
            wanted = state.get(AFTER_PROFILE)
            state.clear()
            state[CHANNEL_KEY] = channel
            wanted = INTENT_COMMANDS.get(payload.lower(), wanted) if kind == "command" else wanted
            if wanted:  # /sangkien or /hienke as a first message: started after the profile
                state[AFTER_PROFILE] = wanted
            set_main(state, "consent", "consent")
            return machine.show_current(env, state, text.GREETING)
        return None
    if not state.get("profile") and active(state).get("flow") not in ("profile", "confirm_erase"):
        set_main(state, "profile", "name")
        return machine.show_current(env, state)
    if state.get("profile") and state.get("flow") in ("consent", "profile"):
        return show_menu(env, state)
    return None


def _listing(entries: Sequence[EntrySummary]) -> str:
    if not entries:
        return text.NO_ENTRIES
    lines = [text.ENTRIES_HEADER]
    for entry in entries:
        title = (
            entry.title
            if len(entry.title) <= ENTRY_TITLE_MAX
            else entry.title[: ENTRY_TITLE_MAX - 1].rstrip() + "…"
        )
        date = ""
        if entry.submitted_at is not None:
            date = text.ENTRY_DATE.format(date=local_today(entry.submitted_at).strftime("%d/%m/%Y"))
        status = text.STATUS_LABELS.get(entry.status, entry.status)
        lines.append(text.ENTRY_LINE.format(code=entry.code, title=title, status=status, date=date))
    return "\n".join(lines)
