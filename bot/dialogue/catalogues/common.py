"""Vietnamese text shared by every flow: greeting, consent, menu, navigation, errors, statuses."""

from __future__ import annotations

# ---- greeting, consent, menu ----

GREETING = (
    "Trợ lý Sáng kiến xin chào anh/chị! Trợ lý giúp anh/chị soạn đơn sáng kiến gửi Hội đồng "
    "sáng kiến của đơn vị mình và gửi hiến kế; kênh do Sở Khoa học và Công nghệ tỉnh Quảng "
    "Ngãi vận hành."
)
CONSENT_NOTICE = (
    "Trước khi bắt đầu, xin anh/chị đọc thông báo về dữ liệu cá nhân "
    "(Nghị định 13/2023/NĐ-CP):\n"
    "- Trợ lý lưu họ tên, đơn vị, chức vụ, số điện thoại (nếu anh/chị cung cấp); với sáng "
    "kiến còn có ngày sinh, trình độ chuyên môn, tỷ lệ đóng góp của anh/chị và của từng đồng "
    "tác giả; họ tên, ngày sinh, nơi công tác, trình độ của người tham gia áp dụng thử (anh/chị "
    "vui lòng báo cho họ biết); nội dung, tệp đính kèm anh/chị gửi và tin nhắn trên trang web.\n"
    "- Mục đích: tiếp nhận, xét công nhận sáng kiến, hiến kế và báo kết quả cho anh/chị.\n"
    "- Người nhận: Hội đồng sáng kiến của đơn vị và cán bộ xét duyệt của Sở Khoa học và "
    "Công nghệ.\n"
    "- Thời hạn: đến khi anh/chị yêu cầu xóa; bài đã chuyển Hội đồng giữ họ tên, đơn vị tác "
    "giả đến hết thời hạn lưu trữ sau khi có quyết định. Chi tiết: /quyenriengtu.\n"
    "- Xem dữ liệu của mình: /dulieucuatoi; xóa bất cứ lúc nào: /xoadulieu.\n"
    "Trước khi anh/chị đồng ý, Trợ lý không lưu điều anh/chị gõ. Anh/chị có đồng ý không?"
)
CONSENT_YES = "Đồng ý"
CONSENT_NO = "Không đồng ý"
CONSENT_THANKS = "Cảm ơn anh/chị. Trợ lý cần vài thông tin để ghi vào đơn (chỉ hỏi một lần)."
WELCOME_BACK = "Trợ lý Sáng kiến xin chào anh/chị {name}!"
PROFILE_SAVED = "Cảm ơn anh/chị {name}, thông tin cá nhân đã được lưu."
FINISH_PROFILE_FIRST = "Anh/chị vui lòng hoàn tất thông tin cá nhân trước."

MENU_PROMPT = "Anh/chị muốn làm gì?"
MENU_SANG_KIEN = "Gửi sáng kiến"
MENU_HIEN_KE = "Gửi hiến kế"
MENU_STATUS = "Tra cứu trạng thái"
MENU_GUIDE = "Hướng dẫn"
DRAFT_KEPT = "Bản nháp {kind} của anh/chị vẫn được giữ; gõ /tieptuc để làm tiếp."
DRAFT_CONFLICT = (
    "Anh/chị đang soạn dở một {kind}. Anh/chị muốn tiếp tục bản nháp hay bỏ nó "
    "để bắt đầu {new_kind} mới?"
)
DRAFT_RESUME = "Tiếp tục bản nháp"
DRAFT_NEW = "Bỏ nháp, bắt đầu mới"
KIND_NAMES = {"sang_kien": "sáng kiến", "hien_ke": "hiến kế"}
RESUMING = "Tiếp tục bản nháp {kind}:"
NO_DRAFT = "Anh/chị không có bản nháp nào đang soạn."

# ---- navigation ----

