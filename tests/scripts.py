"""Scripted conversations with known results, replayed by the engine, channel and web tests.

Each script is a list of (kind, value): kind "text" (typed text), "choice" (a button value
as the engine defines it) or "command" (without the slash). SANG_KIEN_SCRIPT and
HIEN_KE_SCRIPT start from a user whose profile is complete (run PROFILE_SCRIPT first, or use
FULL_SANG_KIEN_SCRIPT / FULL_HIEN_KE_SCRIPT). The *_TEXT variants answer every choice by
typing its number or label, as a Zalo user does. Dates are far in the past, so the scripts
do not depend on the day they run.
"""

from __future__ import annotations

from typing import Any

from bot.dialogue.units import unit_value

Script = list[tuple[str, str]]

AGENCY = "Sở Khoa học và Công nghệ"

PROFILE_SCRIPT: Script = [
    ("command", "start"),
    ("choice", "consent:yes"),
    ("text", "Nguyễn Thị Minh Anh"),
    ("text", "khoa học"),
    ("choice", unit_value(AGENCY)),
    ("text", "Chuyên viên"),
    ("text", "0912 345 678"),
]
PROFILE_SCRIPT_TEXT: Script = [
    ("command", "start"),
    ("text", "1"),  # Đồng ý
    ("text", "Nguyễn Thị Minh Anh"),
    ("text", "khoa học"),
    ("text", "1"),  # the only match: Sở Khoa học và Công nghệ
    ("text", "Chuyên viên"),
    ("text", "0912 345 678"),
]
PROFILE_EXPECTED: dict[str, Any] = {
    "name": "Nguyễn Thị Minh Anh",
    "agency": AGENCY,
    "position": "Chuyên viên",
    "phone": "0912345678",
}

SK_TITLE = (
    "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính tại trụ sở "
    "Ủy ban nhân dân xã"
)
SK_FIELD = "Cải cách hành chính, chuyển đổi số"
SK_PROBLEM = (
    "Người dân đến làm thủ tục tại xã phải hỏi nhiều lần về thành phần hồ sơ; trung bình "
    "mỗi hồ sơ phải bổ sung 1,5 lần, mất thêm 2 đến 3 ngày."
)
SK_KNOWN = (
    "Công chức hướng dẫn miệng từng người; bảng niêm yết giấy cũ, khó đọc, không cập nhật "
    "khi thủ tục thay đổi, nên người dân thường nộp thiếu giấy tờ."
)
SK_SOLUTION = (
    "Bước 1: lập danh mục 45 thủ tục thường gặp. Bước 2: tạo mã QR dẫn tới trang hướng dẫn "
    "của từng thủ tục. Bước 3: in, dán mã tại quầy và cập nhật khi thủ tục thay đổi."
)
SK_NOVELTY = (
    "Lần đầu tiên tại xã, người dân tự tra cứu thành phần hồ sơ bằng điện thoại; thông tin "
    "luôn cập nhật theo bộ thủ tục mới nhất."
)
SK_APPLICABILITY = (
    "Đã áp dụng tại bộ phận một cửa của xã từ tháng 8/2025; có thể áp dụng tại tất cả xã, "
    "phường trong tỉnh vì chỉ cần máy in và điện thoại."
)
SK_CONDITIONS = (
    "Máy in màu, kết nối Internet và một công chức cập nhật mã QR mỗi khi thủ tục thay đổi."
)
SK_BENEFITS = (
    "Số hồ sơ phải bổ sung giảm từ 40% xuống 12%; thời gian hướng dẫn mỗi người giảm từ "
    "15 phút xuống 5 phút; tiết kiệm khoảng 2.000.000 đồng tiền in mỗi năm."
)
SK_TRIAL_OPINION = "Ủy ban nhân dân xã đánh giá giải pháp giảm rõ số lượt người dân phải đi lại."

