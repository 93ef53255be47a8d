"""Reading an operator's unit list (CSV): every row stored or refused with its reason.

Format (UTF-8, with or without BOM; a header line is required):

    name,kind,valid_from,valid_to
    Ủy ban nhân dân xã Bình Sơn,xa,2025-07-01,
    Sở Y tế,so_nganh,2025-07-01,

`name` as written on papers (capitals kept, NFC); `kind` one of KINDS, or blank to be read
from the name; dates YYYY-MM-DD or dd/mm/yyyy, blank for open-ended. Vietnamese headers
(ten, loai, tu_ngay, den_ngay) are accepted too.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.dialogue.matching import fold
from bot.messages import nfc

KINDS = ("so_nganh", "xa", "phuong", "dac_khu", "khac")
NAME_MAX = 200
HEADERS = {"ten": "name", "loai": "kind", "tu_ngay": "valid_from", "den_ngay": "valid_to"}
_KIND_BY_NAME = (("xa ", "xa"), ("phuong ", "phuong"), ("dac khu ", "dac_khu"), ("so ", "so_nganh"))
_SPACES = re.compile(r"\s+")

NO_HEADER = "dòng đầu phải là tiêu đề có cột name (hoặc ten)"
NO_NAME = "thiếu tên đơn vị"
LONG_NAME = "tên đơn vị dài quá {limit} ký tự"
BAD_KIND = "loại «{kind}» không hợp lệ; dùng một trong: {kinds}"
BAD_DATE = "ngày «{value}» không đọc được; ghi YYYY-MM-DD hoặc dd/mm/yyyy"
ENDS_FIRST = "ngày hết hiệu lực ({end}) trước ngày bắt đầu ({start})"
DUPLICATE = "trùng tên với dòng {row}"


class UnitFileError(ValueError):
    """The file cannot be read as a unit list at all (no header, not UTF-8)."""


@dataclass
class UnitRows:
    rows: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def read_units_csv(path: Path) -> UnitRows:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return parse_rows(list(csv.reader(handle)))
    except UnicodeDecodeError:
        raise UnitFileError("tệp không phải UTF-8") from None


def parse_rows(lines: list[list[str]]) -> UnitRows:
    """Rows after the header: kept ones as dicts, refused ones as (line number, reason)."""
    if not lines:
        raise UnitFileError(NO_HEADER)
    header = [HEADERS.get(fold(cell).replace(" ", "_"), fold(cell)) for cell in lines[0]]
    if "name" not in header:
        raise UnitFileError(NO_HEADER)
    found = UnitRows()
    seen: dict[str, int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        values = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        if not any(values.values()):
            continue  # a blank line
        try:
            row = _row(values)
        except ValueError as reason:
            found.refused.append((number, str(reason)))
            continue
        key = fold(row["name"])
        if key in seen:
            found.refused.append((number, DUPLICATE.format(row=seen[key])))
            continue
        seen[key] = number
        found.rows.append(row)
    return found


def _row(values: dict[str, str]) -> dict[str, Any]:
    name = _SPACES.sub(" ", nfc(values.get("name") or "")).strip()
    if not name:
        raise ValueError(NO_NAME)
    if len(name) > NAME_MAX:
        raise ValueError(LONG_NAME.format(limit=NAME_MAX))
    kind = fold(values.get("kind") or "").replace(" ", "_") or _kind_of(name)
    if kind not in KINDS:
        raise ValueError(BAD_KIND.format(kind=values.get("kind"), kinds=", ".join(KINDS)))
    start, end = _day(values.get("valid_from")), _day(values.get("valid_to"))
    if start and end and end < start:
        raise ValueError(ENDS_FIRST.format(start=start.isoformat(), end=end.isoformat()))
    return {"name": name, "kind": kind, "valid_from": start, "valid_to": end}


def _kind_of(name: str) -> str:
    folded = fold(name)
    for words in ("uy ban nhan dan ", ""):
        for prefix, kind in _KIND_BY_NAME:
            if folded.startswith(words + prefix):
                return kind
    return "khac"


def _day(raw: str | None) -> date | None:
    text = (raw or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(BAD_DATE.format(value=text[:40]))
