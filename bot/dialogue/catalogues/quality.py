"""Vietnamese text of the writing help: checklist, similar earlier entries, printable dossier."""

from __future__ import annotations

from bot.dialogue.steps import StepText

# ---- the checklist shown with the review ----

CHECKLIST_HEADER = "KIỂM TRA TRƯỚC KHI GỬI: đạt {passed}/{total} tiêu chí."
CHECKLIST_ALL_PASSED = "Đơn đã đủ các nội dung cần thiết."
CHECKLIST_ADVICE = "Gợi ý hoàn thiện (không bắt buộc):"
CHECKLIST_FAILED = "• {message}"

# ---- "has this been done before?" ----

SIMILAR_HEADER = "Trợ lý tìm thấy sáng kiến, hiến kế đã có với nội dung gần giống:"
SIMILAR_LINE = "• {code} – {title}\n   {agency}{year} – {status}"
SIMILAR_YEAR = ", năm {year}"
SIMILAR_NO_AGENCY = "Chưa rõ đơn vị"
SIMILAR_NO_STATUS = "Chưa rõ kết quả"
# The score as a level, stored with each match and shown to reviewers (digest, API).
SIMILAR_STRONG = "rất giống"
SIMILAR_FAIR = "khá giống"
DIFFERENCE = StepText(
    question="{similar_list}\n\nNội dung anh/chị đang soạn khác các nội dung trên ở điểm nào?",
    guidance=(
        "Nêu ngắn gọn điểm khác: cách làm, công cụ, đối tượng hay nơi áp dụng. Hội đồng sẽ "
        "đọc phần này khi xét tính mới. Nếu không thấy liên quan, anh/chị chọn «Bỏ qua»."
    ),
    example=(
        "Sáng kiến trước chỉ dán mã QR tại quầy; giải pháp của tôi gửi kèm mã QR trong tin "
        "nhắn hẹn trả kết quả và cập nhật tự động khi thủ tục thay đổi."
    ),
)
DIFFERENCE_HINT = "Anh/chị nêu điểm khác so với các sáng kiến, hiến kế đã có."
DIFFERENCE_LABEL = "Điểm khác với các nội dung đã có"
REVIEW_SIMILAR = "Nội dung gần giống đã có: {codes}."
REVIEW_DIFFERENCE = "{label}: {value}"

# ---- the printable dossier ----

DOSSIER_APPLICATION = (
    "Đơn yêu cầu công nhận sáng kiến {code} (tệp Word) để in, ký."
)
DOSSIER_REPORT = "Báo cáo mô tả sáng kiến {code} (tệp Word)."
DOSSIER_LINK_NOTE = "Liên kết tải tệp có hiệu lực {days} ngày; cần tải lại, anh/chị gõ /taidon."
DOSSIER_PICK = StepText(
    question="Anh/chị muốn tải đơn của sáng kiến nào?",
    guidance="Trợ lý gửi đơn yêu cầu công nhận và báo cáo mô tả sáng kiến dưới dạng tệp Word.",
)
DOSSIER_PICK_LABEL = "{code} – {title}"
DOSSIER_NONE = "Anh/chị chưa gửi sáng kiến nào nên chưa có đơn để tải. Hiến kế không cần lập đơn."
DOSSIER_NOT_FOUND = "Không tìm thấy sáng kiến {code} trong các hồ sơ anh/chị đã gửi."
DOSSIER_FAILED = (
    "Xin lỗi anh/chị, Trợ lý chưa lập được đơn của sáng kiến {code}. "
    "Anh/chị vui lòng thử lại sau bằng lệnh /taidon."
)
