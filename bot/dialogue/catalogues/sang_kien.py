"""Vietnamese text of the sáng kiến flow (Đơn yêu cầu công nhận sáng kiến), its review and receipt."""

from __future__ import annotations

from bot.dialogue.steps import StepText

START = (
    "Bắt đầu soạn đơn yêu cầu công nhận sáng kiến. Ở mỗi mục, anh/chị có thể xem ví dụ "
    "trước khi trả lời."
)

TITLE = StepText(
    question="Tên sáng kiến là gì?",
    guidance="Tên cần nêu rõ bản chất giải pháp: làm gì, bằng cách nào, ở đâu.",
    example=(
        "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính "
        "tại trụ sở Ủy ban nhân dân xã."
    ),
)
SOLUTION_TYPE = StepText(
    question="Sáng kiến thuộc loại giải pháp nào?",
    guidance=(
        "Kỹ thuật: cải tiến thiết bị, quy trình kỹ thuật. Quản lý: cách tổ chức, điều hành. "
        "Tác nghiệp: cách tổ chức làm một việc cụ thể, như tiếp nhận và xử lý hồ sơ thủ tục "
        "hành chính, tuyên truyền, giảng dạy. Ứng dụng tiến bộ kỹ thuật: đưa công nghệ, "
        "phần mềm có sẵn vào công việc."
    ),
)
SOLUTION_TYPES = {
    "ky_thuat": "Giải pháp kỹ thuật",
    "quan_ly": "Giải pháp quản lý",
    "tac_nghiep": "Giải pháp tác nghiệp",
    "ung_dung_tien_bo_ky_thuat": "Ứng dụng tiến bộ kỹ thuật",
}
FIELD = StepText(
    question="Sáng kiến áp dụng trong lĩnh vực nào?",
    guidance="Ghi ngắn gọn, ví dụ: cải cách hành chính, y tế, giáo dục, nông nghiệp.",
    example="Cải cách hành chính, chuyển đổi số",
)
PROBLEM = StepText(
    question="Sáng kiến giải quyết vấn đề gì?",
    guidance="Nêu việc đang gặp khó ở đơn vị, khó ra sao, ảnh hưởng đến ai (có số liệu càng tốt).",
    example=(
        "Người dân đến làm thủ tục tại xã phải hỏi nhiều lần về thành phần hồ sơ; "
        "trung bình mỗi hồ sơ phải bổ sung 1,5 lần, mất thêm 2 đến 3 ngày."
    ),
)
PROBLEM_HINT = "Anh/chị nêu rõ: việc gì đang khó, ở đâu, ảnh hưởng đến ai."

AUTHOR_BIRTH_DATE = StepText(
    question=(
        "Thông tin tác giả. Anh/chị là tác giả thứ nhất: {author_name}, {author_position}, "
        "{author_workplace}.\nNgày sinh của anh/chị?"
    ),
    guidance="Ghi theo ngày/tháng/năm, ví dụ 15/08/1985.",
    example="15/08/1985",
)
AUTHOR_QUALIFICATION = StepText(
    question="Trình độ chuyên môn của anh/chị?",
    guidance="Ghi học vị và chuyên ngành.",
    example="Cử nhân Luật; Thạc sĩ Quản lý công; Kỹ sư Công nghệ thông tin",
)
AUTHOR_SHARE = StepText(
    question="Tỷ lệ đóng góp của anh/chị vào sáng kiến là bao nhiêu phần trăm?",
    guidance="Nếu anh/chị là tác giả duy nhất, ghi 100. Tổng tỷ lệ các tác giả phải đúng 100%.",
    example="100",
)
COAUTHOR_MORE = StepText(
    question="Danh sách tác giả:\n{authors_list}\nTổng tỷ lệ: {total}%.\nSáng kiến còn đồng tác giả nào khác không?",
)
COAUTHOR_ADD = "Thêm đồng tác giả"
COAUTHOR_NONE = "Không có đồng tác giả"
COAUTHOR_DONE = "Xong, không thêm nữa"
COAUTHOR_REMOVE = "Xóa đồng tác giả cuối"
SHARE_REDO = "Nhập lại tỷ lệ"
SHARES_NOT_100 = (
    "Tổng tỷ lệ đóng góp hiện là {total}%, cần đúng 100%. Anh/chị chọn «Nhập lại tỷ lệ» "
    "hoặc «Thêm đồng tác giả»."
)
TOO_MANY_AUTHORS = "Một đơn ghi được tối đa {limit} tác giả."
AUTHOR_LINE = "{n}. {name} – {share}"
SHARE_MISSING = "chưa có tỷ lệ"