BACK = "Quay lại"
SKIP = "Bỏ qua"
EXAMPLE = "Xem ví dụ"
KEEP = "Giữ nguyên"
DONE = "Xong"
EXAMPLE_HEADER = "Ví dụ:"
NO_EXAMPLE = "Mục này không có ví dụ."
CURRENT_ANSWER = "Nội dung đã ghi: {value}"
SKIP_REQUIRED = "Mục này bắt buộc, anh/chị không thể bỏ qua."
KEEP_NOTHING = "Mục này chưa có nội dung để giữ nguyên."
PROGRESS = "Mục {n}/{total}. "
OPTIONAL_MARK = " (không bắt buộc)"

# ---- cancel, erase ----

CANCEL_CONFIRM = "Anh/chị chắc chắn muốn hủy bản nháp {kind} này? Nội dung đã nhập sẽ bị xóa."
CANCEL_YES = "Hủy bản nháp"
CANCEL_NO = "Không, giữ lại"
CANCELLED = "Đã hủy bản nháp."
ERASE_CONFIRM = (
    "Anh/chị muốn xóa toàn bộ dữ liệu của mình? Trợ lý sẽ xóa thông tin cá nhân, tài khoản "
    "đã liên kết, bản nháp, tin nhắn trên trang web, tệp đính kèm, đơn Word; các sáng kiến, "
    "hiến kế chưa chuyển Hội đồng được rút và xóa nội dung. Bài đã chuyển Hội đồng chỉ giữ "
    "họ tên, đơn vị và tỷ lệ đóng góp của các tác giả, theo quy định xét công nhận. "
    "Việc này không hoàn tác được."
)
ERASE_YES = "Xóa dữ liệu của tôi"
ERASE_NO = "Không xóa"
NOT_ERASED = "Dữ liệu của anh/chị được giữ nguyên."

# ---- unexpected input ----

STALE_CHOICE = "Lựa chọn này không còn hiệu lực."
PICK_ONE = "Anh/chị vui lòng chọn một trong các lựa chọn."
UNSUPPORTED = (
    "Trợ lý Sáng kiến chưa đọc được {what}. Anh/chị vui lòng trả lời bằng chữ; "
    "ảnh và tài liệu gửi ở mục «Tài liệu kèm theo»."
)
UNSUPPORTED_NAMES = {
    "sticker": "nhãn dán (sticker)",
    "voice": "tin nhắn thoại",
    "audio": "tệp âm thanh",
    "video": "video",
    "video_note": "video",
    "location": "vị trí",
    "contact": "danh thiếp",
    "animation": "ảnh động",
    "poll": "bình chọn",
}
UNSUPPORTED_OTHER = "loại tin nhắn này"
FILE_NOT_HERE = (
    "Trợ lý Sáng kiến nhận tệp ở mục «Tài liệu kèm theo», gần cuối đơn. "
    "Anh/chị vui lòng gửi lại tệp khi đến mục đó."
)
UNKNOWN_COMMAND = "Trợ lý Sáng kiến chưa hiểu lệnh /{command}."
HELP = (
    "Các lệnh có thể dùng:\n"
    "/menu – trang chính\n"
    "/sangkien – gửi sáng kiến\n"
    "/hienke – gửi hiến kế\n"
    "/tieptuc – tiếp tục bản nháp\n"
    "/huy – hủy bản nháp\n"
    "/trangthai – tra cứu trạng thái\n"
    "/hoso – xem, sửa thông tin cá nhân\n"
    "/lienket – liên kết tài khoản Zalo và Telegram\n"
    "/taidon – tải đơn sáng kiến (tệp Word) để in, ký\n"
    "/huongdan – cách viết sáng kiến\n"
    "/quyenriengtu – dữ liệu được lưu, ai nhận, lưu bao lâu\n"
    "/dulieucuatoi – xem, tải toàn bộ dữ liệu của mình\n"
    "/xoadulieu – xóa dữ liệu của mình"
)
INTERNAL_ERROR = (
    "Xin lỗi anh/chị, Trợ lý Sáng kiến gặp sự cố khi xử lý tin nhắn này. "
    "Anh/chị vui lòng thử lại hoặc gõ /menu."
)

