"""Database copies for `sangkien backup|restore`: SQLite through its online backup API (a
consistent copy while the server keeps writing), PostgreSQL through pg_dump/pg_restore in
their custom format. A password never goes on a command line: the child gets PGPASSWORD.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from storage.migrate import alembic_config

SQLITE_FILE = "sangkien.sqlite3"
POSTGRES_FILE = "sangkien.pgdump"
# A database whose only rows are these is still empty: the migration stamp, and the job runs
# a server writes as soon as it starts (a new server may have run once before the restore).
BOOKKEEPING = frozenset({"alembic_version", "job_run"})


class ToolMissing(Exception):
    """pg_dump or pg_restore is not installed (or not on PATH)."""

    def __init__(self, tool: str) -> None:
        super().__init__(tool)
        self.tool = tool


class ToolFailed(Exception):
    """pg_dump or pg_restore ran and refused; `detail` is its own last lines."""

    def __init__(self, tool: str, detail: str) -> None:
        super().__init__(f"{tool}: {detail}")
        self.tool, self.detail = tool, detail


def backend(url: str) -> str:
    """ "sqlite" or "postgresql"."""
    name = make_url(url).get_backend_name()
    return "postgresql" if name.startswith("postgres") else name


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    if backend(url) != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def dump(url: str, folder: Path) -> Path:
    """Write a consistent copy of the database into `folder`; returns the file."""
    if backend(url) == "sqlite":
        source = sqlite_path(url)
        if source is None or not source.is_file():
            raise FileNotFoundError(str(source))
        target = folder / SQLITE_FILE
        with _sqlite(source) as src, _sqlite(target) as dst:
            src.backup(dst)  # one step: a snapshot, never restarted by the server's writes
        return target
    target = folder / POSTGRES_FILE
    _run("pg_dump", ["--format=custom", "--no-owner", f"--file={target}"], url)
    return target


def load(url: str, copy: Path) -> None:
    """Replace the database's contents with the copy (whatever it held: the caller checks)."""
    if backend(url) == "sqlite":
        target = sqlite_path(url)
        if target is None:
            raise ValueError("an in-memory database cannot be restored into")
        target.parent.mkdir(parents=True, exist_ok=True)
        with _sqlite(copy) as src, _sqlite(target) as dst:
            src.backup(dst)
        return
    _drop_tables(url)
    # pg_dump writes `CREATE SCHEMA public` when the schema was made by hand; the target
    # already has one, so the restore runs from a listing without schema entries.
    listing = _run("pg_restore", ["--list", str(copy)], None)
    kept = [line for line in listing.splitlines() if " SCHEMA - " not in line]
    use_list = copy.with_suffix(".list")
    use_list.write_text("\n".join(kept) + "\n", encoding="utf-8")
    args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    _run("pg_restore", [*args, f"--use-list={use_list}", str(copy)], url)


def revision(url: str) -> str | None:
    """The migration the database is at (None before the first one)."""
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            heads = MigrationContext.configure(connection).get_current_heads()
    finally:
        engine.dispose()
    return heads[0] if heads else None


def sqlite_revision(copy: Path) -> str | None:
    """The migration a SQLite copy is at, read from the copy itself."""
    with _sqlite(copy) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return str(row[0]) if row else None


def code_head() -> str:
    """The latest migration this code knows."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head())


def knows(revision_id: str) -> bool:
    """True when this code has the migration (a backup from a newer version may not)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    try:
        return script.get_revision(revision_id) is not None
    except CommandError:
        return False


def tables_with_rows(url: str) -> list[str]:
    """The tables that hold something (bookkeeping aside): none means restorable."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = [n for n in inspect(connection).get_table_names() if n not in BOOKKEEPING]
            return [
                name
                for name in names
                if connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first()
            ]
    finally:
        engine.dispose()


def tool_versions(url: str) -> dict[str, str]:
    """What made the copy, for the manifest."""
    if backend(url) == "sqlite":
        return {"sqlite": sqlite3.sqlite_version}
    found = {"pg_dump": _run("pg_dump", ["--version"], None).strip()}
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found["server"] = str(connection.execute(text("SHOW server_version")).scalar_one())
    finally:
        engine.dispose()
    return found


def _drop_tables(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for name in inspect(connection).get_table_names():
                connection.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()


def _run(tool: str, args: list[str], url: str | None) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ToolMissing(tool)
    env = dict(os.environ)
    if url is not None:
        parsed = make_url(url)
        args = [*args, f"--dbname={_conninfo(parsed)}"]
        if parsed.password:
            env["PGPASSWORD"] = str(parsed.password)
    done = subprocess.run([path, *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        detail = "\n".join(done.stderr.strip().splitlines()[-3:]) or f"exit {done.returncode}"
        raise ToolFailed(tool, detail)
    return done.stdout


def _conninfo(parsed: URL) -> str:
    """libpq connection string without the password."""
    params: dict[str, str | int | None] = {
        "dbname": parsed.database,
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
    }
    params.update({k: v for k, v in parsed.query.items() if isinstance(v, str)})
    return psycopg.conninfo.make_conninfo("", **{k: v for k, v in params.items() if v is not None})


def _sqlite(path: Path) -> closing[sqlite3.Connection]:
    """A plain sqlite3 connection, closed (not only committed) on leaving the block."""
    return closing(sqlite3.connect(str(path), timeout=30))
