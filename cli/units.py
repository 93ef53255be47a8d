"""`sangkien units import --csv FILE`: load or update the province's unit list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from cli.command import Call, call, say
from webhook.config import Settings

UNREADABLE = 1  # the file cannot be read at all; refused rows still exit 0

IMPORTED = "Đã nhập {count} đơn vị từ {file} ({created} mới, {updated} cập nhật)."
REFUSED_HEADER = "Không nhập {count} dòng:"
REFUSED_LINE = "  Dòng {row}: {reason}"
NOT_FOUND = "Không tìm thấy tệp {file}."
CANNOT_READ = "Không nhập được {file}: {reason}"
RESTART_NOTE = "Danh sách mới có hiệu lực khi khởi động lại máy chủ (sangkien serve)."


def register(root: click.Group) -> None:
    @root.group("units", help=say("Danh sách đơn vị của tỉnh.", "The province's unit list."))
    def units() -> None:
        """The unit group."""

    @units.command(
        "import",
        help=say(
            "Nạp hoặc cập nhật đơn vị từ CSV (name,kind,valid_from,valid_to).",
            "Load or update units from CSV (name,kind,valid_from,valid_to).",
        ),
    )
    @click.option(
        "--csv",
        required=True,
        metavar="FILE",
        help=say("danh sách đơn vị, CSV UTF-8", "the unit list, UTF-8 CSV"),
    )
    def load(**params: Any) -> Call:
        return call(run, params)


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Store every valid row (upsert by name) and report each refused row with its reason."""
    from bot.units_csv import UnitFileError, read_units_csv
    from storage.types import utcnow

    out = out or sys.stdout
    path = Path(args.csv)
    try:
        found = read_units_csv(path)
    except FileNotFoundError:
        print(NOT_FOUND.format(file=path), file=sys.stderr)
        return UNREADABLE
    except (UnitFileError, OSError) as error:
        print(CANNOT_READ.format(file=path, reason=error), file=sys.stderr)
        return UNREADABLE
    created, updated = _store(settings, found.rows, utcnow())
    count = len(found.rows)
    print(IMPORTED.format(count=count, file=path.name, created=created, updated=updated), file=out)
    if found.refused:
        print(REFUSED_HEADER.format(count=len(found.refused)), file=out)
        for row, reason in found.refused:
            print(REFUSED_LINE.format(row=row, reason=reason), file=out)
    if created or updated:
        print(RESTART_NOTE, file=out)
    return 0


def _store(settings: Settings, rows: list[dict[str, Any]], now: Any) -> tuple[int, int]:
    from storage.db import Database
    from storage.units import upsert_units

    db = Database(settings.database.url)
    try:
        with db.write() as session:
            return upsert_units(session, rows=rows, now=now)
    finally:
        db.dispose()
