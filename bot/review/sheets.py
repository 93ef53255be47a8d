"""Submissions as spreadsheet rows, written as .xlsx or .csv (digest attachment, export)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from bot.dialogue.flows import FLOWS
from bot.dialogue.review import display
from bot.review import catalogue as review_text
from bot.review import catalogue_digest as text
from bot.review.digest_render import quality_summary, similar_codes
from storage.models import Submission

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas
WIDTHS = (6, 16, 10, 18, 50, 24, 18, 30, 24, 17, 60, 18, 22)


@dataclass(frozen=True)
class Sheet:
    columns: tuple[str, ...]
    rows: list[list[str]]


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M %d/%m/%Y") if value else ""


def excerpt(submission: Submission) -> str:
    key = "proposal" if submission.kind == "hien_ke" else "solution"
    return str(submission.fields.get(key) or "")


def author_line(submission: Submission) -> str:
    author = submission.author or {}
    return ", ".join(str(author[k]) for k in ("name", "position") if author.get(k))


def summary_row(number: int, submission: Submission, tz: ZoneInfo) -> list[str]:
    author = submission.author or {}
    return [
        str(number),
        submission.code,
        review_text.KIND_TITLES.get(submission.kind, submission.kind),
        review_text.STATUS_LABELS.get(submission.status, submission.status),
        submission.title,
        str(author.get("name") or ""),
        str(author.get("position") or ""),
        submission.agency or str(author.get("agency") or ""),
        str(submission.fields.get("field") or ""),
        local_time(submission.submitted_at, tz),
        excerpt(submission),
        quality_summary(submission.quality),
        ", ".join(similar_codes(submission.similar, limit=20)),
    ]


def digest_sheet(submissions: Sequence[Submission], tz: ZoneInfo) -> Sheet:
    rows = [summary_row(n, s, tz) for n, s in enumerate(submissions, start=1)]
    return Sheet(text.SHEET_COLUMNS, rows)


def export_sheet(submissions: Sequence[Submission], tz: ZoneInfo) -> Sheet:
    """The digest columns plus every field of the form, labelled as the form labels them."""
    names: dict[str, str] = {}
    for flow in (FLOWS["sang_kien"], FLOWS["hien_ke"]):
        for name in flow.fields:
            names.setdefault(name, flow.field_labels.get(name, name))
    rows = []
    for number, submission in enumerate(submissions, start=1):
        form = FLOWS.get(submission.kind)
        extra = [display(form, name, submission.fields.get(name)) if form else "" for name in names]
        rows.append(summary_row(number, submission, tz) + extra)
    return Sheet((*text.SHEET_COLUMNS, *names.values()), rows)


def write_xlsx(sheet: Sheet, path: Path) -> Path:
    workbook = Workbook(write_only=True)
    worksheet: Any = workbook.create_sheet(text.SHEET_NAME)
    for index, width in enumerate(WIDTHS):
        worksheet.column_dimensions[chr(ord("A") + index)].width = width
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    worksheet.append([_cell(worksheet, c, font=bold) for c in sheet.columns])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.rows:
        worksheet.append([_cell(worksheet, value, alignment=wrap) for value in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    workbook.save(partial)
    partial.replace(path)  # a reader never sees half a file
    return path


def write_csv(sheet: Sheet, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig: Excel opens Vietnamese text correctly only with the BOM.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(sheet.columns)
        writer.writerows([_defused(v) for v in row] for row in sheet.rows)
    return path


def _cell(worksheet: Any, value: str, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # text stays text, even "=HYPERLINK(…)"
    for name, item in style.items():
        setattr(cell, name, item)
    return cell


def _defused(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value
