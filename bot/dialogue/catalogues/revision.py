"""Vietnamese text for reopening an entry the council sent back (Cần bổ sung) and resubmitting it."""

from __future__ import annotations

OPENED = (
    "Anh/chị đang bổ sung hồ sơ {code}. Chọn «Sửa một mục» để sửa từng nội dung, "
    "xong chọn «Gửi». Mã hồ sơ giữ nguyên."
)
OPENED_NOTE = "Hội đồng đề nghị: {note}"
DRAFT_FIRST = (
    "Anh/chị đang soạn dở một {kind}. Vui lòng gửi hoặc hủy bản nháp đó (/huy) trước, "
    "rồi gõ /bosunghoso {code} để mở lại hồ sơ."
)
NONE_TO_REVISE = "Hiện không có hồ sơ nào của anh/chị cần bổ sung."
NOT_REVISABLE = (
    "Hồ sơ {code} không ở trạng thái «Cần bổ sung» hoặc không phải của anh/chị, "
    "nên chưa mở lại được."
)
CHOOSE = "Anh/chị có {count} hồ sơ cần bổ sung. Chọn hồ sơ muốn mở lại:"
CHOOSE_TYPED = "• /bosunghoso {code} — {title}"
CHOOSE_BUTTON = "{code}"
RESUBMITTED = (
    "Đã gửi lại hồ sơ {code} sau khi bổ sung. Hội đồng sẽ xem xét tiếp; "
    "Trợ lý Sáng kiến sẽ báo anh/chị khi có kết quả."
)
RESUBMIT_REFUSED = "Chưa gửi lại được hồ sơ {code}: {reason}"
RESUBMIT_NOTE = "Tác giả đã bổ sung hồ sơ"
