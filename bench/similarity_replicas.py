"""Two replicas' similarity services on one PostgreSQL database: is a fresh entry seen at once?"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import text as sql

from bot.similar.index import SimilarityIndex
from bot.similar.service import SimilarityService
from storage.db import Database
from storage.migrate import upgrade
from tests.support.writing import add_submission

DB_NAME = "sangkien_bench_replicas"


def _fresh(url: str) -> str:
    """An empty database beside `url`'s, migrated to head."""
    admin = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    fresh = url.rsplit("/", 1)[0] + "/" + DB_NAME
    db = Database(fresh)
    upgrade(db.engine)
    db.dispose()
    return fresh


def service_pair_finds(url: str, text: str) -> str:
    """Replica A stores and indexes an entry; replica B, built before, looks it up at once."""
    fresh = _fresh(url)
    first, second = Database(fresh), Database(fresh)
    factory = lambda: SimilarityIndex(threshold=0.3)  # noqa: E731
    a = SimilarityService(first, index_factory=factory)
    b = SimilarityService(second, index_factory=factory)
    try:
        a.build()
        b.build()
        add_submission(first, code="SK-2026-00001", kind="sang_kien", title=text,
                       fields={"solution": text}, at=datetime.now(UTC))
        a.put("sub:SK-2026-00001", text, text)
        found = b.find(text, k=1) or []
        if found and found[0].entry_id == "sub:SK-2026-00001":
            return "yes (checks the database before a lookup)"
        return "no: only after B's periodic refresh (30 s)"
    finally:
        first.dispose()
        second.dispose()
        admin = url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def catch_up_cost(url: str, *, entries: int, calls: int) -> tuple[list[float], list[float]]:
    """Milliseconds of the check a lookup makes first (nothing changed, `entries` stored),
    and of a bare `SELECT 1` in a session, interleaved: the floor of any database touch."""
    fresh = _fresh(url)
    db = Database(fresh)
    try:
        now = datetime.now(UTC)
        add_submission(db, code="SK-2026-00001", kind="sang_kien", title="Số hóa hồ sơ",
                       fields={"solution": "Quét và lưu"}, at=now)
        with db.engine.begin() as conn:  # copies, one a minute back in time
            conn.execute(sql(
                "INSERT INTO submission (code, kind, status, title, fields, person_id, "
                "identity_id, author, created_at, updated_at) SELECT 'B' || g, kind, status, "
                "title, fields, person_id, identity_id, author, created_at, "
                "updated_at - g * interval '1 minute' FROM submission, "
                "generate_series(1, :n) g WHERE code = 'SK-2026-00001'"), {"n": entries - 1})
            conn.execute(sql("ANALYZE submission"))
        # Built a minute ago: the window holds the last few entries, as between refreshes.
        service = SimilarityService(db, clock=lambda: now - timedelta(minutes=1))
        service.build()
        service.catch_up()
        checks: list[float] = []
        floor: list[float] = []
        for _ in range(calls):
            started = time.perf_counter()
            service.catch_up()
            checks.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with db.session() as session:
                session.execute(sql("SELECT 1"))
            floor.append((time.perf_counter() - started) * 1000)
        return sorted(checks), sorted(floor)
    finally:
        db.dispose()
        admin = url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
