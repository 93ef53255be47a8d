"""Well-written entries the quality tests start from and change one field at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.quality import SANG_KIEN, QualityItem, check

TODAY = date(2025, 11, 1)
TITLE = (
    "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính tại trụ sở Ủy ban "
    "nhân dân xã"
)
GOOD_SANG_KIEN: dict[str, Any] = {
    "title": TITLE,
    "solution_type": "quản lý",
    "field": "Cải cách hành chính",
    "known_solution": "Trước đây, thành phần hồ sơ chỉ được dán trên bảng tin giấy ở hành lang; "
    "người dân phải hỏi công chức, nhiều người đi lại hai, ba lần vì thiếu giấy tờ.",
    "solution": "Bước 1: lập danh mục 120 thủ tục thường gặp. Bước 2: tạo trang tra cứu trên "
    "Cổng thông tin của xã. Bước 3: in mã QR dẫn tới từng thủ tục, dán tại quầy tiếp nhận và "
    "cổng trụ sở. Công chức một cửa cập nhật khi có quyết định công bố mới.",
    "novelty": "Lần đầu người dân tự xem thành phần hồ sơ trên điện thoại trước khi đến xã, "
    "không cần hỏi công chức, không phụ thuộc bảng tin giấy.",
    "first_applied_on": "2025-03-01",
    "benefits": "Số lượt người dân phải bổ sung hồ sơ giảm từ 45 lượt xuống 12 lượt mỗi tháng; "
    "thời gian hướng dẫn mỗi hồ sơ giảm từ 15 phút xuống 5 phút.",
    "conditions": "Máy tính có kết nối mạng, máy in màu, một công chức cập nhật trang tra cứu "
    "khi thủ tục thay đổi.",
    "applicability": "Đã áp dụng tại bộ phận một cửa xã Bình Sơn từ tháng 3/2025; các xã, "
    "phường trong tỉnh đều áp dụng được vì chỉ cần trang thông tin sẵn có.",
    "authors": [
        {"name": "Nguyễn Văn An", "birth_date": "1985-04-02", "share": 60},
        {"name": "Trần Thị Bình", "birth_date": "1990-09-12", "share": "40%"},
    ],
    "scope": "co_so",
    "declaration": True,
}
GOOD_HIEN_KE: dict[str, Any] = {
    "field": "Chuyển đổi số",
    "problem": "Mỗi tháng ba phòng chuyên môn gửi ba báo cáo định kỳ có nhiều chỉ tiêu trùng "
    "nhau, cán bộ phải nhập lại cùng số liệu nhiều lần.",
    "proposal": "Gộp các báo cáo định kỳ trùng chỉ tiêu thành một biểu mẫu chung trên bảng tính "
    "dùng chung, mỗi phòng chỉ điền phần của mình.",
    "benefit": "Cán bộ không phải nhập lại số liệu ở ba biểu mẫu, lãnh đạo xem một bảng duy nhất.",
    "applying_unit": "Văn phòng UBND tỉnh",
}


def item(kind: str, rule: str, **changes: Any) -> QualityItem:
    base = GOOD_SANG_KIEN if kind == SANG_KIEN else GOOD_HIEN_KE
    return check(kind, {**base, **changes}, today=TODAY).item(rule)


def assert_verdict(found: QualityItem, passed: bool, fragment: str) -> None:
    assert found.passed is passed, found.message
    assert fragment in found.message