# ---- validation ----

EMPTY = "Anh/chị chưa nhập nội dung."
TOO_LONG = "Nội dung quá dài ({got} ký tự). Anh/chị vui lòng rút gọn dưới {limit} ký tự."
TOO_SHORT = "Nội dung còn quá ngắn ({got} ký tự, cần ít nhất {minimum})."
TOO_FEW_WORDS = "Nội dung cần ít nhất {minimum} từ để người đọc hiểu được."
NO_SUBSTANCE = "Nội dung chỉ gồm ký tự lặp lại hoặc ký hiệu, chưa đọc được thành câu."
ONE_LINE = "Anh/chị vui lòng ghi trên một dòng."
NAME_WORDS = "Anh/chị vui lòng ghi đủ họ và tên (ít nhất hai từ), ví dụ: Nguyễn Văn An."
NAME_LETTERS = "Họ tên chỉ gồm chữ cái, không có số hay ký hiệu."
PHONE_INVALID = (
    "Số điện thoại chưa đúng. Anh/chị ghi số di động 10 chữ số bắt đầu bằng 0 "
    "(ví dụ 0912345678) hoặc dạng +84912345678, hoặc chọn «Bỏ qua»."
)
SHARE_INVALID = "Anh/chị ghi tỷ lệ là một số nguyên từ 1 đến 100, ví dụ: 60."
DATE_FORMAT = (
    "Trợ lý chưa đọc được ngày này. Anh/chị ghi theo thứ tự ngày/tháng/năm, "
    "ví dụ 01/07/2025 hoặc ngày 1 tháng 7 năm 2025."
)
DATE_MONTH = "Tháng phải từ 1 đến 12. Anh/chị ghi theo thứ tự ngày/tháng/năm, ví dụ 31/12/2024."
DATE_NOT_EXIST = "Ngày {value} không có trên lịch. Anh/chị vui lòng kiểm tra lại."
DATE_FUTURE = (
    "Ngày anh/chị nhập là ngày trong tương lai (hôm nay là {today}). "
    "Anh/chị vui lòng kiểm tra lại."
)
DATE_TOO_OLD = "Năm {year} có vẻ chưa đúng. Anh/chị vui lòng kiểm tra lại."
BIRTH_DATE_RANGE = "Ngày sinh chưa hợp lý (tuổi phải từ 16 đến 100). Anh/chị vui lòng kiểm tra lại."

# ---- statuses (API value → label), exported as STATUS_LABELS ----

STATUS_LABELS = {
    "submitted": "Đã tiếp nhận",
    "forwarded": "Đã chuyển Hội đồng",
    "under_review": "Đang xem xét",
    "needs_revision": "Cần bổ sung",
    "recognized": "Được công nhận (cấp cơ sở)",
    "not_recognized": "Không được công nhận",
    "provincial_review": "Đang xét công nhận cấp tỉnh",
    "recognized_provincial": "Được công nhận hiệu quả và phạm vi ảnh hưởng cấp tỉnh",
    "not_recognized_provincial": (
        "Không được công nhận cấp tỉnh (vẫn giữ công nhận cấp cơ sở)"
    ),
    "adopted": "Được tiếp thu",
    "declined": "Chưa tiếp thu",
    "withdrawn": "Tác giả rút",
    "archived": "Lưu trữ",
}
ENTRIES_HEADER = "Các sáng kiến, hiến kế anh/chị đã gửi:"
ENTRY_LINE = "{code} – {title}\n   {status}{date}"
ENTRY_DATE = ", gửi ngày {date}"
NO_ENTRIES = (
    "Anh/chị chưa gửi sáng kiến hay hiến kế nào. Chọn «Gửi sáng kiến» hoặc «Gửi hiến kế» để "
    "bắt đầu."
)

# ---- guide ----

