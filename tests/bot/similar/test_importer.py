"""Importing earlier years' lists from .xlsx files written by the test itself."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.similar.importer import (
    ImportedEntry,
    ImportResult,
    SheetError,
    header_key,
    parse_rows,
    parse_year,
    read_xlsx,
)


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, title: str = "Sheet1") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


HEADERS = ["Mã", "Tên sáng kiến", "Nội dung", "Đơn vị", "Năm", "Trạng thái"]


def test_a_clean_list_imports_every_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "2024.xlsx",
        [
            HEADERS,
            [
                "SK-2024-001",
                "Niêm yết mã QR tra cứu TTHC",
                "Dán mã QR…",
                "UBND xã Bình Sơn",
                2024,
                "Được công nhận",
            ],
            ["SK-2024-002", "Gộp báo cáo định kỳ", None, "Văn phòng UBND tỉnh", 2024, None],
        ],
    )
    result = read_xlsx(path)
    assert result == ImportResult(
        rows=[
            ImportedEntry(
                "SK-2024-001",
                "Niêm yết mã QR tra cứu TTHC",
                "Dán mã QR…",
                "UBND xã Bình Sơn",
                2024,
                "Được công nhận",
            ),
            ImportedEntry(
                "SK-2024-002", "Gộp báo cáo định kỳ", "", "Văn phòng UBND tỉnh", 2024, ""
            ),
        ],
        skipped=[],
    )


def test_header_below_a_title_in_any_case_and_order_with_extra_columns(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [
            ["DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM 2022"],
            [],
            ["STT", "TÊN SÁNG KIẾN", "ma", "nam", "Ghi chú", "don vi", "TRANG THAI", "noi dung"],
            [
                1,
                "Ký số văn bản đi",
                "SK-22-07",
                2022,
                "ghi chú bỏ qua",
                "Sở Tài chính",
                "Cấp tỉnh",
                "Dòng một\n  Dòng hai  ",
            ],
        ],
    )
    result = read_xlsx(path)
    assert result.skipped == []
    assert result.rows == [
        ImportedEntry(
            "SK-22-07", "Ký số văn bản đi", "Dòng một\nDòng hai", "Sở Tài chính", 2022, "Cấp tỉnh"
        )
    ]


def test_every_bad_row_is_skipped_with_its_reason(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            HEADERS,  # row 1
            ["SK-1", "Đúng", "", "UBND xã", 2021, ""],  # 2
            ["SK-2", None, "không có tên", "UBND xã", 2021, ""],  # 3
            [None, "Không có mã", "", "", 2021, ""],  # 4
            ["SK-4", "Năm chữ", "", "", "hai nghìn", ""],  # 5
            ["SK-5", "Năm học", "", "", "2023-2024", ""],  # 6
            ["SK-6", "Năm tương lai", "", "", 2031, ""],  # 7
            ["sk-1", "Trùng mã khác hoa thường", "", "", 2021, ""],  # 8
            [None, None, None, None, None, None],  # 9: blank, not an initiative
            ["SK-9", "Thiếu năm", "", "", None, ""],  # 10
            ["SK-10", "Năm quá xa", "", "", 1900, ""],  # 11
            ["SK-11", "Cuối cùng", "", "", "Năm 2020", ""],  # 12
        ],
    )
    result = read_xlsx(path, this_year=2026)
    assert [entry.code for entry in result.rows] == ["SK-1", "SK-11"]
    assert result.skipped == [
        (3, "thiếu tên sáng kiến"),
        (4, "thiếu mã"),
        (5, "năm không hợp lệ: «hai nghìn»"),
        (6, "năm không hợp lệ: «2023-2024»"),
        (7, "năm không hợp lệ: «2031»"),
        (8, "trùng mã sk-1 với dòng 2"),
        (10, "thiếu năm"),
        (11, "năm không hợp lệ: «1900»"),
    ]


def test_cells_are_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Thuỷ sản")
    path = write_xlsx(
        tmp_path / "cells.xlsx",
        [HEADERS, [15, f"  {decomposed}\nđiện tử ", None, decomposed, 2019.0, None]],
    )
    (entry,) = read_xlsx(path).rows
    assert entry.code == "15"
    assert entry.title == "Thuỷ sản điện tử" and unicodedata.is_normalized("NFC", entry.title)
    assert entry.agency == "Thuỷ sản" and entry.year == 2019


def test_a_binary_stream_and_a_named_sheet_are_accepted(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(["nothing here"])
    second = workbook.create_sheet("Năm 2020")
    second.append(HEADERS)
    second.append(["SK-1", "Tên", "", "", 2020, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert read_xlsx(buffer, sheet="Năm 2020").rows[0].code == "SK-1"
    buffer.seek(0)
    with pytest.raises(SheetError, match="dòng tiêu đề"):
        read_xlsx(buffer)
    buffer.seek(0)
    with pytest.raises(SheetError, match="Không có trang tính «Năm 2021»"):
        read_xlsx(buffer, sheet="Năm 2021")


def test_header_beyond_the_first_ten_rows_is_not_found() -> None:
    rows: list[tuple[object, ...]] = [("",)] * 10 + [tuple(HEADERS)]
    with pytest.raises(SheetError, match="Mã, Tên sáng kiến, Năm"):
        parse_rows(rows)


def test_a_file_that_is_not_xlsx_is_a_sheet_error(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_text("Mã;Tên sáng kiến\n", encoding="utf-8")
    with pytest.raises(SheetError, match="Không đọc được tệp Excel"):
        read_xlsx(path)
    with pytest.raises(FileNotFoundError):
        read_xlsx(tmp_path / "missing.xlsx")


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("Tên sáng kiến", "ten sang kien"),
        ("TÊN SÁNG KIẾN", "ten sang kien"),
        ("ten sang kien", "ten sang kien"),
        (" Tên  sáng\nkiến ", "ten sang kien"),
        ("Tên sáng kiến (giải pháp)", "ten sang kien"),
        (unicodedata.normalize("NFD", "Năm"), "nam"),
        ("Mã:", "ma"),
        (None, ""),
    ],
)
def test_header_matching_ignores_case_accents_and_remarks(cell: object, key: str) -> None:
    assert header_key(cell) == key


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        (2023, 2023),
        (2023.0, 2023),
        ("2023", 2023),
        ("Năm 2023", 2023),
        (date(2021, 5, 1), 2021),
        (datetime(2020, 1, 1, 8, 0), 2020),
        (2023.5, None),
        ("2023-2024", None),
        ("23", None),
        ("abc", None),
        (True, None),
        (2030, None),
    ],
)
def test_year_cells(cell: object, year: int | None) -> None:
    assert parse_year(cell, this_year=2026) == year
