"""Vietnamese text of the hiến kế flow (a quick idea), its review and receipt."""

from __future__ import annotations

from bot.dialogue.steps import StepText

START = "Bắt đầu gửi hiến kế: chỉ vài câu ngắn về vấn đề, đề xuất và lợi ích."

FIELD = StepText(
    question="Hiến kế thuộc lĩnh vực nào?",
    guidance="Ghi ngắn gọn, ví dụ: cải cách hành chính, y tế, giáo dục, nông nghiệp.",
    example="Cải cách hành chính",
)
PROBLEM = StepText(
    question="Hiện nay đang có vấn đề gì?",
    guidance="Nêu việc đang vướng, ở đâu, ảnh hưởng thế nào.",
    example=(
        "Mỗi quý các phòng gửi nhiều báo cáo định kỳ có chỉ tiêu trùng nhau, "
        "công chức phải nhập cùng số liệu nhiều lần."
    ),
)
PROBLEM_HINT = "Anh/chị nêu rõ việc gì đang vướng và ảnh hưởng thế nào."
PROPOSAL = StepText(
    question="Anh/chị đề xuất làm gì?",
    guidance="Nêu cụ thể việc cần làm, ai làm. Câu đầu tiên sẽ dùng làm tiêu đề hiến kế.",
    example=(
        "Gộp các báo cáo định kỳ trùng chỉ tiêu giữa các phòng thành một biểu mẫu. "
        "Văn phòng chủ trì rà soát và ban hành biểu mẫu chung."
    ),
)
PROPOSAL_HINT = "Anh/chị nêu cụ thể cần làm gì và ai làm."
BENEFIT = StepText(
    question="Nếu làm theo đề xuất, sẽ có lợi ích gì?",
    guidance="Nêu lợi ích dự kiến, có số liệu càng tốt: giảm thời gian, giấy tờ, chi phí.",
    example="Giảm khoảng 30% thời gian lập báo cáo mỗi quý và tránh sai lệch số liệu giữa các phòng.",
)
BENEFIT_HINT = "Anh/chị nêu lợi ích dự kiến, tốt nhất có số liệu."
APPLYING_UNIT = StepText(
    question="Đơn vị nào có thể áp dụng hiến kế này?",
    guidance="Ghi tên đơn vị, hoặc chọn «Bỏ qua».",
    example="Văn phòng Ủy ban nhân dân tỉnh",
)
ATTACHMENTS = StepText(
    question="Anh/chị có ảnh hoặc tài liệu minh họa không?",
    guidance=(
        "Anh/chị gửi {can_send}, từng tệp, tối đa {max_mb} MB mỗi tệp; không có thì chọn "
        "«Bỏ qua»."
    ),
    example="Ảnh các biểu mẫu báo cáo đang trùng nhau.",
)

FIELD_LABELS = {
    "field": "Lĩnh vực",
    "problem": "Vấn đề hiện nay",
    "proposal": "Đề xuất",
    "benefit": "Lợi ích dự kiến",
    "applying_unit": "Đơn vị có thể áp dụng",
    "attachments": "Tài liệu kèm theo",
}
REVIEW_HEADER = "HIẾN KẾ (bản xem lại)"
SUBMITTED = (
    "Trợ lý Sáng kiến đã tiếp nhận hiến kế của anh/chị. Cảm ơn anh/chị đã góp ý.\n"
    "Mã hồ sơ: {code} (ngày {date}).\n"
    "Tiếp theo: Sở Khoa học và Công nghệ sẽ tổng hợp, chuyển đơn vị có thẩm quyền xem xét "
    "tiếp thu; kết quả sẽ được báo cho anh/chị tại đây. Tra cứu trạng thái bằng lệnh /trangthai."
)
