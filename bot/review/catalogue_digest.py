"""Vietnamese text of the reviewer digest, its spreadsheet and the overdue-entries list."""

from __future__ import annotations

HEADER = "BẢN TỔNG HỢP SÁNG KIẾN, HIẾN KẾ MỚI — đợt {batch}, {date}"
COUNTS = "{total} hồ sơ mới: {sk} sáng kiến, {hk} hiến kế."
GROUPS_TITLE = "Theo đơn vị:"
GROUP_COUNT = "• {kind} — {unit}: {count}"
GROUPS_MORE = "• … và {count} nhóm khác (xem bảng tính)"
HOW_BUTTONS = (
    "Dưới mỗi tin có nút cho từng hồ sơ: «Xem xét» để nhận xem xét, «Khác…» để chọn "
    "thao tác khác (yêu cầu bổ sung, công nhận, không công nhận…). Bảng tính kèm ở cuối."
)
HOW_TYPED = (
    "Trả lời bằng lệnh kèm mã hồ sơ, ví dụ:\n"
    "• xemxet SK-2026-00042 — nhận xem xét\n"
    "• bosung SK-2026-00042 <nội dung cần bổ sung>\n"
    "• duyet SK-2026-00042 — công nhận / tiếp thu\n"
    "• khongcongnhan SK-2026-00042 <lý do>\n"
    "• xem SK-2026-00042 — mọi thao tác có thể\n"
    "Gõ lời văn có dấu hoặc không dấu cũng được: «công nhận», «yêu cầu sửa đổi bổ sung», "
    "«không công nhận», «đề nghị cấp tỉnh», «công nhận cấp tỉnh».\n"
    "Đường dẫn tải bảng tính ở tin cuối."
)
COMPACT_NOTE = (
    "Đợt này có nhiều hồ sơ nên mỗi hồ sơ chỉ ghi tên và tác giả; nội dung đầy đủ ở bảng tính."
)
ENTRY_BRIEF = "   {author} · {time}"
GROUP = "■ {kind} — {unit}"
GROUP_CONTINUED = "■ {kind} — {unit} (tiếp)"
ENTRY_TITLE = "{number}. {code} · «{title}»"
ENTRY_STATUS = "   Trạng thái hiện tại: {label}"
ENTRY_AUTHOR = "   Tác giả: {author}"
ENTRY_FIELD = "   Lĩnh vực: {field}"
ENTRY_TIME = "   Gửi lúc: {time}"
ENTRY_SOLUTION = {"sang_kien": "   Giải pháp: {text}", "hien_ke": "   Đề xuất: {text}"}
ENTRY_QUALITY = "   Kiểm tra chất lượng: {summary}"
QUALITY_SCORE = "đạt {passed}/{total} tiêu chí"
ENTRY_SIMILAR = "   Có thể trùng với: {codes}"
SIMILAR_LEVEL = "{code} ({level})"
NO_UNIT = "(chưa rõ đơn vị)"
UNKNOWN = "(chưa ghi)"
BUTTON_REVIEW = "{number}. Xem xét"
BUTTON_MORE = "{number}. Khác…"
SHEET_CAPTION = "Bảng tổng hợp đợt {batch} ({count} hồ sơ)"
SHEET_LINK = "Bảng tổng hợp đợt {batch} ({count} hồ sơ, tải trong {days} ngày)"
SHEET_NAME = "Tổng hợp"
SHEET_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Loại",
    "Trạng thái",
    "Tên sáng kiến / hiến kế",
    "Tác giả",
    "Chức vụ",
    "Đơn vị",
    "Lĩnh vực",
    "Thời điểm gửi",
    "Giải pháp / đề xuất",
    "Kiểm tra chất lượng",
    "Có thể trùng với",
)

# ---- entries waiting for a decision too long (review_sla job) ----
OVERDUE_HEADER = "Hồ sơ chờ quyết định quá {days} ngày ({count}):"
OVERDUE_LINE = "• {code} · {label} từ {since} ({waited} ngày) — «{title}»"
OVERDUE_MORE = "… và {count} hồ sơ khác."
