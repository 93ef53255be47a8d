"""Desk sign-in storage: a link is taken once; the retention job removes dead links and sessions."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.retention import RetentionSetup, run_retention
from storage import desk_auth
from storage.db import Database
from storage.models import DeskSession, SignInLink

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
TTL = timedelta(minutes=10)


def test_a_link_opened_twice_at_once_signs_in_only_once(db: Database) -> None:
    with db.write() as session:
        token = desk_auth.issue_link(session, principal="telegram:777", now=NOW, ttl=TTL)
    taken: list[str | None] = []
    lock = threading.Lock()

    def take() -> None:
        with db.write() as session:
            found = desk_auth.take_link(session, token=token, now=NOW + timedelta(minutes=1))
        with lock:
            taken.append(found)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken, key=str) == [None, None, None, "telegram:777"]


def test_retention_drops_dead_links_and_sessions_and_keeps_live_ones(
    db: Database, tmp_path: Path
) -> None:
    old = NOW - timedelta(days=3)
    with db.write() as session:
        desk_auth.issue_link(session, principal="telegram:1", now=old, ttl=TTL)  # expired
        desk_auth.issue_link(session, principal="telegram:2", now=NOW, ttl=TTL)  # live
        ended = desk_auth.start_session(
            session,
            principal="telegram:1",
            method="chat_link",
            now=old,
            lifetime=timedelta(hours=12),
        )
        desk_auth.start_session(
            session,
            principal="telegram:2",
            method="chat_link",
            now=NOW,
            lifetime=timedelta(hours=12),
        )
        row = session.execute(
            select(DeskSession).where(DeskSession.token_hash == desk_auth.digest(ended))  # type: ignore[arg-type]
        ).scalar_one()
        row.ended_at = old + timedelta(hours=1)
    report = run_retention(db, RetentionSetup(data_dir=tmp_path / "data"), now=NOW)
    assert report.removed["desk sign-ins"] == 2
    with db.session() as session:
        links = session.execute(select(SignInLink.principal)).scalars().all()
        sessions = session.execute(select(func.count()).select_from(DeskSession)).scalar_one()
    assert links == ["telegram:2"] and sessions == 1
