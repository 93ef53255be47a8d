"""«Biên bản họp Hội đồng sáng kiến»: one meeting's entries, every member's total, the
proposed and the confirmed decision, signed by the secretary and the chair, as a .docx."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from docx.document import Document

from bot.dossier import labels
from bot.dossier.docx_helpers import (
    Align,
    heading,
    labelled,
    national_heading,
    new_document,
    paragraph,
    title,
    to_bytes,
)
from bot.dossier.docx_tables import grid, signatures
from bot.dossier.formatting import date_line

MINUTES_TITLE = "BIÊN BẢN HỌP HỘI ĐỒNG SÁNG KIẾN"
OPENING = "Hôm nay, ngày {day}, {council} họp xét, đánh giá các sáng kiến dưới đây."
PRESENT = "I. Thành phần tham dự"
PRESENT_COUNT = (
    "Có mặt {present}/{members} thành viên Hội đồng (thành viên đã gửi phiếu chấm điểm)."
)
PRESENT_COLUMNS = ("STT", "Họ và tên", "Tài khoản", "Chức danh trong Hội đồng")
ROLES = {"chair": "Chủ tịch Hội đồng", "secretary": "Thư ký Hội đồng", "member": "Ủy viên"}
CONTENT = "II. Nội dung xét, đánh giá"
NOTHING = "Không có sáng kiến nào được xét trong ngày họp này."
SCORE_COLUMNS = ("STT", "Thành viên Hội đồng", "Tổng điểm")
AVERAGE = "Điểm trung bình"
LINES = {
    "authors": "Tác giả, đồng tác giả",
    "agency": "Đơn vị",
    "average": "Điểm trung bình",
    "proposed": "Đề xuất theo điểm (ngưỡng {threshold} điểm)",
    "confirmed": "Quyết định",
    "note": "Ý kiến",
}
NOT_CONFIRMED = "Chưa có quyết định"
RESULTS = "III. Kết quả"
RESULT_COLUMNS = ("STT", "Mã hồ sơ", "Tên sáng kiến", "Điểm TB", "Đề xuất", "Quyết định")
SECRETARY = "THƯ KÝ HỘI ĐỒNG"
CHAIR = "CHỦ TỊCH HỘI ĐỒNG"
EMPTY = "(không có)"


@dataclass(frozen=True)
class Member:
    name: str  # the profile name, or the account when we do not know it
    principal: str
    role: str  # chair | secretary | member


@dataclass(frozen=True)
class Considered:
    """One entry the meeting considered."""

    code: str
    title: str
    authors: str
    agency: str
    totals: Sequence[tuple[str, int]]  # (member's name, total), in the order they scored
    average: str  # "72,5"
    proposed: str  # a status label
    confirmed: str  # the decision's status label and who set it, "" while none is made
    note: str


@dataclass(frozen=True)
class Minutes:
    council: str
    level: str  # "cấp cơ sở" | "cấp tỉnh"
    meeting: date
    members: int  # how many the council has
    present: Sequence[Member]
    entries: Sequence[Considered]
    threshold: int
    chair: str  # names under the signatures ("" leaves the line blank)
    secretary: str


def build_minutes(minutes: Minutes) -> bytes:
    doc = new_document(f"Trợ lý Sáng kiến · {minutes.council}", MINUTES_TITLE)
    national_heading(doc, labels.NATION, labels.MOTTO)
    noon = datetime.combine(minutes.meeting, time(5), UTC)  # midday in Việt Nam, same day
    day_line = date_line(noon)
    paragraph(doc, day_line, align=Align.RIGHT, italic=True)
    title(doc, MINUTES_TITLE)
    paragraph(doc, f"{minutes.council} ({minutes.level})", align=Align.CENTER, bold=True)
    day = day_line.split(", ngày ", 1)[1]
    paragraph(doc, OPENING.format(day=day, council=minutes.council), align=Align.JUSTIFY)
    _present(doc, minutes)
    heading(doc, CONTENT)
    if not minutes.entries:
        paragraph(doc, NOTHING)
    for number, entry in enumerate(minutes.entries, start=1):
        _entry(doc, number, entry, minutes.threshold)
    if minutes.entries:
        heading(doc, RESULTS)
        rows = [
            (str(n), e.code, e.title, e.average, e.proposed, e.confirmed or NOT_CONFIRMED)
            for n, e in enumerate(minutes.entries, start=1)
        ]
        grid(doc, RESULT_COLUMNS, rows, (1.1, 3.1, 5.6, 1.6, 2.3, 2.3), centered=(0, 1, 3))
    paragraph(doc)
    left = [(SECRETARY, "bold"), (labels.SIGN_HINT, "italic"), ("", ""), ("", ""), ("", "")]
    right = [(CHAIR, "bold"), (labels.SIGN_HINT, "italic"), ("", ""), ("", ""), ("", "")]
    signatures(doc, [*left, (minutes.secretary, "bold")], [*right, (minutes.chair, "bold")])
    return to_bytes(doc)


def _present(doc: Document, minutes: Minutes) -> None:
    heading(doc, PRESENT)
    count = PRESENT_COUNT.format(present=len(minutes.present), members=minutes.members)
    paragraph(doc, count)
    rows = [
        (str(n), m.name, m.principal, ROLES.get(m.role, ROLES["member"]))
        for n, m in enumerate(minutes.present, start=1)
    ]
    grid(doc, PRESENT_COLUMNS, rows, (1.2, 6.0, 4.3, 4.5))


def _entry(doc: Document, number: int, entry: Considered, threshold: int) -> None:
    heading(doc, f"{number}. {entry.code} – {entry.title}")
    labelled(doc, LINES["authors"], entry.authors, EMPTY)
    labelled(doc, LINES["agency"], entry.agency, EMPTY)
    rows = [(str(n), name, str(total)) for n, (name, total) in enumerate(entry.totals, start=1)]
    rows.append(("", AVERAGE, entry.average))
    grid(doc, SCORE_COLUMNS, rows, (1.2, 11.3, 3.5), centered=(0, 2))
    for key, value in (
        ("proposed", entry.proposed),
        ("confirmed", entry.confirmed or NOT_CONFIRMED),
        ("note", entry.note),
    ):
        label = LINES[key].format(threshold=threshold)
        labelled(doc, label, value, EMPTY)
