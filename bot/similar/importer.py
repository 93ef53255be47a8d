"""Earlier years' initiative lists from .xlsx: one row per initiative, every skipped row explained.

Reads only; storing the rows and the `sangkien import --xlsx FILE` command live elsewhere.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bot.similar.normalize import nfc, strip_accents

HEADER_SEARCH_ROWS = 10
EARLIEST_YEAR = 1975

# Column → accepted headers, compared lower-case, accent-free, without "(…)" remarks.
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("ma", "ma so", "ma sang kien"),
    "title": ("ten sang kien", "ten giai phap", "ten"),
    "content": ("noi dung", "noi dung tom tat", "tom tat noi dung", "tom tat"),
    "agency": ("don vi", "don vi cong tac", "co quan don vi", "co quan"),
    "year": ("nam", "nam cong nhan", "nam ap dung"),
    "status": ("trang thai", "ket qua"),
}
REQUIRED = ("code", "title", "year")
LABELS = {"code": "Mã", "title": "Tên sáng kiến", "year": "Năm"}

# Reasons as the admin reads them in the import report.
REASON_NO_CODE = "thiếu mã"
REASON_NO_TITLE = "thiếu tên sáng kiến"
REASON_NO_YEAR = "thiếu năm"
REASON_BAD_YEAR = "năm không hợp lệ: «{value}»"
REASON_DUPLICATE = "trùng mã {code} với dòng {row}"


class SheetError(ValueError):
    """The file cannot be read as an initiative list at all (not xlsx, no header row)."""


@dataclass(frozen=True)
class ImportedEntry:
    """One earlier initiative, text in NFC as written."""

    code: str
    title: str
    content: str
    agency: str
    year: int
    status: str


@dataclass(frozen=True)
class ImportResult:
    """Accepted rows in sheet order, and (Excel row number, reason) for each skipped one."""

    rows: list[ImportedEntry]
    skipped: list[tuple[int, str]]


def header_key(value: object) -> str:
    """A header cell compared loosely: "TÊN SÁNG KIẾN (giải pháp)" → "ten sang kien"."""
    text = re.sub(r"\([^)]*\)", " ", nfc(str(value or "")))
    text = re.sub(r"[^\w\s]", " ", strip_accents(text).lower())
    return " ".join(text.split())


_ALIASES = {alias: column for column, aliases in HEADERS.items() for alias in aliases}


def find_columns(cells: tuple[Any, ...]) -> dict[str, int]:
    """Column → index for the known headers in one row; the first of a repeated header wins."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        column = _ALIASES.get(header_key(cell))
        if column is not None:
            columns.setdefault(column, position)
    return columns


def text_of(value: object) -> str:
    """A cell as stripped NFC text; whole numbers lose their ".0" (a code typed as 15)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(nfc(str(value)).split())


_ONE_YEAR = re.compile(r"^\D*(\d{4})\D*$")


def paragraphs_of(value: object) -> str:
    """A long text cell as NFC, each line stripped, line breaks kept, blank lines dropped."""
    lines = (" ".join(line.split()) for line in text_lines(value))
    return "\n".join(line for line in lines if line)


def text_lines(value: object) -> list[str]:
    return nfc(str(value)).splitlines() if value is not None else []


def parse_year(value: object, *, this_year: int | None) -> int | None:
    """The year in a cell (2023, "2023", "Năm 2023", a date), or None when it is not one year.

    A school year such as "2023-2024" is refused rather than guessed.
    """
    if isinstance(value, datetime | date):
        found = value.year
    elif isinstance(value, int | float) and not isinstance(value, bool):
        found = int(value) if float(value).is_integer() else -1
    else:
        match = _ONE_YEAR.match(text_of(value))
        found = int(match.group(1)) if match else -1
    latest = this_year if this_year is not None else 9999
    return found if EARLIEST_YEAR <= found <= latest else None


def _cell(cells: tuple[Any, ...], columns: dict[str, int], column: str) -> Any:
    position = columns.get(column)
    return cells[position] if position is not None and position < len(cells) else None


def _entry(
    cells: tuple[Any, ...], columns: dict[str, int], *, this_year: int | None
) -> ImportedEntry | str:
    """The row as an entry, or the reason it cannot be one."""
    code = text_of(_cell(cells, columns, "code"))
    title = text_of(_cell(cells, columns, "title"))
    raw_year = _cell(cells, columns, "year")
    if not code:
        return REASON_NO_CODE
    if not title:
        return REASON_NO_TITLE
    if not text_of(raw_year):
        return REASON_NO_YEAR
    year = parse_year(raw_year, this_year=this_year)
    if year is None:
        return REASON_BAD_YEAR.format(value=text_of(raw_year))
    return ImportedEntry(
        code=code,
        title=title,
        content=paragraphs_of(_cell(cells, columns, "content")),
        agency=text_of(_cell(cells, columns, "agency")),
        year=year,
        status=text_of(_cell(cells, columns, "status")),
    )


def parse_rows(rows: list[tuple[Any, ...]], *, this_year: int | None = None) -> ImportResult:
    """Rows of cell values (row 1 first) → entries; the header row is found in the first ten."""
    header_at, columns = _header(rows)
    entries: list[ImportedEntry] = []
    skipped: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(text_of(cell) for cell in cells):
            continue  # blank separator rows are layout, not initiatives
        entry = _entry(cells, columns, this_year=this_year)
        if isinstance(entry, str):
            skipped.append((number, entry))
            continue
        key = entry.code.upper()
        if key in seen:
            skipped.append((number, REASON_DUPLICATE.format(code=entry.code, row=seen[key])))
            continue
        seen[key] = number
        entries.append(entry)
    return ImportResult(rows=entries, skipped=skipped)


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    """Index and columns of the first row holding every required header."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = find_columns(cells)
        if all(column in columns for column in REQUIRED):
            return index, columns
    wanted = ", ".join(LABELS[column] for column in REQUIRED)
    raise SheetError(
        f"Không tìm thấy dòng tiêu đề (cần các cột {wanted}) trong {HEADER_SEARCH_ROWS} dòng đầu."
    )


def read_xlsx(
    source: str | Path | IO[bytes], *, sheet: str | None = None, this_year: int | None = None
) -> ImportResult:
    """Parse an .xlsx list (path or binary file); `sheet` defaults to the active one."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise SheetError(f"Không đọc được tệp Excel (.xlsx): {error}") from error
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise SheetError(
                f"Không có trang tính «{sheet}»; có: {', '.join(workbook.sheetnames)}."
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.active
        if worksheet is None:
            raise SheetError("Tệp Excel không có trang tính nào.")
        rows = list(worksheet.iter_rows(min_row=1, values_only=True))
    finally:
        workbook.close()
    return parse_rows(rows, this_year=this_year)
