"""Time of `sangkien backup` and `sangkien restore` with N entries and F stored files.

Fills a fresh SQLite or PostgreSQL database with N entries (bench.desk's rows) and the data
folder with F files of 48 KB of incompressible bytes (like .docx and .pdf), then runs the two
commands in-process, as an operator would, and prints the database and archive sizes and the
wall and CPU time of each. Restore goes into a second, empty database and folder. Not run by the test
suite; figures from a shared machine are indicative only.

    .venv/bin/python -m bench.backup --db sqlite --entries 20000 --files 1000
    .venv/bin/python -m bench.backup --db postgres --entries 20000 --files 1000
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import psycopg

from bench.desk import fill
from cli.main import main as sangkien
from storage.db import Database

FILE_SIZE = 48 * 1024


def _files(data: Path, count: int) -> int:
    for n in range(count):
        folder = data / "dossiers" / f"SK-2025-{n + 1:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "don-yeu-cau-cong-nhan.docx").write_bytes(os.urandom(FILE_SIZE))
    return count * FILE_SIZE


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pg_dump, pg_restore)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds: on a shared machine the CPU time is the steadier figure."""
    started, cpu = time.perf_counter(), _cpu()
    code = sangkien(args)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"sangkien {' '.join(args)} exited {code}")
    return elapsed, _cpu() - cpu


def _point(url: str, data: Path) -> None:
    os.environ["SANGKIEN_DATABASE__URL"] = url
    os.environ["SANGKIEN_SERVER__DATA_DIR"] = str(data)


def _second_database(backend: str, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp}/restored/sangkien.db"
    from tests.support.databases import PG_ADMIN, pg_database_name

    name = f"{pg_database_name()}_restored"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return (
        PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=1_000)
    args = parser.parse_args()
    from tests.support.databases import PG_ADMIN, drop_pg_database, fresh_database, pg_database_name

    os.environ.pop("SANGKIEN_CONFIG", None)
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        root = Path(tmp)
        url = fresh_database(args.db, root)
        db = Database(url)
        fill(db, args.entries)
        db.dispose()
        size = _files(root / "data", args.files)
        archive = root / "sangkien.tar.gz"
        _point(url, root / "data")
        backup = _timed(["backup", "--out", str(archive)])
        target = _second_database(args.db, root)
        _point(target, root / "restored-data")
        restore = _timed(["restore", str(archive)])
        print(f"\n{args.db}: {args.entries} entries, {args.files} files ({size / 2**20:.1f} MB)")
        print(f"  archive      {archive.stat().st_size / 2**20:8.1f} MB")
        print(f"  backup       {backup[0]:8.2f} s wall {backup[1]:8.2f} s CPU")
        print(f"  restore      {restore[0]:8.2f} s wall {restore[1]:8.2f} s CPU")
    if args.db == "postgres":
        drop_pg_database()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_database_name()}_restored" WITH (FORCE)')


if __name__ == "__main__":
    main()