COAUTHOR_NAME = StepText(
    question="Họ và tên đồng tác giả thứ {n}?",
    guidance="Ghi đủ họ, tên đệm và tên, có dấu.",
    example="Trần Văn Bình",
)
COAUTHOR_BIRTH_DATE = StepText(
    question="Ngày sinh của {author_name}?",
    guidance="Ghi theo ngày/tháng/năm.",
    example="02/09/1990",
)
COAUTHOR_WORKPLACE = StepText(
    question="Nơi công tác của {author_name}?",
    guidance="Ghi tên đầy đủ của cơ quan, đơn vị, hoặc chọn «Cùng đơn vị» nếu cùng đơn vị với anh/chị.",
    example="Sở Khoa học và Công nghệ",
)
SAME_UNIT = "Cùng đơn vị: {agency}"
COAUTHOR_POSITION = StepText(
    question="Chức danh của {author_name}?",
    guidance="Ví dụ: Chuyên viên, Kế toán, Giáo viên.",
    example="Chuyên viên",
)
COAUTHOR_QUALIFICATION = StepText(
    question="Trình độ chuyên môn của {author_name}?",
    guidance="Ghi học vị và chuyên ngành.",
    example="Cử nhân Kinh tế",
)
COAUTHOR_SHARE = StepText(
    question="Tỷ lệ đóng góp của {author_name} là bao nhiêu phần trăm?",
    guidance="Các tác giả đã nhập có tổng {others}%; để đủ 100% còn {remaining}%.",
    example="40",
)
SHARE_FIX = StepText(
    question="Nhập lại tỷ lệ đóng góp của {author_name} (phần trăm)?",
    guidance="Tổng tỷ lệ của tất cả tác giả phải đúng 100%.",
    example="50",
)

