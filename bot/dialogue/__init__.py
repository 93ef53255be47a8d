"""The pure, channel-agnostic dialogue engine: flows as data and a step function."""

from __future__ import annotations

from bot.dialogue.catalogue_common import STATUS_LABELS
from bot.dialogue.engine import Dialogue
from bot.dialogue.units import load_units

__all__ = ["STATUS_LABELS", "Dialogue", "load_units"]
