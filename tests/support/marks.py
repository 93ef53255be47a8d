"""Entries for the desk's marks: two councils' near-identical entries, a reworded one,
unrelated ones, and some that fail the quality checklist; written straight to the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from storage import queries
from storage.db import Database
from storage.types import utcnow
from tests.support.entries import UNITS, add_author

QR_TITLE = "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính tại trụ sở xã"
QR_SOLUTION = (
    "Bước 1: công chức một cửa lập danh mục thủ tục hành chính thường gặp của xã. "
    "Bước 2: tạo mã QR dẫn tới quy trình và thành phần hồ sơ của từng thủ tục trên Cổng dịch "
    "vụ công. Bước 3: in và niêm yết mã QR tại bộ phận một cửa, hướng dẫn người dân quét "
    "bằng điện thoại trước khi nộp hồ sơ."
)
# Council B's entry: the same idea, a few words changed; OTHER_SECRET appears only in it.
OTHER_SECRET = "Bệnh viện Đa khoa tỉnh"
OTHER_TITLE = (
    "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính tại trụ sở phường"
)
OTHER_SOLUTION = QR_SOLUTION.replace("của xã", f"của phường và {OTHER_SECRET}").replace(
    "bằng điện thoại", "bằng máy tính bảng"
)
REWORDED_TITLE = "Dán mã QR hướng dẫn thủ tục hành chính tại bộ phận một cửa của xã"
REWORDED_SOLUTION = (
    "Công chức tạo mã QR cho các thủ tục thường gặp, dẫn tới quy trình và thành phần hồ sơ "
    "trên Cổng dịch vụ công, in và dán tại bộ phận một cửa để người dân quét bằng điện thoại."
)
SPREADSHEET_TITLE = (
    "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn cho công chức tiếp nhận tại phường"
)
FISH_PROPOSAL = "Làm tốt hơn."


def _complete(title: str, solution: str, *, benefits: str) -> dict[str, Any]:
    return {
        "title": title,
        "field": "Cải cách hành chính",
        "problem": "Người dân phải hỏi nhiều lần về thành phần hồ sơ.",
        "known_solution": "Trước đây công chức hướng dẫn miệng từng người; người dân thường "
        "phải đi lại hai, ba lần mới nộp đủ giấy tờ cho một thủ tục.",
        "solution": solution,
        "novelty": "Lần đầu dùng mã QR tại bộ phận một cửa của đơn vị, người dân tự tra cứu "
        "trước khi đến nộp hồ sơ.",
        "first_applied_on": "2025-03-15",
        "benefits": benefits,
        "conditions": "Máy in, giấy in và tài khoản quản trị trên Cổng dịch vụ công của đơn vị.",
        "applicability": "Đã áp dụng tại bộ phận một cửa của đơn vị; các xã, phường khác trong "
        "tỉnh có thể áp dụng ngay.",
        "authors": [{"name": "Lê Thị Hoa", "share": "100"}],
        "scope": "co_so",
    }


def _add(
    db: Database,
    *,
    user: str,
    unit: str,
    kind: str,
    title: str,
    fields: dict[str, Any],
    now: datetime,
) -> str:
    add_author(db, user_id=user, agency=unit, now=now)
    with db.write() as session:
        identity = queries.lock_identity(
            session, channel="telegram", user_id=user, chat_id=user, display_name=None, now=now
        )
        person = queries.get_person(session, person_id=identity.person_id)
        code = queries.next_code(session, kind=kind, year=2026)
        queries.create_submission(
            session,
            identity=identity,
            person=person,
            kind=kind,
            title=title,
            fields=fields,
            code=code,
            now=now,
        )
    return code


def add_marked_entries(db: Database, now: datetime | None = None) -> dict[str, str]:
    """Codes by role: "a" and "b" near-identical (councils A and B), "reworded" like "a" in
    council A, "spreadsheet" (unit 3) and "fish" (hiến kế, unit A, thin) like nothing."""
    now = now or utcnow()
    good = "Thời gian hướng dẫn giảm từ 30 phút xuống 10 phút mỗi hồ sơ."
    plan = [
        ("a", "6101", UNITS[0], "sang_kien", QR_TITLE, _complete(QR_TITLE, QR_SOLUTION, benefits=good)),
        ("b", "6102", UNITS[1], "sang_kien", OTHER_TITLE,
         _complete(OTHER_TITLE, OTHER_SOLUTION, benefits=good.replace("10 phút", "15 phút"))),
        ("reworded", "6103", UNITS[0], "sang_kien", REWORDED_TITLE,
         _complete(REWORDED_TITLE, REWORDED_SOLUTION, benefits="Người dân hài lòng hơn, công việc thuận lợi hơn nhiều.")),
        ("spreadsheet", "6104", UNITS[2], "sang_kien", SPREADSHEET_TITLE,
         _complete(SPREADSHEET_TITLE, "Bước 1: lập bảng tính dùng chung trên máy chủ của phường "
                   "ghi ngày hẹn trả của từng hồ sơ. Bước 2: công thức tô đỏ hồ sơ còn hai ngày "
                   "đến hạn. Bước 3: sáng thứ Hai công chức rà soát danh sách.",
                   benefits="Số hồ sơ trễ hạn giảm từ 12 xuống 2 hồ sơ mỗi tháng.")),
        ("fish", "6105", UNITS[0], "hien_ke", "Khai báo nhật ký khai thác thủy sản",
         {"field": "Thủy sản", "problem": "Ngư dân ghi sổ giấy.", "proposal": FISH_PROPOSAL,
          "benefit": "Hiệu quả cao."}),
    ]  # fmt: skip
    return {
        role: _add(db, user=user, unit=unit, kind=kind, title=title, fields=fields,
                   now=now + timedelta(seconds=n))
        for n, (role, user, unit, kind, title, fields) in enumerate(plan)
    }  # fmt: skip
