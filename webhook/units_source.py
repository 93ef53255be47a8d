"""Which unit list the server offers: the operator's imported one, else the shipped file."""

from __future__ import annotations

import logging

from bot.dialogue import load_units
from bot.dialogue.types import Unit
from storage.db import Database

log = logging.getLogger(__name__)


def unit_list(db: Database) -> list[Unit]:
    """The units an operator imported (`sangkien units import`), else the shipped list."""
    from sqlalchemy.exc import SQLAlchemyError

    from storage.units import all_units

    try:
        with db.session() as session:
            stored = [
                Unit(name=u.name, kind=u.kind, valid_from=u.valid_from, valid_to=u.valid_to)
                for u in all_units(session)
            ]
    except SQLAlchemyError:  # not migrated yet: `serve` migrates before it reads
        log.warning("unit table unreadable; using the shipped unit list")
        stored = []
    return stored or load_units()
