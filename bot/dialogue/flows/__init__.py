"""Every declared flow by its stored name, and lookup of the current step of a frame.

One module per flow (steps as data, with their catalogue in ../catalogues/). Must not
import web, SDK or database modules, webhook or cli.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.dialogue.flows.control import CONFIRM_CANCEL, CONFIRM_ERASE, DRAFT_CONFLICT, MENU
from bot.dialogue.flows.dossier import DOSSIER
from bot.dialogue.flows.hien_ke import HIEN_KE
from bot.dialogue.flows.profile import CONSENT, HOSO, PROFILE
from bot.dialogue.flows.sang_kien import SANG_KIEN
from bot.dialogue.steps import Flow, Step

FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        CONSENT,
        PROFILE,
        HOSO,
        MENU,
        SANG_KIEN,
        HIEN_KE,
        CONFIRM_CANCEL,
        CONFIRM_ERASE,
        DRAFT_CONFLICT,
        DOSSIER,
    )
}


def lookup(frame: Mapping[str, Any]) -> tuple[Flow, Step] | None:
    """The flow and step a frame is at, or None for a state this version does not know."""
    flow = FLOWS.get(str(frame.get("flow")))
    step = flow.get(str(frame.get("step"))) if flow else None
    return (flow, step) if flow and step else None


def all_steps() -> list[tuple[str, str]]:
    """(flow, step) for every declared step: the coverage tests visit each one."""
    return [(flow.name, step.name) for flow in FLOWS.values() for step in flow.steps]
