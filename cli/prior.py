"""`sangkien import --xlsx FILE`: earlier years' initiative lists, for the novelty check."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from cli.command import Call, call, say
from cli.progress import Bar
from webhook.config import Settings

CHUNK = 1000  # rows a statement; the progress bar moves after each
UNREADABLE = 1  # exit code when the file cannot be read at all; skipped rows still exit 0

IMPORTED = "Đã nhập {count} sáng kiến từ {file} ({created} mới, {updated} cập nhật)."
SKIPPED_HEADER = "Bỏ qua {count} dòng:"
SKIPPED_LINE = "  Dòng {row}: {reason}"
NOT_FOUND = "Không tìm thấy tệp {file}."
CANNOT_READ = "Không nhập được {file}: {reason}"
REFRESH_NOTE = "Máy chủ đang chạy sẽ tự cập nhật danh sách tra cứu trùng lặp trong vòng một phút."


def register(root: click.Group) -> None:
    @root.command(
        "import",
        help=say(
            "Nhập sáng kiến các năm trước từ .xlsx (Mã, Tên sáng kiến, Nội dung, Đơn vị, Năm, "
            "Trạng thái) để tra cứu trùng lặp.",
            "Import earlier years' initiatives from .xlsx (Mã, Tên sáng kiến, Nội dung, Đơn vị, "
            "Năm, Trạng thái), for the novelty check.",
        ),
    )
    @click.option(
        "--xlsx", required=True, metavar="FILE", help=say("tệp danh sách .xlsx", "the .xlsx list")
    )
    @click.option(
        "--sheet",
        help=say(
            "tên trang tính (mặc định: trang đang mở)", "worksheet name (default: the active one)"
        ),
    )
    def prior_import(**params: Any) -> Call:
        return call(run, params)


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Store every readable row (upsert by code) and report each skipped row by number."""
    from bot.similar.importer import SheetError, read_xlsx
    from storage.types import utcnow

    out = out or sys.stdout
    path = Path(args.xlsx)
    now = utcnow()
    try:
        with Bar(f"Đọc / reading {path.name}"):
            result = read_xlsx(path, sheet=args.sheet, this_year=now.year)
    except FileNotFoundError:
        print(NOT_FOUND.format(file=path), file=sys.stderr)
        return UNREADABLE
    except (SheetError, OSError) as error:
        print(CANNOT_READ.format(file=path, reason=error), file=sys.stderr)
        return UNREADABLE
    created, updated = _store(settings, [dataclasses.asdict(row) for row in result.rows], now)
    print(
        IMPORTED.format(count=len(result.rows), file=path.name, created=created, updated=updated),
        file=out,
    )
    if result.skipped:
        print(SKIPPED_HEADER.format(count=len(result.skipped)), file=out)
        for row, reason in result.skipped:
            print(SKIPPED_LINE.format(row=row, reason=reason), file=out)
    if result.rows:
        print(REFRESH_NOTE, file=out)
    return 0


def _store(settings: Settings, rows: list[dict[str, Any]], now: Any) -> tuple[int, int]:
    """One transaction (all rows or none), stored in chunks so the bar can follow."""
    from storage.db import Database
    from storage.prior import upsert_prior_entries

    db = Database(settings.database.url)
    created = updated = 0
    try:
        with Bar("Lưu / storing", total=len(rows)) as bar, db.write() as session:
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                new, changed = upsert_prior_entries(session, rows=chunk, now=now)
                created, updated = created + new, updated + changed
                bar.advance(len(chunk))
        return created, updated
    finally:
        db.dispose()
