"""The flow table the engine works from, filled in by bot.dialogue.flows.

The core of the dialogue (engine, machine, inputs, render, finishers, commands, revision, …)
looks flows up here and calls the few flow-specific pieces through the table's hooks, so it
imports no flow: flows import the core, never the other way round. The package's
``__init__`` imports ``bot.dialogue.flows`` once, which calls :func:`install`; every entry
point imports the package, so the table is filled before the first step. Must not import web,
SDK or database modules, webhook or cli, nor any flow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.dialogue.frames import Env
from bot.dialogue.steps import Flow, Step
from bot.dialogue.types import State, StepResult
from bot.messages import Button, Incoming

Rest = Callable[[Env, State, Incoming], StepResult]
PreDispatch = Callable[[Env, State, Incoming, Rest], StepResult]
Action = Callable[[Env, State], StepResult]
NotedAction = Callable[[Env, State, str], StepResult]


def _straight(env: Env, state: State, incoming: Incoming, rest: Rest) -> StepResult:
    return rest(env, state, incoming)


def _missing(*_: object, **__: object) -> Any:
    raise LookupError("no flow table installed: import bot.dialogue.flows first")


@dataclass
class Hooks:
    """The flow-specific code the core calls, by what it does (set by bot.dialogue.flows)."""

    pre_dispatch: PreDispatch = _straight  # /lienket before anything else
    request_dossier: Action = _missing  # /taidon
    finish_dossier_pick: NotedAction = _missing  # the dossier overlay's finisher
    title_from: Callable[[str], str] = _missing  # a hiến kế's title from its proposal
    edit_extra: Callable[[Flow, Mapping[str, Any]], tuple[Button, ...]] = _missing
    review_notes: Callable[[Flow, Mapping[str, Any], date], str] = _missing


FLOWS: dict[str, Flow] = {}
HOOKS = Hooks()


def install(flows: Iterable[Flow], hooks: Hooks) -> None:
    """Fill the table (the flows package does this once, on import)."""
    FLOWS.clear()
    FLOWS.update({flow.name: flow for flow in flows})
    for name in Hooks.__dataclass_fields__:
        setattr(HOOKS, name, getattr(hooks, name))


def lookup(frame: Mapping[str, Any]) -> tuple[Flow, Step] | None:
    """The flow and step a frame is at, or None for a state this version does not know."""
    flow = FLOWS.get(str(frame.get("flow")))
    step = flow.get(str(frame.get("step"))) if flow else None
    return (flow, step) if flow and step else None


def all_steps() -> list[tuple[str, str]]:
    """(flow, step) for every declared step: the coverage tests visit each one."""
    return [(flow.name, step.name) for flow in FLOWS.values() for step in flow.steps]
