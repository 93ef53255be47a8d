"""The administrative unit list: loading storage/data/units.csv and picking a unit by name."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.dialogue.matching import find_matches, fold
from bot.dialogue.types import Unit
from bot.messages import nfc

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "storage" / "data" / "units.csv"
MAX_SHOWN = 6


def load_units(path: Path | None = None) -> list[Unit]:
    """Read the unit list (name,kind,valid_from,valid_to); blank dates mean open-ended."""
    with (path or DEFAULT_PATH).open(encoding="utf-8-sig", newline="") as handle:
        return [
            Unit(
                name=nfc(row["name"].strip()),
                kind=(row.get("kind") or "khac").strip(),
                valid_from=_date(row.get("valid_from")),
                valid_to=_date(row.get("valid_to")),
            )
            for row in csv.DictReader(handle)
            if (row.get("name") or "").strip()
        ]


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw.strip()) if raw and raw.strip() else None


def is_active(unit: Unit, today: date) -> bool:
    starts = unit.valid_from is None or unit.valid_from <= today
    return starts and (unit.valid_to is None or today <= unit.valid_to)


def search(units: Sequence[Unit], query: str, today: date) -> tuple[list[str], int]:
    """Names of the active units matching `query`, best first (at most MAX_SHOWN), and the total."""
    names = [unit.name for unit in units if is_active(unit, today)]
    found, total = find_matches(names, query, MAX_SHOWN)
    return [names[i] for i in found], total


def unit_value(name: str) -> str:
    """The button value of a unit: short ASCII, and stable when the CSV is reordered or edited."""
    digest = hashlib.sha1(fold(name).encode("utf-8")).hexdigest()[:10]
    return f"unit:{digest}"
