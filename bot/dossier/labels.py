"""Vietnamese wording of the two dossier documents, kept in one place to be proofread."""

from __future__ import annotations

PROVINCE = "Quảng Ngãi"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NONE = "Không có."
CODE_PREFIX = "Mã hồ sơ: "

SOLUTION_TYPES = {
    "ky_thuat": "Giải pháp kỹ thuật",
    "quan_ly": "Giải pháp quản lý",
    "tac_nghiep": "Giải pháp tác nghiệp",
    "ung_dung_tien_bo_ky_thuat": "Giải pháp ứng dụng tiến bộ kỹ thuật",
}
SCOPES = {"co_so": "Cấp cơ sở", "cap_tinh": "Cấp tỉnh"}
# "Kính gửi" names the cơ sở asked to recognise the initiative: the author's own unit. A
# provincial recognition comes only after it, so the application always goes there first.
ADDRESSEE_BLANK = "……………………………………"

ATTACHMENT_KINDS = {
    "photo": "Hình ảnh",
    "image": "Hình ảnh",
    "document": "Tài liệu",
    "file": "Tài liệu",
    "video": "Video",
    "audio": "Ghi âm",
    "voice": "Ghi âm",
}
ATTACHMENT_OTHER = "Tệp đính kèm"

AUTHOR_COLUMNS = (
    "Số TT",
    "Họ và tên",
    "Ngày tháng năm sinh",
    "Nơi công tác (hoặc nơi thường trú)",
    "Chức danh",
    "Trình độ chuyên môn",
    "Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến (ghi rõ đối với từng đồng tác giả, nếu có)",
)
PARTICIPANT_COLUMNS = (
    "Số TT",
    "Họ và tên",
    "Ngày tháng năm sinh",
    "Nơi công tác",
    "Chức danh",
    "Trình độ chuyên môn",
    "Nội dung công việc hỗ trợ",
)

# Item wording follows the form of Thông tư 18/2013/TT-BKHCN; both documents share it.
TITLE = "Tên sáng kiến"
SOLUTION_TYPE = "Loại giải pháp"
AUTHORS = "Tác giả, đồng tác giả"
INVESTOR = "Chủ đầu tư tạo ra sáng kiến (trường hợp tác giả không đồng thời là chủ đầu tư tạo ra sáng kiến)"
FIELD = "Lĩnh vực áp dụng sáng kiến"
PROBLEM = "Vấn đề mà sáng kiến giải quyết"
FIRST_APPLIED = "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử"
FIRST_APPLIED_FORM = f"{FIRST_APPLIED}, (ghi ngày nào sớm hơn)"
ITEM = "- "  # the form's items are dashes, not numbers
DESCRIPTION = "Mô tả bản chất của sáng kiến"
KNOWN_SOLUTION = "Tình trạng giải pháp đã biết"
SOLUTION = "Nội dung giải pháp đề nghị công nhận là sáng kiến"
SOLUTION_STEPS = "Nội dung và các bước thực hiện giải pháp"
NOVELTY = "Tính mới, điểm khác biệt so với giải pháp đã biết"
APPLICABILITY = "Khả năng áp dụng của sáng kiến"
CONFIDENTIAL = "Những thông tin cần được bảo mật (nếu có)"
CONDITIONS = "Những điều kiện cần thiết để áp dụng sáng kiến"
BENEFITS = (
    "Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến"
    " theo ý kiến của tác giả"
)
TRIAL_OPINION = (
    "Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến"
    " theo ý kiến của tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu,"
    " kể cả áp dụng thử (nếu có)"
)
PARTICIPANTS = (
    "Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có)"
)
ATTACHMENTS = "Tài liệu kèm theo"
SCOPE = "Phạm vi đề nghị công nhận"

APPLICATION_TITLE = "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN"
ADDRESSEE = "Kính gửi: "
WE_ARE = "Tôi (chúng tôi) ghi tên dưới đây:"
APPLYING_FOR = "Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến:"
APPLICATION_PLEDGE = (
    "Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực,"
    " đúng sự thật và hoàn toàn chịu trách nhiệm trước pháp luật."
)
APPLICANT = "Người nộp đơn"
SIGN_HINT = "(Ký và ghi rõ họ tên)"

REPORT_TITLE = "BÁO CÁO MÔ TẢ SÁNG KIẾN"
# The report's Roman-numbered sections carry shorter capitalised forms of the same items.
REPORT_GENERAL = "THÔNG TIN CHUNG"
REPORT_DESCRIPTION = "MÔ TẢ BẢN CHẤT CỦA SÁNG KIẾN"
REPORT_CONFIDENTIAL = "NHỮNG THÔNG TIN CẦN ĐƯỢC BẢO MẬT (NẾU CÓ)"
REPORT_CONDITIONS = "CÁC ĐIỀU KIỆN CẦN THIẾT ĐỂ ÁP DỤNG SÁNG KIẾN"
REPORT_BENEFITS = "HIỆU QUẢ, LỢI ÍCH THU ĐƯỢC THEO Ý KIẾN CỦA TÁC GIẢ"
REPORT_TRIAL_OPINION = "HIỆU QUẢ, LỢI ÍCH THEO Ý KIẾN CỦA ĐƠN VỊ ĐÃ ÁP DỤNG THỬ (NẾU CÓ)"
REPORT_PARTICIPANTS = "DANH SÁCH NGƯỜI THAM GIA ÁP DỤNG THỬ HOẶC ÁP DỤNG LẦN ĐẦU (NẾU CÓ)"
REPORT_ATTACHMENTS = "TÀI LIỆU KÈM THEO"
REPORT_SCOPE = "PHẠM VI ĐỀ NGHỊ CÔNG NHẬN"
REPORT_PLEDGE = (
    "Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong báo cáo là trung thực,"
    " đúng sự thật và hoàn toàn chịu trách nhiệm trước pháp luật."
)
REPORT_AUTHOR = "TÁC GIẢ SÁNG KIẾN"
UNIT_HEAD = "XÁC NHẬN CỦA ĐƠN VỊ"
UNIT_HEAD_HINT = "(Thủ trưởng đơn vị ký tên, đóng dấu)"
