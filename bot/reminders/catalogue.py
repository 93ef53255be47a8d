"""Vietnamese text of the reminders (one-to-one, so "anh/chị")."""

from __future__ import annotations

KIND_NAMES = {"sang_kien": "sáng kiến", "hien_ke": "hiến kế"}
DRAFT_FIRST = (
    "Anh/chị còn một {kind} đang soạn dở (lần cuối lúc {when}). Chỉ cần ít phút nữa là "
    "xong: {how} để làm tiếp đúng chỗ đã dừng."
)
DRAFT_LAST = (
    "Nhắc lần cuối: bản nháp {kind} của anh/chị (lần cuối lúc {when}) vẫn được giữ nguyên. "
    "Khi sẵn sàng, {how}. Trợ lý Sáng kiến sẽ không nhắc thêm."
)
HOW_BUTTON = "bấm «Tiếp tục soạn»"
HOW_TYPED = "gõ /tieptuc"
RESUME_BUTTON = "Tiếp tục soạn"
DEADLINE = (
    "Nhắc hạn: «{name}» vào ngày {date} ({left}). Anh/chị có thể gửi sáng kiến, hiến kế "
    "ngay tại đây: gõ /menu."
)
DAYS_LEFT = "còn {days} ngày"
TODAY = "hôm nay"
