"""The province's unit list as stored data: upsert by name, read all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from storage.models import UnitRecord


def upsert_units(
    session: Session, *, rows: Sequence[Mapping[str, Any]], now: datetime
) -> tuple[int, int]:
    """Store rows by name (a re-import updates kind and dates); returns (created, updated)."""
    names = [str(row["name"]) for row in rows]
    known = {
        unit.name: unit
        for unit in session.execute(
            select(UnitRecord).where(col(UnitRecord.name).in_(names))
        ).scalars()
    }
    created = updated = 0
    for row in rows:
        unit = known.get(str(row["name"]))
        if unit is None:
            session.add(UnitRecord(**dict(row), updated_at=now))
            created += 1
            continue
        changed = any(getattr(unit, key) != row[key] for key in ("kind", "valid_from", "valid_to"))
        if changed:
            unit.kind, unit.valid_from, unit.valid_to = row["kind"], row["valid_from"], row["valid_to"]
            unit.updated_at = now
            updated += 1
    return created, updated


def all_units(session: Session) -> list[UnitRecord]:
    return list(session.execute(select(UnitRecord).order_by(col(UnitRecord.id))).scalars())