INVESTOR = StepText(
    question="Chủ đầu tư tạo ra sáng kiến là ai?",
    guidance=(
        "Là cơ quan, đơn vị đã đầu tư kinh phí, phương tiện để tạo ra sáng kiến; thường là "
        "đơn vị của tác giả. Nếu tác giả tự làm, ghi: Tác giả tự đầu tư."
    ),
    example="Ủy ban nhân dân phường Cẩm Thành",
)
APPLIED_ON = StepText(
    question="Sáng kiến được áp dụng lần đầu hoặc áp dụng thử từ ngày nào?",
    guidance="Ghi theo ngày/tháng/năm, ví dụ 01/07/2025. Ngày này không được sau hôm nay.",
    example="01/07/2025 hoặc ngày 1 tháng 7 năm 2025",
)
KNOWN_SOLUTION = StepText(
    question="Trước đây việc này được làm thế nào và có hạn chế gì?",
    guidance="Mô tả cách làm cũ (tình trạng giải pháp đã biết) và điểm yếu của nó.",
    example=(
        "Công chức hướng dẫn miệng từng người; bảng niêm yết giấy cũ, khó đọc, không cập nhật "
        "khi thủ tục thay đổi, nên người dân thường nộp thiếu giấy tờ."
    ),
)
KNOWN_SOLUTION_HINT = "Anh/chị nêu rõ cách làm cũ và hạn chế của nó."
SOLUTION = StepText(
    question="Nội dung giải pháp của anh/chị là gì?",
    guidance="Nêu các bước thực hiện cụ thể: ai làm, làm gì, dùng công cụ gì.",
    example=(
        "Bước 1: lập danh mục thủ tục thường gặp. Bước 2: tạo mã QR dẫn tới trang hướng dẫn "
        "của từng thủ tục. Bước 3: in, dán mã tại quầy tiếp nhận và cập nhật khi có thay đổi."
    ),
)
SOLUTION_HINT = "Anh/chị nêu các bước thực hiện: ai làm, làm gì, bằng cách nào."
NOVELTY = StepText(
    question="Giải pháp mới ở điểm nào so với cách làm trước?",
    guidance=(
        "Nêu điểm khác biệt (tính mới): chưa ai áp dụng tại đơn vị, chưa được công bố đến mức "
        "làm theo được, không phải việc quy định đã bắt buộc."
    ),
    example=(
        "Lần đầu tiên tại xã, người dân tự tra cứu thành phần hồ sơ bằng điện thoại, "
        "thông tin luôn cập nhật theo bộ thủ tục mới nhất."
    ),
)
NOVELTY_HINT = "Anh/chị nêu điểm khác so với cách làm trước đây tại đơn vị."
APPLICABILITY = StepText(
    question="Sáng kiến đã áp dụng ở đâu và có thể áp dụng cho ai khác?",
    guidance="Nêu nơi, thời gian đã áp dụng và các đơn vị khác có thể làm theo.",
    example=(
        "Đã áp dụng tại bộ phận một cửa của xã từ tháng 7/2025; có thể áp dụng tại tất cả "
        "xã, phường trong tỉnh vì chỉ cần máy in và điện thoại."
    ),
)
APPLICABILITY_HINT = "Anh/chị nêu nơi đã áp dụng và ai khác có thể áp dụng."
CONFIDENTIAL = StepText(
    question="Có thông tin nào trong sáng kiến cần được bảo mật không?",
    guidance="Nếu không có, chọn «Bỏ qua».",
    example="Mã nguồn của bảng tính cảnh báo hồ sơ.",
)
CONDITIONS = StepText(
    question="Cần những điều kiện gì để áp dụng sáng kiến?",
    guidance="Ví dụ: thiết bị, phần mềm, kinh phí, nhân lực, văn bản chỉ đạo.",
    example="Máy in màu, kết nối Internet, một công chức cập nhật mã QR khi thủ tục thay đổi.",
)
CONDITIONS_HINT = "Anh/chị nêu thiết bị, phần mềm, kinh phí hoặc nhân lực cần có."
BENEFITS = StepText(
    question="Theo anh/chị, sáng kiến mang lại hiệu quả, lợi ích thiết thực gì?",
    guidance=(
        "Nêu số liệu trước và sau khi áp dụng: thời gian xử lý, số hồ sơ mỗi tháng, "
        "kinh phí tiết kiệm, tỷ lệ sai sót."
    ),
    example=(
        "Số hồ sơ phải bổ sung giảm từ 40% xuống 12%; thời gian hướng dẫn mỗi người giảm "
        "từ 15 phút xuống 5 phút; tiết kiệm khoảng 2.000.000 đồng tiền in mỗi năm."
    ),
)
BENEFITS_HINT = "Anh/chị nêu lợi ích cụ thể, tốt nhất có số liệu trước và sau khi áp dụng."
TRIAL_OPINION = StepText(
    question="Đơn vị đã áp dụng thử đánh giá hiệu quả thế nào?",
    guidance="Ghi tóm tắt ý kiến của đơn vị áp dụng thử, hoặc chọn «Bỏ qua».",
    example="Ủy ban nhân dân xã đánh giá giải pháp giảm rõ số lượt người dân phải đi lại.",
)
TRIAL_PARTICIPANTS = StepText(
    question="Những ai đã tham gia áp dụng thử hoặc áp dụng lần đầu?",
    guidance=(
        "Đơn ghi mỗi người một dòng: họ tên, ngày sinh, nơi công tác, chức danh, trình độ "
        "chuyên môn, nội dung công việc hỗ trợ.\n{participants_hint}"
    ),
)
PARTICIPANTS_NONE = "Chọn «Thêm người tham gia» để ghi từng người; không có thì chọn «Bỏ qua»."
PARTICIPANTS_SOME = "Đã ghi:\n{lines}\nChọn «Xong» khi đã đủ."
PARTICIPANT_LINE = "{n}. {name} – {task}"
PARTICIPANT_BRIEF = "{n}. {name}, {position} – {task}"
PARTICIPANT_ADD = "Thêm người tham gia"
PARTICIPANT_DONE = "Xong"
PARTICIPANT_REMOVE = "Xóa người cuối"
TOO_MANY_PARTICIPANTS = "Đơn ghi được tối đa {limit} người tham gia áp dụng thử."
PARTICIPANT_NAME = StepText(
    question="Họ và tên người tham gia thứ {participant_n}?",
    guidance="Ghi đủ họ, tên đệm và tên, có dấu.",
    example="Lê Thị Hoa",
)
PARTICIPANT_BIRTH_DATE = StepText(
    question="Ngày sinh của {participant_name}?",
    guidance="Ghi theo ngày/tháng/năm.",
    example="20/03/1992",
)
PARTICIPANT_WORKPLACE = StepText(
    question="Nơi công tác của {participant_name}?",
    guidance="Ghi tên đầy đủ của cơ quan, đơn vị, hoặc chọn «Cùng đơn vị» nếu cùng đơn vị với anh/chị.",
    example="Ủy ban nhân dân xã Bình Sơn",
)
PARTICIPANT_POSITION = StepText(
    question="Chức danh của {participant_name}?",
    guidance="Ví dụ: Công chức Văn phòng - Thống kê, Giáo viên.",
    example="Công chức Văn phòng - Thống kê",
)
PARTICIPANT_QUALIFICATION = StepText(
    question="Trình độ chuyên môn của {participant_name}?",
    guidance="Ghi học vị và chuyên ngành.",
    example="Cử nhân Hành chính",
)
PARTICIPANT_TASK = StepText(
    question="{participant_name} đã hỗ trợ việc gì khi áp dụng thử?",
    guidance="Ghi ngắn gọn nội dung công việc hỗ trợ.",
    example="Hướng dẫn người dân quét mã QR tại quầy một cửa.",
)
ATTACHMENTS = StepText(
    question="Tài liệu kèm theo: anh/chị có ảnh hoặc tài liệu minh họa không?",
    guidance=(
        "Anh/chị gửi {can_send}, từng tệp, tối đa {max_mb} MB mỗi tệp; không có thì chọn "
        "«Bỏ qua»."
    ),
    example="Ảnh mã QR dán tại quầy; bảng số liệu hồ sơ trước và sau khi áp dụng.",
)
SCOPE = StepText(
    question="Anh/chị đề nghị công nhận sáng kiến ở phạm vi nào?",
    guidance=(
        "Cấp cơ sở: có hiệu quả tại đơn vị. Cấp tỉnh: đã hoặc có thể áp dụng rộng "
        "trong toàn tỉnh, toàn ngành."
    ),
)
SCOPES = {"co_so": "Cấp cơ sở", "cap_tinh": "Cấp tỉnh"}
PLEDGE = (
    "Anh/chị vui lòng kiểm tra lại. Lời cam đoan: khi chọn «Gửi», anh/chị (và các đồng tác "
    "giả) cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu "
    "trách nhiệm trước pháp luật."
)
DECLARED = "Đã cam đoan"

