"""Vietnamese text of the personal-data promises: notice, decline, erasure, the data export."""

from __future__ import annotations

PRIVACY_NOTICE = (
    "Quyền riêng tư và dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP, "
    "Luật Bảo vệ dữ liệu cá nhân 2025)\n"
    "Dữ liệu Trợ lý Sáng kiến thu thập:\n"
    "- Thông tin cá nhân: họ tên, đơn vị, chức vụ, số điện thoại (không bắt buộc); "
    "mã tài khoản Zalo, Telegram hoặc phiên trang web.\n"
    "- Với sáng kiến: ngày sinh, nơi công tác, chức danh, trình độ chuyên môn, tỷ lệ đóng góp "
    "của tác giả và của từng đồng tác giả; họ tên, ngày sinh, nơi công tác, chức danh, trình "
    "độ, việc đã làm của người tham gia áp dụng thử. Đồng tác giả và người tham gia không "
    "trực tiếp đồng ý với Trợ lý: người gửi cam kết đã báo cho họ; họ có thể đề nghị Sở Khoa "
    "học và Công nghệ xóa.\n"
    "- Nội dung sáng kiến, hiến kế, tệp đính kèm; tin nhắn trên trang web.\n"
    "Mục đích: tiếp nhận, xét công nhận sáng kiến, hiến kế và báo kết quả cho anh/chị.\n"
    "Người nhận: Hội đồng sáng kiến của đơn vị (cấp cơ sở), Hội đồng cấp tỉnh và cán bộ xét "
    "duyệt của Sở Khoa học và Công nghệ. Không chuyển cho bên nào khác.\n"
    "Thời hạn lưu:\n"
    "- Thông tin cá nhân và bài đã gửi: đến khi anh/chị yêu cầu xóa. Bài đã chuyển Hội đồng "
    "giữ họ tên, đơn vị, tỷ lệ đóng góp của các tác giả (và họ tên, đơn vị, việc đã làm của "
    "người tham gia áp dụng thử) đến khi có quyết định và thêm "
    "{decided_entry_years} năm.\n"
    "- Bản nháp bỏ dở: {drafts_days} ngày; tin nhắn trên trang web: {web_transcript_days} "
    "ngày; tin đã gửi đi: {outbox_days} ngày; mã chống trùng tin nhắn (không có nội dung): "
    "{processed_updates_days} ngày; tệp dữ liệu tải về: {exports_days} ngày.\n"
    "- Trước khi anh/chị đồng ý, Trợ lý không lưu điều anh/chị gõ; tài khoản chưa trả lời "
    "câu hỏi đồng ý được xóa sau {unconsented_days} ngày.\n"
    "Quyền của anh/chị: /dulieucuatoi – xem và tải toàn bộ dữ liệu của mình; "
    "/hoso – sửa thông tin cá nhân; /xoadulieu – xóa dữ liệu."
)

DECLINED = (
    "Trợ lý Sáng kiến tôn trọng lựa chọn của anh/chị. Trợ lý không lưu điều anh/chị đã gõ "
    "và đã xóa tài khoản trò chuyện vừa tạo. Chỉ còn lại: mã kỹ thuật của từng tin nhắn "
    "(không có nội dung, để một tin không bị xử lý hai lần), xóa sau "
    "{processed_updates_days} ngày; và tin trả lời này trong hàng đợi gửi, xóa sau "
    "{outbox_days} ngày. Khi cần gửi sáng kiến, hiến kế, anh/chị bấm «Đồng ý» hoặc gõ /start."
)

ERASED = (
    "Trợ lý Sáng kiến đã xóa dữ liệu của anh/chị: thông tin cá nhân, tài khoản đã liên kết, "
    "bản nháp, tin nhắn trên trang web, tệp đính kèm và đơn Word."
)
ERASED_WITHDRAWN = (
    "Các bài chưa chuyển Hội đồng đã được rút và xóa nội dung: {codes}. Chỉ còn mã và ngày "
    "gửi, để mã không bị cấp lại."
)
ERASED_KEPT = (
    "Được giữ lại theo quy định: trong {codes} (đã chuyển Hội đồng xét công nhận), nội dung "
    "bài, tệp đính kèm và họ tên, đơn vị, tỷ lệ đóng góp của các tác giả (với người tham gia "
    "áp dụng thử: họ tên, đơn vị, việc đã làm), vì Hội đồng cần chúng để xét và lưu kết quả. "
    "Các thông tin này được giữ đến khi có quyết định và thêm {decided_entry_years} năm, sau "
    "đó được xóa. Ngày sinh, trình độ, chức vụ, số điện thoại đã được xóa khỏi các bài này."
)
ERASED_NOTHING_KEPT = "Không còn thông tin nào về anh/chị được lưu giữ."
ERASED_TAIL = (
    "Tin nhắn này nằm trong hàng đợi gửi và được xóa sau {outbox_days} ngày. "
    "Nếu muốn dùng lại, anh/chị gõ /start."
)
ERASE_TITLE = "(Đã xóa theo yêu cầu của tác giả)"
MASK = "[đã xóa]"

MY_DATA_HEADER = "Dữ liệu Trợ lý Sáng kiến đang lưu về anh/chị:"
MY_DATA_PROFILE = "Thông tin cá nhân: {profile}"
MY_DATA_NO_PROFILE = "Thông tin cá nhân: (chưa có)"
MY_DATA_ACCOUNTS = "Tài khoản: {accounts}"
MY_DATA_ENTRIES = "Sáng kiến, hiến kế đã gửi ({count}): {codes}"
MY_DATA_NO_ENTRIES = "Sáng kiến, hiến kế đã gửi: chưa có"
MY_DATA_DRAFT = "Bản nháp đang soạn: {kind}"
MY_DATA_COUNTS = (
    "Tệp đính kèm: {files}; tin nhắn trên trang web: {web}; tin đang chờ gửi: {outbox}"
)
MY_DATA_FILE = "Toàn bộ chi tiết ở tệp {name} (định dạng JSON)."
MY_DATA_LINK = "Toàn bộ chi tiết ở tệp JSON dưới đây; liên kết tải dùng được {days} ngày."
MY_DATA_FAILED = (
    "Xin lỗi anh/chị, Trợ lý chưa tạo được tệp dữ liệu lúc này. Anh/chị vui lòng thử lại sau."
)
