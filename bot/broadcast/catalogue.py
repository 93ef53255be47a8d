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
    "• Chưa gửi vì đã hủy: {cancelled}\n"
    "• Đã xác nhận «Đã đọc»: {read}"
)
STATUS_LABELS = {
    "scheduled": "đã lên lịch",
    "sending": "đang gửi",
    "done": "đã gửi xong",
    "cancelled": "đã hủy",
}

# ---- /thongbao: the admin composing an announcement (anh/chị) ----
NOT_ADMIN = "Lệnh này chỉ dành cho quản trị viên của Sở KH&CN."
ASK_TEXT = (
    "Soạn thông báo gửi người dùng. Anh/chị gửi nội dung thông báo (tối đa {limit} ký tự). "
    "Trợ lý sẽ thêm lời chào «quý vị» ở đầu và lời đề nghị xác nhận «Đã đọc» ở cuối.\n"
    "Ví dụ: Sở KH&CN tổ chức lớp tập huấn viết sáng kiến lúc 8 giờ ngày 12/12 tại hội trường Sở.\n"
    "Bỏ soạn: /huy"
)
TEXT_TOO_LONG = "Nội dung dài {length} ký tự, quá {limit} ký tự. Anh/chị rút gọn rồi gửi lại."
TEXT_NEEDED = "Anh/chị gửi nội dung thông báo bằng chữ trước."
ASK_ATTACHMENT = "Anh/chị gửi kèm một ảnh hoặc tệp (nếu có), hoặc bấm «Bỏ qua»."
SKIP_LABEL = "Bỏ qua"
ASK_AGENCIES = (
    "Gửi cho đơn vị nào? Anh/chị gõ tên đơn vị (mỗi dòng một đơn vị), hoặc bấm «Tất cả đơn vị»."
)
ALL_AGENCIES_LABEL = "Tất cả đơn vị"
UNKNOWN_AGENCIES = "Không tìm thấy đơn vị: {names}. Anh/chị gõ đúng tên trong danh sách đơn vị."
ASK_CHANNELS = "Gửi qua kênh nào?"
ALL_CHANNELS_LABEL = "Tất cả các kênh"
CHANNEL_LABELS = {"telegram": "Telegram", "zalo": "Zalo", "web": "Trang trò chuyện"}
ASK_WHEN = (
    "Gửi khi nào? Bấm «Gửi ngay» hoặc gõ thời điểm, ví dụ: 08:00 12/12/2026.\n"
    "Thông báo không gửi trong khung giờ nghỉ ({quiet}); rơi vào khung giờ này thì thông báo "
    "chờ đến hết giờ nghỉ."
)
SEND_NOW_LABEL = "Gửi ngay"
BAD_TIME = "Chưa hiểu thời điểm «{value}». Anh/chị gõ theo mẫu 08:00 12/12/2026."
PAST_TIME = "Thời điểm {value} đã qua. Anh/chị chọn một thời điểm sắp tới."
PREVIEW_INTRO = "Xem trước — người nhận sẽ thấy đúng như sau:"
PREVIEW_SUMMARY = (
    "Đơn vị: {agencies}\nKênh: {channels}\nTệp kèm: {attachment}\n"
    "Bắt đầu gửi: {starts}\nSố người sẽ nhận: {recipients} "
    "(đã tắt thông báo: {opted_out}; không liên lạc được: {unreachable})\n\n"
    "Anh/chị bấm «Gửi» để xác nhận. Chưa có tin nào được gửi."
)
CONFIRM_LABEL = "✅ Gửi"
ABORT_LABEL = "✖️ Hủy"
NOW_WORD = "ngay bây giờ"
NONE_WORD = "không"
ATTACHED_WORD = "có (1 ảnh/tệp)"
ALL_WORD = "tất cả"
DRAFT_CANCELLED = "Đã bỏ thông báo đang soạn. Chưa có tin nào được gửi."
CREATED = (
    "Đã tạo thông báo #{id}, bắt đầu gửi {starts}. Trợ lý sẽ báo kết quả khi gửi xong.\n"
    "Dừng gửi: /huythongbao {id}"
)
STOP_LABEL = "Dừng gửi"
CANCELLED = "Đã dừng thông báo #{id}: phần chưa gửi sẽ không được gửi.\n{report}"
CANNOT_CANCEL = "Thông báo #{id} không thể dừng (trạng thái: {status})."
NO_SUCH = "Không có thông báo #{id}."
ASK_CANCEL_ID = "Anh/chị gõ số thông báo cần dừng, ví dụ: /huythongbao 12"