FIELD_LABELS = {
    "title": "Tên sáng kiến",
    "solution_type": "Loại giải pháp",
    "field": "Lĩnh vực áp dụng",
    "problem": "Vấn đề cần giải quyết",
    "authors": "Tác giả, đồng tác giả",
    "investor": "Chủ đầu tư tạo ra sáng kiến",
    "first_applied_on": "Ngày áp dụng lần đầu",
    "known_solution": "Tình trạng giải pháp đã biết",
    "solution": "Nội dung giải pháp",
    "novelty": "Tính mới",
    "applicability": "Khả năng áp dụng",
    "confidential_info": "Thông tin cần bảo mật",
    "conditions": "Điều kiện cần thiết để áp dụng",
    "benefits": "Hiệu quả, lợi ích theo ý kiến tác giả",
    "trial_unit_opinion": "Ý kiến của đơn vị áp dụng thử",
    "trial_participants": "Người tham gia áp dụng thử",
    "attachments": "Tài liệu kèm theo",
    "scope": "Phạm vi đề nghị công nhận",
    "declaration": "Lời cam đoan",
}
AUTHOR_BRIEF = "{n}. {name}, sinh ngày {birth_date}, {position} – đóng góp {share}%"
REVIEW_HEADER = "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN (bản xem lại)"
SUBMITTED = (
    "Trợ lý Sáng kiến đã tiếp nhận sáng kiến của anh/chị.\n"
    "Mã hồ sơ: {code} (ngày {date}).\n"
    "Việc cần làm tiếp theo:\n"
    "1. In hai tệp Word Trợ lý gửi ngay sau tin này: Đơn yêu cầu công nhận sáng kiến và Báo cáo "
    "mô tả sáng kiến.\n"
    "2. Các tác giả ký, ghi rõ họ tên vào cả hai bản.\n"
    "3. Đề nghị Thủ trưởng {agency} xác nhận, ký và đóng dấu vào Báo cáo mô tả.\n"
    "4. Nộp hai bản đã ký cho {hand_to}{deadline}.\n"
    "Hội đồng sáng kiến cơ sở sẽ xem xét tính mới, lợi ích thiết thực và khả năng áp dụng của "
    "sáng kiến; kết quả được báo cho anh/chị tại đây (tra cứu bằng lệnh /trangthai)."
)
PAPER_DEADLINE = ", trước ngày {day}"
YOUR_UNIT = "đơn vị anh/chị"
HAND_TO = (
    "bộ phận thường trực Hội đồng sáng kiến của đơn vị (thường là bộ phận phụ trách "
    "thi đua – khen thưởng)"
)
