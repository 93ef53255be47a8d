"""Real SQLite and PostgreSQL databases for tests; PostgreSQL failing to answer is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from storage.db import Database
from storage.migrate import upgrade

PG_ADMIN = os.environ.get("SANGKIEN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def pg_database_name() -> str:
    # One database per test run and worker, so two runs on one machine never collide.
    run = os.environ.setdefault("SANGKIEN_TEST_RUN", str(os.getpid()))
    return f"sangkien_test_{run}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def drop_pg_database() -> None:
    """Remove this run's database at the end (best effort: a crash leaves it for later)."""
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_database_name()}" WITH (FORCE)')
    except psycopg.Error:
        pass


def pg_database_url() -> str:
    """A database of this run's worker, created on first use (empty schema per test)."""
    name = pg_database_name()
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL at {PG_ADMIN} is unreachable: {exc}", pytrace=False)
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


def fresh_database(backend: str, tmp_path: Path) -> str:
    """Return the URL of an empty, fully migrated database of the given backend."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/sangkien.db"
    else:
        url = pg_database_url()
        db = Database(url)
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.dispose()
    db = Database(url)
    upgrade(db.engine)
    db.dispose()
    return url
