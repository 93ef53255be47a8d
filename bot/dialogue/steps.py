"""The vocabulary flows are declared in: Step, Flow, Move and the context a step sees."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from bot.dialogue.types import Effect, Unit
from bot.messages import Button

StepKind = Literal["text", "choice", "unit", "files", "review", "edit_pick"]
FINISH = "@finish"  # Move target: the flow is complete, its finisher takes over


@dataclass(frozen=True)
class Ctx:
    """What a validator, a route or a prompt may look at (read-only)."""

    now: datetime
    today: date
    profile: Mapping[str, Any]
    answers: Mapping[str, Any]
    index: int
    units: tuple[Unit, ...]
    max_attachment_bytes: int
    channel: str = ""  # where the person writes from: what they can tap or send differs


@dataclass(frozen=True)
class Move:
    """Where to go after an accepted answer."""

    to: str
    index: int = 0
    note: str = ""
    effects: tuple[Effect, ...] = ()
    reset_stack: bool = False  # e.g. after consent there is nothing sensible to go back to
    answers: Mapping[str, Any] | None = None  # replaces the answers (e.g. a co-author removed)
    quiet: bool = False  # no reply now: an effect's follow-up answers (e.g. on_similar)


@dataclass(frozen=True)
class StepText:
    """The user-facing words of one step (from a catalogue)."""

    question: str
    guidance: str = ""
    example: str = ""


Validator = Callable[[str, Ctx], Any]
Choices = Callable[[Ctx], tuple[Button, ...]]
Route = Callable[[Ctx, Any], Move | None]
ChoiceValue = Callable[[Ctx, str], Any]


def fixed(*buttons: Button) -> Choices:
    """Choices that do not depend on the context."""
    return lambda ctx: buttons


@dataclass(frozen=True)
class Step:
    """One question. `field` is the answer key (for author steps: "authors" + `author_key`)."""

    name: str
    field: str | None
    text: StepText
    kind: StepKind = "text"
    validator: Validator | None = None
    choices: Choices = fixed()
    optional: bool = False
    numeric: bool = False  # a typed number is the answer, not an option number
    stores: bool = True
    author_key: str | None = None
    choice_value: ChoiceValue | None = None  # what a pressed button stores (default: its value)
    route: Route | None = None
    other_step: str | None = None  # unit steps: where "Tự nhập tên đơn vị" leads


@dataclass(frozen=True)
class Flow:
    """A named sequence of steps; `fields` orders the answers for progress, review and edit."""

    name: str
    steps: tuple[Step, ...]
    finish: str
    fields: tuple[str, ...] = ()
    field_labels: Mapping[str, str] = field(default_factory=dict)
    value_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    vars: Callable[[Ctx], dict[str, str]] | None = None
    show_progress: bool = False
    start_note: str = ""
    review_header: str = ""
    pledge: str = ""  # shown above the review's footer; «Gửi» makes it (stored as declaration)

    def get(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    def after(self, name: str) -> str:
        names = [s.name for s in self.steps]
        position = names.index(name) + 1
        return names[position] if position < len(names) else FINISH

    def first_step_for(self, field_name: str) -> Step | None:
        return next((s for s in self.steps if s.field == field_name), None)