GUIDE = (
    "Cách viết một sáng kiến tốt, đủ điều kiện công nhận (Điều lệ sáng kiến; Thông tư "
    "18/2013/TT-BKHCN, Điều 4):\n"
    "1. Tính mới trong phạm vi cơ sở: chưa trùng với giải pháp của người khác đã nộp đơn "
    "trước; chưa được công bố trong văn bản, sách báo, tài liệu đến mức người khác làm theo "
    "được; chưa được người khác áp dụng hoặc áp dụng thử trước đó; không phải giải pháp mà "
    "quy định đã bắt buộc phải thực hiện.\n"
    "2. Đã được áp dụng hoặc áp dụng thử tại cơ sở và mang lại lợi ích thiết thực (có số "
    "liệu trước và sau: số phút mỗi hồ sơ, số hồ sơ mỗi tháng, kinh phí, tỷ lệ sai sót).\n"
    "3. Không thuộc trường hợp bị loại trừ: giải pháp trái trật tự công cộng, đạo đức xã "
    "hội; giải pháp đang được bảo hộ quyền sở hữu trí tuệ của người khác.\n"
    "Giải pháp tác nghiệp là cách tổ chức thực hiện một công việc cụ thể, ở xã, phường thường "
    "là: tiếp nhận và xử lý hồ sơ thủ tục hành chính, tuyên truyền, vận động người dân, "
    "giảng dạy, chăm sóc sức khỏe, quản lý đất đai, hộ tịch.\n"
    "Cách viết: tên nêu rõ giải pháp (làm gì, bằng cách nào, ở đâu); nêu cách làm cũ và "
    "điểm mới; viết câu ngắn, không viết tắt.\n"
    "Hiến kế là ý tưởng ngắn: vấn đề hiện nay, đề xuất cách làm và lợi ích dự kiến.\n"
    "Ở mỗi mục, anh/chị có thể xem ví dụ trước khi trả lời."
)

# ---- attachments ----

FILE_RECEIVED = (
    "Đã nhận tệp {name} ({size}). Anh/chị đã gửi {count} tệp; gửi tiếp hoặc chọn «Xong»."
)
FILE_TOO_BIG = (
    "Tệp {name} nặng {size}, vượt giới hạn {limit}. Anh/chị vui lòng nén hoặc chia nhỏ rồi gửi lại."
)
FILE_TYPE = (
    "Chưa nhận được tệp {name}: Trợ lý chỉ nhận ảnh, PDF, Word (doc, docx, odt) "
    "và Excel (xls, xlsx)."
)
FILE_TOO_MANY = "Mỗi đơn chỉ kèm được {limit} tệp. Anh/chị chọn «Xong» để tiếp tục."
FILES_WAITING = "Ở mục này, anh/chị gửi {can_send}, rồi chọn «Xong»."
# What a person can send from each channel (Zalo users can send only photos).
def can_send(channel: str) -> str:
    return CAN_SEND.get(channel, CAN_SEND[""])


CAN_SEND = {
    "zalo": "ảnh chụp (trên Zalo chỉ gửi được ảnh; tệp PDF, Word, Excel xin gửi qua Telegram "
    "hoặc trang web)",
    "": "ảnh hoặc tệp PDF, Word, Excel",
}
FILE_UNNAMED = "(không tên)"
SIZE_MB = "{value} MB"
SIZE_KB = "{value} KB"

# ---- review ----

REVIEW_FOOTER = (
    "Anh/chị vui lòng kiểm tra lại: chọn «Gửi» để nộp, «Sửa một mục» để chỉnh, "
    "«Hủy» để bỏ bản nháp."
)
REVIEW_MORE = "(xem đầy đủ trong tệp Đơn)"
REVIEW_SUBMIT = "Gửi"
REVIEW_EDIT = "Sửa một mục"
REVIEW_CANCEL = "Hủy"
EDIT_PICK = "Anh/chị muốn sửa mục nào?"
EMPTY_VALUE = "(không có)"
FILES_SUMMARY = "{count} tệp: {names}"
