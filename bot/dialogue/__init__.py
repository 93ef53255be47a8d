"""The pure, channel-agnostic dialogue engine: flows as data and a step function.

Owns: the engine and its helpers (engine, machine, inputs, frames, render, ...), flows/ (the
declared steps, installed into registry.py's flow table on import) and catalogues/ (every
text, one module per flow). The core imports no flow: this file is the one place that loads
flows/, so importing anything from bot.dialogue fills the table before the first step.
Must not import: web (fastapi, starlette, httpx), SDK (telegram), database (sqlmodel,
sqlalchemy, storage), webhook, cli; no clock or randomness (tests/bot/dialogue/test_purity.py).
"""

from __future__ import annotations

from bot.dialogue import flows as _flows  # noqa: F401  (fills registry's flow table)
from bot.dialogue.catalogues.common import STATUS_LABELS
from bot.dialogue.engine import Dialogue
from bot.dialogue.flows.link import linked_elsewhere, on_link_code, on_link_refused, on_linked
from bot.dialogue.units import load_units

__all__ = [
    "STATUS_LABELS",
    "Dialogue",
    "linked_elsewhere",
    "load_units",
    "on_link_code",
    "on_link_refused",
    "on_linked",
]
