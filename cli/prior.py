"""`sangkien import --xlsx FILE`: earlier years' initiative lists, for the novelty check."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any, TextIO

from webhook.config import Settings

Sub = Any  # argparse's private _SubParsersAction
UNREADABLE = 1  # exit code when the file cannot be read at all; skipped rows still exit 0

IMPORTED = "Đã nhập {count} sáng kiến từ {file} ({created} mới, {updated} cập nhật)."
SKIPPED_HEADER = "Bỏ qua {count} dòng:"
SKIPPED_LINE = "  Dòng {row}: {reason}"
NOT_FOUND = "Không tìm thấy tệp {file}."
CANNOT_READ = "Không nhập được {file}: {reason}"
REFRESH_NOTE = "Máy chủ đang chạy sẽ tự cập nhật danh sách tra cứu trùng lặp trong vòng một phút."


def register(sub: Sub) -> None:
    parser = sub.add_parser(
        "import",
        help="import earlier years' initiatives from .xlsx (Mã, Tên sáng kiến, Nội dung, "
        "Đơn vị, Năm, Trạng thái)",
    )
    parser.add_argument("--xlsx", required=True, metavar="FILE", help="the .xlsx list")
    parser.add_argument("--sheet", help="worksheet name (default: the active one)")
    parser.set_defaults(func=run)


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Store every readable row (upsert by code) and report each skipped row by number."""
    from bot.similar.importer import SheetError, read_xlsx
    from storage.types import utcnow

    out = out or sys.stdout
    path = Path(args.xlsx)
    now = utcnow()
    try:
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
    from storage.db import Database
    from storage.prior import upsert_prior_entries

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            return upsert_prior_entries(session, rows=rows, now=now)
    finally:
        db.dispose()