SANG_KIEN_SCRIPT: Script = [
    ("choice", "menu:sang_kien"),
    ("text", SK_TITLE),
    ("choice", "tac_nghiep"),
    ("text", SK_FIELD),
    ("text", SK_PROBLEM),
    ("text", "15/08/1985"),  # first author: birth date
    ("text", "Thạc sĩ Quản lý công"),
    ("text", "60"),
    ("choice", "coauthor:add"),
    ("text", "Trần Văn Bình"),
    ("text", "ngày 2 tháng 9 năm 1990"),
    ("choice", "workplace:same"),
    ("text", "Chuyên viên"),
    ("text", "Cử nhân Công nghệ thông tin"),
    ("text", "40"),
    ("choice", "coauthor:done"),
    ("choice", "investor:my_unit"),
    ("text", "01/08/2025"),
    ("text", SK_KNOWN),
    ("text", SK_SOLUTION),
    ("text", SK_NOVELTY),
    ("text", SK_APPLICABILITY),
    ("choice", "nav:skip"),  # confidential_info
    ("text", SK_CONDITIONS),
    ("text", SK_BENEFITS),
    ("text", SK_TRIAL_OPINION),
    ("choice", "nav:skip"),  # trial_participants
    ("choice", "nav:skip"),  # attachments
    ("choice", "co_so"),
    ("choice", "review:submit"),  # the pledge is made by «Gửi», after the review
]
SANG_KIEN_SCRIPT_TEXT: Script = [
    ("text", "1"),  # menu: Gửi sáng kiến
    ("text", SK_TITLE),
    ("text", "3"),  # Giải pháp tác nghiệp
    ("text", SK_FIELD),
    ("text", SK_PROBLEM),
    ("text", "15/08/1985"),
    ("text", "Thạc sĩ Quản lý công"),
    ("text", "60"),
    ("text", "1"),  # Thêm đồng tác giả
    ("text", "Trần Văn Bình"),
    ("text", "ngày 2 tháng 9 năm 1990"),
    ("text", "1"),  # Cùng đơn vị: Sở Khoa học và Công nghệ
    ("text", "Chuyên viên"),
    ("text", "Cử nhân Công nghệ thông tin"),
    ("text", "40"),
    ("text", "2"),  # Xong, không thêm nữa
    ("text", "1"),  # investor: the author's unit
    ("text", "01/08/2025"),
    ("text", SK_KNOWN),
    ("text", SK_SOLUTION),
    ("text", SK_NOVELTY),
    ("text", SK_APPLICABILITY),
    ("text", "bỏ qua"),
    ("text", SK_CONDITIONS),
    ("text", SK_BENEFITS),
    ("text", SK_TRIAL_OPINION),
    ("text", "bo qua"),
    ("text", "Bỏ qua"),
    ("text", "cap co so"),  # Cấp cơ sở, by label without accents
    ("text", "1"),  # Gửi: makes the pledge
]
SANG_KIEN_EXPECTED_TITLE = SK_TITLE
SANG_KIEN_EXPECTED_FIELDS: dict[str, Any] = {
    "title": SK_TITLE,
    "solution_type": "tac_nghiep",
    "field": SK_FIELD,
    "problem": SK_PROBLEM,
    "authors": [
        {"name": "Nguyễn Thị Minh Anh", "workplace": AGENCY, "position": "Chuyên viên",
         "birth_date": "1985-08-15", "qualification": "Thạc sĩ Quản lý công", "share": 60},
        {"name": "Trần Văn Bình", "birth_date": "1990-09-02", "workplace": AGENCY,
         "position": "Chuyên viên", "qualification": "Cử nhân Công nghệ thông tin", "share": 40},
    ],
    "investor": AGENCY,
    "first_applied_on": "2025-08-01",
    "known_solution": SK_KNOWN,
    "solution": SK_SOLUTION,
    "novelty": SK_NOVELTY,
    "applicability": SK_APPLICABILITY,
    "confidential_info": None,
    "conditions": SK_CONDITIONS,
    "benefits": SK_BENEFITS,
    "trial_unit_opinion": SK_TRIAL_OPINION,
    "trial_participants": None,
    "attachments": [],
    "scope": "co_so",
    "declaration": True,
}

HK_FIELD = "Cải cách hành chính"
HK_PROBLEM = (
    "Mỗi quý các phòng gửi nhiều báo cáo định kỳ có chỉ tiêu trùng nhau, công chức phải "
    "nhập cùng số liệu nhiều lần."
)
HK_PROPOSAL = (
    "Gộp các báo cáo định kỳ trùng chỉ tiêu giữa các phòng thành một biểu mẫu. Văn phòng "
    "chủ trì rà soát và ban hành biểu mẫu chung."
)
HK_BENEFIT = "Giảm khoảng 30% thời gian lập báo cáo mỗi quý, tránh sai lệch số liệu."
HK_UNIT = "Văn phòng Ủy ban nhân dân tỉnh"

HIEN_KE_SCRIPT: Script = [
    ("choice", "menu:hien_ke"),
    ("text", HK_FIELD),
    ("text", HK_PROBLEM),
    ("text", HK_PROPOSAL),
    ("text", HK_BENEFIT),
    ("text", HK_UNIT),
    ("choice", "nav:skip"),  # attachments
    ("choice", "review:submit"),
]
HIEN_KE_SCRIPT_TEXT: Script = [
    ("text", "hien ke"),  # menu: Gửi hiến kế, by label without accents
    ("text", HK_FIELD),
    ("text", HK_PROBLEM),
    ("text", HK_PROPOSAL),
    ("text", HK_BENEFIT),
    ("text", HK_UNIT),
    ("text", "bỏ qua"),
    ("text", "1"),  # Gửi
]
HIEN_KE_EXPECTED_TITLE = "Gộp các báo cáo định kỳ trùng chỉ tiêu giữa các phòng thành một biểu mẫu"
HIEN_KE_EXPECTED_FIELDS: dict[str, Any] = {
    "field": HK_FIELD,
    "problem": HK_PROBLEM,
    "proposal": HK_PROPOSAL,
    "benefit": HK_BENEFIT,
    "applying_unit": HK_UNIT,
    "attachments": [],
}

FULL_SANG_KIEN_SCRIPT: Script = PROFILE_SCRIPT + SANG_KIEN_SCRIPT
FULL_HIEN_KE_SCRIPT: Script = PROFILE_SCRIPT + HIEN_KE_SCRIPT
FULL_SANG_KIEN_SCRIPT_TEXT: Script = PROFILE_SCRIPT_TEXT + SANG_KIEN_SCRIPT_TEXT
FULL_HIEN_KE_SCRIPT_TEXT: Script = PROFILE_SCRIPT_TEXT + HIEN_KE_SCRIPT_TEXT


def skipping_difference(script: Script) -> Script:
    """The script with "bỏ qua" typed after the solution (sáng kiến) and the proposal (hiến kế).

    For a database that may already hold a similar entry: "bỏ qua" skips the question "how
    is yours different?" when it is asked, and is refused (the draft unchanged, one extra
    reply) when it is not, so the rest of the script stays in step either way.
    """
    skip = ("text", "bỏ qua")
    found: Script = []
    for action in script:
        found.append(action)
        if action in (("text", SK_SOLUTION), ("text", HK_PROPOSAL)):
            found.append(skip)
    return found
