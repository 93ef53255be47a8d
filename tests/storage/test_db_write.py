"""The ordinary write path (`Database.write`, used by the desk, the CLI and the jobs): a
COMMIT that fails keeps nothing of its transaction and leaves no connection behind in it,
so the next write works. Checked on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from storage import queries
from storage.db import Database
from storage.models import ProcessedUpdate
from storage.types import utcnow


def _keys(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(session.execute(select(ProcessedUpdate.key)).scalars())  # type: ignore[call-overload]


def test_a_failed_commit_keeps_nothing_and_the_next_writes_work(db: Database) -> None:
    def fail(_conn: object) -> None:
        raise RuntimeError("disk full at commit")

    event.listen(db.engine, "commit", fail)
    try:
        with pytest.raises(RuntimeError, match="disk full"), db.write() as session:
            queries.claim_update(session, key="lost", now=utcnow())
    finally:
        event.remove(db.engine, "commit", fail)
    for n in range(25):  # more than the pool holds: every connection is usable again
        with db.write() as session:
            assert queries.claim_update(session, key=f"kept-{n:02d}", now=utcnow())
    assert _keys(db) == [f"kept-{n:02d}" for n in range(25)]
