"""When each scheduled job last ran: a run missed while the server was down happens once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from storage.models import JobRun
from storage.upserts import insert_for


def started(session: Session, *, name: str, now: datetime) -> None:
    _upsert(session, name, {"last_started_at": now})


def finished(session: Session, *, name: str, now: datetime, outcome: str) -> None:
    _upsert(session, name, {"last_finished_at": now, "last_outcome": outcome[:200]})


def _upsert(session: Session, name: str, values: dict[str, Any]) -> None:
    # Two processes may run the same job at once (CLI and server): neither may fail on it.
    stmt = insert_for(session, JobRun).values(name=name, **values)
    session.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))


def all_runs(session: Session) -> dict[str, JobRun]:
    return {row.name: row for row in session.execute(select(JobRun)).scalars()}
