"""The conversation state: the main frame (draft or menu) at top level, an optional overlay."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.dialogue.dates import local_today
from bot.dialogue.steps import Ctx, Flow
from bot.dialogue.types import Periods, State, StepResult, Unit

FRAME_KEYS = (
    "flow",
    "step",
    "index",
    "answers",
    "stack",
    "pending",
    "editing",
    "review_stack",
    "revising",  # the code of an entry being amended (bot/dialogue/revision.py)
)
DRAFT_FLOWS = ("sang_kien", "hien_ke")
PROFILE_KEYS = ("name", "agency", "position", "phone")  # the profile flow's answers
AFTER_PROFILE = "after_profile"  # /sangkien or /hienke typed before consent: start it after
INTENT_COMMANDS = {"sangkien": "sang_kien", "hienke": "hien_ke"}
CHANNEL_KEY = "channel"  # the channel of the last update: prompts name what it can send
MAX_STACK = 200  # a very long co-author loop must not grow the stored state without bound

Finisher = Callable[["Env", State, Flow, str], StepResult]


class Limits(Protocol):
    """What a follow-up needs of the engine to build its Env (the Dialogue has these)."""

    @property
    def units(self) -> tuple[Unit, ...]: ...

    @property
    def max_attachment_bytes(self) -> int: ...


@dataclass(frozen=True)
class Env:
    """What one call of the engine works with: the time, the unit list, the limits, finishers."""

    now: datetime
    units: tuple[Unit, ...]
    max_attachment_bytes: int
    finish: Finisher
    periods: Periods = Periods()

    def ctx(
        self, state: State, frame: Mapping[str, Any], answers: Mapping[str, Any] | None = None
    ) -> Ctx:
        return Ctx(
            now=self.now,
            today=local_today(self.now),
            profile=state.get("profile") or {},
            answers=frame.get("answers") or {} if answers is None else answers,
            index=int(frame.get("index") or 0),
            units=self.units,
            max_attachment_bytes=self.max_attachment_bytes,
            channel=str(state.get(CHANNEL_KEY) or ""),
        )


def active(state: State) -> dict[str, Any]:
    """The frame that receives input: the overlay when one is open, else the main frame."""
    overlay = state.get("overlay")
    return overlay if isinstance(overlay, dict) else state


def new_frame(flow: str, step: str, answers: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"flow": flow, "step": step, "index": 0, "answers": dict(answers or {}), "stack": []}


def set_main(state: State, flow: str, step: str, answers: Mapping[str, Any] | None = None) -> None:
    for key in FRAME_KEYS:
        state.pop(key, None)
    state.update(new_frame(flow, step, answers))


def open_overlay(
    state: State, flow: str, step: str, answers: Mapping[str, Any] | None = None
) -> None:
    state["overlay"] = new_frame(flow, step, answers)


def close_overlay(state: State) -> None:
    state.pop("overlay", None)


def has_draft(state: State) -> bool:
    return state.get("flow") in DRAFT_FLOWS


def entry(step: str, index: int) -> str:
    """A stack entry, readable in the stored state: "title" or "coauthor_name:2"."""
    return f"{step}:{index}" if index else step


def parse_entry(value: str) -> tuple[str, int]:
    step, _, index = value.partition(":")
    return step, int(index) if index.isdigit() else 0


def push(frame: dict[str, Any]) -> None:
    stack = list(frame.get("stack") or [])
    stack.append(entry(str(frame.get("step")), int(frame.get("index") or 0)))
    frame["stack"] = stack[-MAX_STACK:]
