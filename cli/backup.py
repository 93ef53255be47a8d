"""`sangkien backup --out FILE` and `sangkien restore FILE`: the database (SQLite or
PostgreSQL) and the data folder's files (dossiers, uploads, digests, exports, the signing key)
in one checked archive (cli.archive).

Backup runs beside a live server: the database copy is one snapshot, taken first; files
written after it are extra, never missing. Restore wants an empty database and data folder
(or --force), checks every checksum and the migration before touching anything, then moves
the files in and runs the migrations forward when the backup is older than this code.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from cli import archive
from cli.command import Call, call, say
from cli.progress import Bar
from webhook.config import Settings

FAILED = 1  # the command could not do it (it says why); nothing was changed

BACKED_UP = (
    "Đã sao lưu vào {file}: cơ sở dữ liệu ({backend}, migration {revision}) và {files} tệp, {size}."
)
KEEP_SAFE = "Tệp sao lưu chứa dữ liệu cá nhân và khóa ký của máy chủ: cất giữ cẩn thận như chính cơ sở dữ liệu."
RESTORED = "Đã khôi phục từ {file} (sao lưu lúc {created}): cơ sở dữ liệu và {files} tệp."
MIGRATED = "Đã nâng cơ sở dữ liệu từ migration {old} lên {new}."
RESTART = "Hãy khởi động (lại) máy chủ: sangkien serve."
NOT_FOUND = "Không tìm thấy tệp {file}."
NO_DATABASE = "Không thấy cơ sở dữ liệu {path}: chưa có gì để sao lưu."
TOOL_MISSING = (
    "Không tìm thấy lệnh {tool}. Hãy cài gói postgresql-client cùng phiên bản chính với máy chủ "
    "PostgreSQL (ví dụ: apt-get install postgresql-client), rồi chạy lại."
)
TOOL_FAILED = "{tool} báo lỗi: {detail}"
DAMAGED = "Không dùng được bản sao lưu {file}: {reason}. Chưa thay đổi gì."
OTHER_BACKEND = (
    "Bản sao lưu là của {backup}, còn cấu hình đang dùng {target}: không khôi phục chéo được. "
    "Chưa thay đổi gì."
)
NEWER = (
    "Bản sao lưu ở migration {revision} mà phiên bản này chưa biết (sao lưu từ phiên bản mới "
    "hơn). Hãy cập nhật phần mềm rồi khôi phục. Chưa thay đổi gì."
)
NOT_EMPTY = (
    "Nơi khôi phục đã có dữ liệu ({what}). Chỉ khôi phục vào cơ sở dữ liệu và thư mục dữ liệu "
    "trống; thêm --force để ghi đè. Chưa thay đổi gì."
)


def register(root: click.Group) -> None:
    @root.command("backup", help=say(
        "Sao lưu cơ sở dữ liệu và các tệp (hồ sơ, tệp tải lên, bảng tổng hợp, tệp xuất) vào một "
        "tệp, kể cả khi máy chủ đang chạy.",
        "Back up the database and the stored files (dossiers, uploads, digests, exports) into "
        "one file, also while the server runs."))  # fmt: skip
    @click.option(
        "--out",
        required=True,
        metavar="FILE",
        help=say("tệp sao lưu ghi ra (.tar.gz)", "the backup file to write (.tar.gz)"),
    )
    def backup(**params: Any) -> Call:  # fmt: skip
        return call(run_backup, params)

    @root.command("restore", help=say(
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu và thư mục dữ liệu trống, rồi nâng "
        "migration nếu bản sao lưu cũ hơn.",
        "Restore a backup into an empty database and data folder, then migrate forward if the "
        "backup is older."))  # fmt: skip
    @click.argument(
        "archive_file",
        metavar="FILE",
        help=say("tệp sao lưu do sangkien backup tạo", "a file made by sangkien backup"),
    )
    @click.option("--force", is_flag=True, help=say(
        "ghi đè cả khi cơ sở dữ liệu hoặc thư mục dữ liệu đã có dữ liệu",
        "overwrite even when the database or the data folder holds data"))  # fmt: skip
    def restore(**params: Any) -> Call:
        return call(run_restore, params)


def run_backup(settings: Settings, args: argparse.Namespace) -> int:
    from storage import backup as db_copy

    url, out = settings.database.url, Path(args.out)
    data_dir = Path(settings.server.data_dir)
    with tempfile.TemporaryDirectory(prefix="sangkien-backup-") as work:
        try:
            with Bar("Sao chép cơ sở dữ liệu / copying the database"):
                copy = db_copy.dump(url, Path(work))
        except FileNotFoundError:
            print(NO_DATABASE.format(path=db_copy.sqlite_path(url)), file=sys.stderr)
            return FAILED
        except (db_copy.ToolMissing, db_copy.ToolFailed) as error:
            print(_tool_message(error), file=sys.stderr)
            return FAILED
        sqlite = db_copy.backend(url) == "sqlite"
        files = archive.data_files(data_dir, _skipped(url, out))
        manifest = _manifest(
            url, db_copy.sqlite_revision(copy) if sqlite else db_copy.revision(url)
        )
        total = copy.stat().st_size + sum(path.stat().st_size for path, _ in files)
        with Bar("Sao lưu / backup", total=total, unit="bytes") as bar:
            written = archive.write(out, manifest, copy, files, bar)
    size = f"{out.stat().st_size / 1024 / 1024:.1f} MB"
    print(BACKED_UP.format(file=out, backend=manifest["backend"], revision=manifest["migration"],
                           files=len(written["files"]), size=size))  # fmt: skip
    print(KEEP_SAFE, file=sys.stderr)
    return 0


def run_restore(settings: Settings, args: argparse.Namespace) -> int:
    from storage import backup as db_copy

    url, source = settings.database.url, Path(args.archive_file)
    data_dir = Path(settings.server.data_dir)
    if not source.is_file():
        print(NOT_FOUND.format(file=source), file=sys.stderr)
        return FAILED
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".sangkien-restore-", dir=data_dir.parent) as work:
        staging = Path(work)
        try:
            with Bar("Đọc bản sao lưu / reading", total=source.stat().st_size, unit="bytes") as bar:
                manifest = archive.read(source, staging, bar)
        except archive.ArchiveError as error:
            print(DAMAGED.format(file=source, reason=error), file=sys.stderr)
            return FAILED
        if refusal := _refusal(url, data_dir, manifest, force=args.force):
            print(refusal, file=sys.stderr)
            return FAILED
        try:
            db_copy.load(url, staging / manifest["database"]["path"])
        except (db_copy.ToolMissing, db_copy.ToolFailed) as error:
            print(_tool_message(error), file=sys.stderr)
            return FAILED
        moved = _move_files(staging / archive.FILES, data_dir, list(archive.members(manifest)))
    print(RESTORED.format(file=source, created=manifest["created_at"], files=moved))
    if manifest["migration"] != db_copy.code_head():
        _migrate(url)
        print(MIGRATED.format(old=manifest["migration"], new=db_copy.code_head()))
    print(RESTART)
    return 0


def _refusal(url: str, data_dir: Path, manifest: dict[str, Any], *, force: bool) -> str | None:
    """Why this archive must not go into this target (None: go ahead)."""
    from storage import backup as db_copy

    if manifest.get("backend") != db_copy.backend(url):
        return OTHER_BACKEND.format(backup=manifest.get("backend"), target=db_copy.backend(url))
    revision = manifest.get("migration")
    if revision and not db_copy.knows(str(revision)):
        return NEWER.format(revision=revision)
    if force:
        return None
    path = db_copy.sqlite_path(url)
    tables = [] if path is not None and not path.exists() else db_copy.tables_with_rows(url)
    # The signing key a server made on its first start is no data; the backup's replaces it.
    key = (data_dir / "secret_key").resolve()
    files = [f for f in archive.data_files(data_dir, _skipped(url, None)) if f[0] != key]
    what = []
    if tables:
        what.append(f"{len(tables)} bảng có dòng, ví dụ {', '.join(sorted(tables)[:3])}")
    if files:
        what.append(f"{len(files)} tệp trong {data_dir}")
    return NOT_EMPTY.format(what="; ".join(what)) if what else None


def _move_files(staging: Path, data_dir: Path, relative: list[str]) -> int:
    for name in relative:
        target = data_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / name, target)  # a rename: staging is beside the data folder
    return len(relative)


def _migrate(url: str) -> None:
    from storage.db import Database
    from storage.migrate import upgrade

    db = Database(url)
    try:
        upgrade(db.engine)
    finally:
        db.dispose()


def _skipped(url: str, out: Path | None) -> set[Path]:
    """What lives in the data folder but is not a stored file: the SQLite database (copied
    through its backup API) with its journal files, and the archive being written."""
    from storage import backup as db_copy

    skip: set[Path] = set()
    path = db_copy.sqlite_path(url)
    if path is not None:
        skip |= {Path(f"{path}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal")}
    if out is not None:
        skip |= {out.resolve(), out.with_name(f".{out.name}.partial").resolve()}
    return skip


def _manifest(url: str, revision: str | None) -> dict[str, Any]:
    from storage import backup as db_copy

    now = time.time()
    try:
        version = metadata.version("tro-ly-sang-kien")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return {
        "format": archive.FORMAT,
        "created_at": datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds"),
        "created_at_epoch": int(now),
        "app_version": version,
        "python": platform.python_version(),
        "backend": db_copy.backend(url),
        "migration": revision,
        "code_head": db_copy.code_head(),
        "tools": db_copy.tool_versions(url),
    }


def _tool_message(error: Exception) -> str:
    from storage import backup as db_copy

    if isinstance(error, db_copy.ToolMissing):
        return TOOL_MISSING.format(tool=error.tool)
    assert isinstance(error, db_copy.ToolFailed)
    return TOOL_FAILED.format(tool=error.tool, detail=error.detail)
