"""Vietnamese text of announcements: to recipients ("quý vị"), and to the admin (anh/chị)."""

from __future__ import annotations

# ---- what recipients see ----
HEADER = "📢 THÔNG BÁO gửi quý vị từ Trợ lý Sáng kiến"
FOOTER_BUTTON = "Quý vị vui lòng bấm «Đã đọc» sau khi xem. Tắt thông báo: /tatthongbao"
FOOTER_TYPED = "Quý vị vui lòng nhắn «đã đọc» sau khi xem. Tắt thông báo: nhắn /tatthongbao"
READ_LABEL = "✅ Đã đọc"
ATTACHMENT_NAME = "Tệp đính kèm thông báo"
READ_THANKS = "Cảm ơn anh/chị đã xác nhận đã đọc thông báo."
NOTHING_TO_READ = "Hiện không có thông báo nào cần xác nhận."
SUBSCRIBED_OFF = (
    "Anh/chị đã tắt nhận thông báo và nhắc việc. Anh/chị vẫn nhận trả lời khi trao đổi với "
    "Trợ lý. Bật lại bất cứ lúc nào: /batthongbao"
)
SUBSCRIBED_ON = "Anh/chị đã bật lại nhận thông báo và nhắc việc. Tắt: /tatthongbao"

# ---- the report to the admin who created it ----
REPORT = (
    "📊 Kết quả thông báo #{id} ({status}):\n"
    "• Đã gửi: {sent}\n"
    "• Gửi lỗi: {failed}\n"
    "• Không liên lạc được (đã chặn Trợ lý): {unreachable}\n"
    "• Đã tắt nhận thông báo: {opted_out}\n"
    "• Không chắc đã gửi (máy chủ dừng giữa chừng): {uncertain}\n"
    "• Chưa gửi vì đã huỷ: {cancelled}\n"
    "• Đã bấm «Đã đọc»: {read}"
)
STATUS_LABELS = {
    "scheduled": "đã lên lịch",
    "sending": "đang gửi",
    "done": "đã gửi xong",
    "cancelled": "đã huỷ",
}
