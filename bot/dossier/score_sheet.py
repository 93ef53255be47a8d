"""«Phiếu đánh giá sáng kiến»: one council member's score of one entry, as a .docx."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.shared import Cm

from bot.desk import scoring as rules
from bot.dossier import labels
from bot.dossier.docx_helpers import (
    Align,
    body,
    labelled,
    national_heading,
    new_document,
    paragraph,
    title,
    to_bytes,
)
from bot.dossier.docx_tables import grid, signatures

SHEET_TITLE = "PHIẾU ĐÁNH GIÁ SÁNG KIẾN"
COLUMNS = ("STT", "Tiêu chí", "Điểm tối đa", "Điểm chấm")
TOTAL = "Tổng cộng"
LINES = {
    "council": "Hội đồng",
    "member": "Thành viên chấm",
    "code": "Mã hồ sơ",
    "name": "Tên sáng kiến",
    "agency": "Đơn vị",
    "comment": "Nhận xét",
}
EMPTY = "(không có)"
SIGNER = "THÀNH VIÊN HỘI ĐỒNG"


@dataclass(frozen=True)
class ScoreSheet:
    council: str
    member: str
    code: str
    name: str
    agency: str
    criteria: Sequence[rules.Criterion]
    points: dict[str, int]
    total: int
    comment: str
    submitted: str  # the local day, "dd/mm/yyyy"


def build_score_sheet(sheet: ScoreSheet) -> bytes:
    doc = new_document(f"Trợ lý Sáng kiến · {sheet.code}", SHEET_TITLE)
    national_heading(doc, labels.NATION, labels.MOTTO)
    title(doc, SHEET_TITLE)
    for key, value in (
        ("council", sheet.council),
        ("member", sheet.member),
        ("code", sheet.code),
        ("name", sheet.name),
        ("agency", sheet.agency),
    ):
        labelled(doc, LINES[key], value, EMPTY)
    rows = [
        (str(n), c.label, str(c.max), str(sheet.points.get(c.key, "")))
        for n, c in enumerate(sheet.criteria, start=1)
    ]
    rows.append(("", TOTAL, str(sum(c.max for c in sheet.criteria)), str(sheet.total)))
    grid(doc, COLUMNS, rows, (1.2, 9.8, 2.5, 2.5), centered=(0, 2, 3))
    paragraph(doc, f"{LINES['comment']}:", bold=True, indent=Cm(1))
    body(doc, sheet.comment, EMPTY)
    paragraph(doc, f"Ngày {sheet.submitted}", align=Align.RIGHT, italic=True)
    right = [(SIGNER, "bold"), (labels.SIGN_HINT, "italic"), ("", ""), ("", ""), ("", "")]
    signatures(doc, [], right)
    return to_bytes(doc)
