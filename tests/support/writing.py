"""Stored entries and generated .xlsx lists for the writing-help tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import Workbook

from storage import queries
from storage.db import Database

HEADERS = ("Mã", "Tên sáng kiến", "Nội dung", "Đơn vị", "Năm", "Trạng thái")


def add_submission(
    db: Database,
    *,
    code: str,
    kind: str,
    title: str,
    fields: dict[str, Any],
    at: datetime,
    user_id: str = "9001",
    agency: str = "Ủy ban nhân dân phường Cẩm Thành",
) -> None:
    """A submitted entry by a person with a profile, written straight to the database."""
    with db.write() as session:
        identity = queries.lock_identity(
            session, channel="telegram", user_id=user_id, chat_id=user_id, display_name=None, now=at
        )
        person = queries.get_person(session, person_id=identity.person_id)
        profile = {"name": "Lê Thị Hoa", "agency": agency, "position": "Chuyên viên", "phone": None}
        queries.save_profile(session, person=person, profile=profile, consent_at=at)
        queries.create_submission(
            session,
            identity=identity,
            person=person,
            kind=kind,
            title=title,
            fields=fields,
            code=code,
            now=at,
        )


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], *, headers: Sequence[str] = HEADERS
) -> Path:
    """An initiative list as an agency would keep it: a title row, the headers, the rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN"])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, for `in` checks."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)
