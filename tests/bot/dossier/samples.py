"""A realistic sáng kiến and helpers that read a produced .docx back in document order."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from docx import Document as open_docx
from docx.document import Document
from docx.table import Table

from bot.dossier import DossierEntry

CODE = "SK-2026-00012"
# 20:30 UTC on 4 March is already 5 March in Quảng Ngãi (UTC+7).
SUBMITTED_AT = datetime(2026, 3, 4, 20, 30, tzinfo=UTC)
TITLE = "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn cho công chức tiếp nhận tại phường."
KNOWN = [
    "Trước đây công chức theo dõi hạn giải quyết hồ sơ bằng sổ tay và nhắc nhau qua điện thoại.",
    "Nhiều hồ sơ bị trễ hạn, trung bình 12 hồ sơ mỗi tháng.",
]
STEPS = [
    "Bước 1: tạo bảng tính dùng chung trên tài khoản của Ủy ban nhân dân phường.",
    "Bước 2: công chức nhập hồ sơ ngay khi tiếp nhận, kèm ngày hẹn trả kết quả.",
    "Bước 3: bảng tính tô màu đỏ các hồ sơ còn 1 ngày và gửi thư nhắc người xử lý.",
]
AUTHORS = [
    {
        "name": "Nguyễn Thị Thu Hà",
        "birth_date": "1988-04-12",
        "workplace": "Ủy ban nhân dân phường Cẩm Thành",
        "position": "Công chức Văn phòng - Thống kê",
        "qualification": "Cử nhân Luật",
        "share": 60,
    },
    {
        "name": "Trần Văn Minh",
        "birth_date": "1991-11-03",
        "workplace": "Ủy ban nhân dân phường Cẩm Thành",
        "position": "Công chức Tư pháp - Hộ tịch",
        "qualification": "Kỹ sư Công nghệ thông tin",
        "share": 40,
    },
]


def fields(**changes: Any) -> dict[str, Any]:
    """Every key filled, as a submitted sáng kiến stores it; `changes` override keys."""
    data: dict[str, Any] = {
        "title": TITLE,
        "solution_type": "quan_ly",
        "field": "Cải cách hành chính, tiếp nhận và trả kết quả thủ tục hành chính",
        "problem": "Hồ sơ bị trễ hạn vì không ai nhìn thấy hạn giải quyết sắp đến.",
        "authors": AUTHORS,
        "investor": "Ủy ban nhân dân phường Cẩm Thành",
        "first_applied_on": "2025-09-15",
        "known_solution": "\n".join(KNOWN),
        "solution": "\n".join(STEPS),
        "novelty": "Cảnh báo tự động theo màu, không cần mua phần mềm mới.",
        "applicability": "Đã áp dụng tại bộ phận một cửa phường; các xã, phường khác áp dụng được ngay.",
        "confidential_info": "Mật khẩu tài khoản bảng tính chỉ giao cho công chức một cửa.",
        "conditions": "Máy tính có kết nối Internet và một tài khoản dùng chung.",
        "benefits": "Hồ sơ trễ hạn giảm từ 12 xuống 1 mỗi tháng; tiết kiệm 2.500.000 đồng mỗi năm.",
        "trial_unit_opinion": "Bộ phận một cửa xác nhận không còn hồ sơ trễ hạn từ tháng 10/2025.",
        "trial_participants": "Lê Văn Tâm, công chức Địa chính - Xây dựng, nhập hồ sơ đất đai.",
        "attachments": [
            {
                "kind": "photo",
                "file_ref": "zalo:abc",
                "file_name": "bang-tinh-canh-bao.png",
                "mime_type": "image/png",
                "size": 1_288_490,
            }
        ],
        "scope": "co_so",
        "declaration": True,
    }
    data.update(changes)
    return data


AUTHOR = {
    "name": "Nguyễn Thị Thu Hà",
    "agency": "Ủy ban nhân dân phường Cẩm Thành",
    "position": "Công chức",
    "channel": "zalo",
    "channel_user_id": "4455667788",
}


def entry(**changes: Any) -> DossierEntry:
    return DossierEntry.from_submission(CODE, fields(**changes), AUTHOR, SUBMITTED_AT)


def read(data: bytes) -> Document:
    return open_docx(io.BytesIO(data))


def blocks(doc: Document) -> list[str]:
    """Body text in document order: each paragraph, and each table cell, as one block."""
    found: list[str] = []
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            found.extend(cell.text for row in item.rows for cell in row.cells)
        else:
            found.append(item.text)
    return found


def section(doc: Document, start: str, end: str) -> list[str]:
    """The blocks from the one starting with `start` up to (not including) `end`'s."""
    texts = blocks(doc)
    first = next(i for i, text in enumerate(texts) if text.startswith(start))
    last = next(i for i, text in enumerate(texts) if i > first and text.startswith(end))
    return texts[first:last]
