"""Spreadsheets of submissions: text stays text (no formula runs), Vietnamese survives."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.review.sheets import digest_sheet, export_sheet, write_csv, write_xlsx
from storage.models import Submission

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)


def _entry(title: str) -> Submission:
    return Submission(
        id=1,
        code="SK-2026-00001",
        kind="sang_kien",
        status="forwarded",
        title=title,
        fields={"field": "=1+1", "solution": "@SUM(A1)\x01", "scope": "co_so"},
        person_id=1,
        identity_id=1,
        author={"name": "Trần Thị Bé", "position": "Chuyên viên", "agency": "Sở Y tế"},
        agency="Sở Y tế",
        created_at=NOW,
        submitted_at=NOW,
        updated_at=NOW,
    )


def test_xlsx_keeps_formulas_as_text(tmp_path: Path) -> None:
    path = write_xlsx(
        digest_sheet([_entry('=HYPERLINK("http://x","bấm")')], TZ), tmp_path / "d.xlsx"
    )
    rows = list(load_workbook(path).active.iter_rows())
    title = rows[1][4]
    assert title.value == '=HYPERLINK("http://x","bấm")' and title.data_type == "s"
    assert rows[1][9].value == "08:15 02/03/2026"  # local time
    assert rows[1][10].value == "@SUM(A1)"  # control character dropped
    assert rows[1][3].value == "Đã chuyển Hội đồng"


def test_csv_defuses_formulas_and_opens_in_excel(tmp_path: Path) -> None:
    path = write_csv(export_sheet([_entry("-2+3 Sáng kiến")], TZ), tmp_path / "e.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header, row = rows
    assert row[4] == "'-2+3 Sáng kiến"
    assert row[header.index("Lĩnh vực")] == "'=1+1"
    assert row[header.index("Phạm vi đề nghị công nhận")] == "Cấp cơ sở"  # labels, not codes
