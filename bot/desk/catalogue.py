"""Every Vietnamese text of the reviewers' desk: /dangnhap in chat and the /admin pages."""

from __future__ import annotations

# ---- /dangnhap in chat ----
COMMAND = "dangnhap"
SIGNIN_LINK = (
    "Liên kết đăng nhập bàn làm việc của Hội đồng (dùng một lần, hết hạn sau {minutes} phút):\n"
    "{url}\n\n"
    "Anh/chị không chuyển liên kết này cho người khác. Nếu không phải anh/chị yêu cầu, "
    "anh/chị bỏ qua tin nhắn này."
)
SIGNIN_REFUSED = "Xin lỗi, lệnh này không dùng được với tài khoản của anh/chị."
SIGNIN_PRIVATE_ONLY = (
    "Để giữ an toàn, anh/chị nhắn /dangnhap trong cuộc trò chuyện riêng với Trợ lý Sáng kiến."
)

# ---- pages ----
APP_NAME = "Bàn làm việc Hội đồng sáng kiến"
SKIP = "Bỏ qua, đến nội dung chính"
SIGNIN_TITLE = "Đăng nhập"
SIGNIN_INTRO = (
    "Anh/chị mở liên kết đăng nhập mà Trợ lý Sáng kiến gửi khi nhắn /dangnhap trên Telegram "
    "hoặc Zalo, rồi nhấn «Đăng nhập»."
)
SIGNIN_CODE = "Mã đăng nhập (có sẵn khi mở từ liên kết)"
SIGNIN_BUTTON = "Đăng nhập"
SIGNIN_FAILED = (
    "Liên kết đăng nhập không hợp lệ, đã được dùng hoặc đã hết hạn. Anh/chị nhắn /dangnhap "
    "cho Trợ lý để nhận liên kết mới."
)
SIGNED_OUT = "Anh/chị đã đăng xuất."
SIGN_OUT = "Đăng xuất"
FORBIDDEN = "Tài khoản này không có quyền dùng bàn làm việc."
FORM_EXPIRED = "Biểu mẫu đã hết hiệu lực. Anh/chị tải lại trang rồi thực hiện lại."
NOT_FOUND = "Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc Hội đồng của anh/chị."
NO_COUNCIL = (
    "Anh/chị chưa là thành viên Hội đồng nào nên chưa có hồ sơ để xem. Anh/chị liên hệ quản "
    "trị viên để được thêm vào Hội đồng."
)
SIGNED_IN_AS = "Đăng nhập: {principal}"
ROLE_ADMIN = "quản trị viên (xem tất cả hồ sơ)"
COUNCILS = "Hội đồng: {names}"
LEVELS = {"co_so": "cấp cơ sở", "tinh": "cấp tỉnh"}

QUEUE_TITLE = "Hồ sơ cần xử lý"
FILTERS = "Lọc hồ sơ"
SEARCH = "Tìm theo tên, mã hồ sơ (có dấu hoặc không dấu)"
STATUS = "Trạng thái"
KIND = "Loại"
UNIT = "Đơn vị"
FIELD = "Lĩnh vực"
YEAR = "Năm"
SORT = "Sắp xếp"
ALL = "Tất cả"
APPLY = "Lọc"
CLEAR = "Bỏ lọc"
SORTS = {
    "newest": "Mới nhất trước",
    "oldest": "Cũ nhất trước",
    "code": "Theo mã hồ sơ",
    "title": "Theo tên (A–Z)",
}
COUNTS = "Số hồ sơ theo trạng thái"
COLUMNS = ("Mã", "Tên sáng kiến / hiến kế", "Loại", "Đơn vị", "Lĩnh vực", "Ngày gửi", "Trạng thái")
QUEUE_CAPTION = "{total} hồ sơ; trang {page}/{pages}"
NOTHING = "Không có hồ sơ nào khớp bộ lọc."
PREVIOUS = "Trang trước"
NEXT = "Trang sau"
PAGING = "Phân trang"

# ---- similar entries and the quality checklist: queue filters and the entry page ----
SIMILAR_FILTER = "Hồ sơ giống"
SIMILAR_CHOICES = {"any": "Có (khá giống trở lên)", "strong": "Có, rất giống", "none": "Không có"}
QUALITY_FILTER = "Kiểm tra chất lượng"
QUALITY_CHOICES = {"any": "Có mục chưa đạt", "none": "Đạt tất cả các mục"}
QUALITY_FLAG_CHOICE = "Chưa đạt: {label}"
BADGE_SIMILAR = "Có hồ sơ {level}"
BADGE_FAILED = "{count} mục chưa đạt"
COMPARE_TITLE_SECTION = "Hồ sơ giống, so sánh từng mục"
COMPARE_INTRO = (
    "Các hồ sơ có nội dung giống hồ sơ này ở ngưỡng đã đặt, giống nhất trước. Hồ sơ của "
    "Hội đồng khác chỉ hiện mã, mức giống và trạng thái."
)
COMPARE_LEGEND = "Cách đánh dấu:"
COMPARE_LEGEND_INS = "gạch chân: từ chỉ có ở hồ sơ đang xem"
COMPARE_LEGEND_DEL = "gạch ngang: từ chỉ có ở hồ sơ giống"
COMPARE_ONLY_MINE = "[chỉ có ở hồ sơ đang xem]"
COMPARE_ONLY_OTHER = "[chỉ có ở hồ sơ giống]"
COMPARE_HEAD = "{code}: {level} (độ giống {score}) · Trạng thái: {status}"
COMPARE_HIDDEN = (
    "Hồ sơ này thuộc Hội đồng khác: anh/chị chỉ xem được mã, mức giống và trạng thái."
)
COMPARE_OPEN = "Mở hồ sơ {code}"
COMPARE_CAPTION = "So sánh từng mục với {code}"
COMPARE_FIELD = "Mục"
COMPARE_TITLE = "Tên"
COMPARE_MINE = "Hồ sơ đang xem ({code})"
COMPARE_OTHER = "Hồ sơ giống ({code})"
COMPARE_IMPORTED = "đã có trong danh sách các năm trước"
CHECKLIST_TITLE = "Danh mục kiểm tra chất lượng"
CHECKLIST_SUMMARY = (
    "Đạt {passed}/{total} mục (kiểm tra tự động theo nội dung tác giả đã gửi, tính đến ngày "
    "gửi; Hội đồng vẫn đánh giá theo hồ sơ)."
)
CHECK_PASSED = "Đạt"
CHECK_FAILED = "Chưa đạt"
# rule of bot.quality → (what is checked, what a failure means for the council)
QUALITY_RULES = {
    "title_states_solution": (
        "Tên nêu rõ giải pháp",
        "Tên quá ngắn, quá dài, viết hoa toàn bộ hoặc giống khẩu hiệu: chưa cho thấy bản chất "
        "của giải pháp.",
    ),
    "known_solution_described": (
        "Mô tả giải pháp đã biết",
        "Chưa mô tả, hoặc mô tả quá sơ sài, cách làm trước đây và hạn chế của nó, nên khó "
        "đánh giá tính mới.",
    ),
    "solution_described": (
        "Mô tả nội dung giải pháp",
        "Nội dung giải pháp quá ngắn hoặc chỉ là chữ điền tạm: chưa rõ các bước thực hiện.",
    ),
    "novelty_described": (
        "Nêu điểm mới",
        "Chưa nêu điểm mới so với cách làm trước đây (điều kiện về tính mới của sáng kiến).",
    ),
    "new_differs_from_known": (
        "Giải pháp mới khác giải pháp đã biết",
        "Phần giải pháp mới gần như trùng phần giải pháp đã biết, hoặc thiếu một trong hai "
        "phần để so sánh.",
    ),
    "first_applied_on_valid": (
        "Đã áp dụng hoặc áp dụng thử (ngày áp dụng lần đầu)",
        "Không có ngày, ngày không đọc được, sau ngày gửi hoặc quá xa: chưa có căn cứ sáng "
        "kiến đã được áp dụng hoặc áp dụng thử, là điều kiện bắt buộc để công nhận.",
    ),
    "benefits_measurable": (
        "Hiệu quả có số liệu đo được",
        "Phần hiệu quả, lợi ích không có con số (thời gian, số hồ sơ, chi phí, tỷ lệ sai "
        "sót…) hoặc quá ngắn, nên khó đánh giá hiệu quả.",
    ),
    "conditions_described": (
        "Điều kiện cần thiết để áp dụng",
        "Chưa nêu, hoặc nêu quá sơ sài, điều kiện (thiết bị, phần mềm, kinh phí, nhân lực) "
        "để nơi khác áp dụng.",
    ),
    "applicability_described": (
        "Khả năng áp dụng",
        "Chưa nêu đã áp dụng ở đâu và nơi nào khác có thể áp dụng, nên khó đánh giá khả năng "
        "nhân rộng.",
    ),
    "shares_total_100": (
        "Tỷ lệ đóng góp của các tác giả đủ 100%",
        "Thiếu tỷ lệ đóng góp, có tỷ lệ không đọc được, hoặc tổng các tỷ lệ khác 100%.",
    ),
    "problem_described": (
        "Nêu vấn đề hiện nay",
        "Chưa nêu, hoặc nêu quá ngắn, vấn đề đang gặp.",
    ),
    "proposal_described": (
        "Nêu đề xuất",
        "Đề xuất quá ngắn hoặc chỉ là chữ điền tạm: chưa rõ làm gì, ai làm, làm thế nào.",
    ),
    "benefit_concrete": (
        "Lợi ích cụ thể",
        "Lợi ích nêu chung chung (như «hiệu quả cao») hoặc quá ngắn: chưa rõ tiết kiệm được "
        "gì, cho ai.",
    ),
    "proposal_differs_from_problem": (
        "Đề xuất khác phần mô tả vấn đề",
        "Đề xuất gần như lặp lại phần vấn đề, hoặc thiếu một trong hai phần.",
    ),
}

ENTRY_BACK = "Quay lại danh sách"
ENTRY_AUTHOR = "Tác giả"
ENTRY_CONTENT = "Nội dung như tác giả đã viết"
ENTRY_FILES = "Tệp đính kèm và hồ sơ in"
ENTRY_NO_FILES = "Không có tệp đính kèm."
FILE_PENDING = "(đang tải về máy chủ)"
DOSSIER = {
    "application.docx": "Đơn yêu cầu công nhận (.docx)",
    "report.docx": "Báo cáo mô tả (.docx)",
}
ENTRY_HISTORY = "Lịch sử xử lý"
# The earlier entries shown to the author as like this one, with the level stored with each.
ENTRY_SIMILAR = "Sáng kiến, hiến kế đã có gần giống"
ENTRY_SIMILAR_LINE = "{code} – {title}"
ENTRY_SIMILAR_SOURCE = "{agency}, năm {year}"
HISTORY_COLUMNS = ("Thời điểm", "Trạng thái", "Người thực hiện", "Ghi chú")
CHANGE_TITLE = "Chuyển trạng thái"
CHANGE_TO = "Trạng thái mới"
CHANGE_NOTE = "Ghi chú gửi tác giả (bắt buộc khi không công nhận, chưa tiếp thu)"
CHANGE_BUTTON = "Chuyển trạng thái và báo tác giả"
NO_ACTIONS = "Hồ sơ ở trạng thái này không còn thao tác nào."
REVISION_TITLE = "Yêu cầu sửa đổi, bổ sung"
REVISION_NOTE = "Nội dung cần sửa đổi, bổ sung (gửi tác giả)"
REVISION_BUTTON = "Gửi yêu cầu bổ sung"
CHANGED = "Đã chuyển {code} sang «{label}». Tác giả đã được báo trong kênh của mình."
REFUSED = "Chưa chuyển được trạng thái: {reason}"
LABEL_AUTHOR = {"name": "Họ và tên", "agency": "Nơi công tác", "position": "Chức danh"}

# ---- scoring by criteria ----
SCORE_TITLE = "Chấm điểm theo tiêu chí ({level})"
SCORE_RANGE = "{label} (0–{max} điểm)"
SCORE_COMMENT = "Nhận xét (không bắt buộc)"
SCORE_BUTTON = "Gửi phiếu chấm điểm"
SCORE_HIDDEN = (
    "Đã có {count} thành viên chấm. Điểm của các thành viên khác hiện sau khi anh/chị gửi "
    "phiếu của mình; phiếu đã gửi không sửa được."
)
SCORE_NONE = (
    "Chưa có thành viên nào chấm. Phiếu đã gửi không sửa được; điểm của các thành viên khác "
    "hiện sau khi anh/chị gửi phiếu của mình."
)
SCORE_OWN_ENTRY = "Anh/chị là tác giả hoặc đồng tác giả của hồ sơ này nên không chấm điểm."
SCORE_CLOSED = "Hồ sơ ở trạng thái này không chấm điểm."
SCORE_SAVED = "Đã ghi nhận phiếu chấm điểm của anh/chị."
SCORE_TWICE = "Anh/chị đã gửi phiếu chấm điểm cho hồ sơ này; phiếu đã gửi không sửa được."
SCORE_BAD = "Điểm «{label}» phải là số nguyên từ 0 đến {max}."
SCORE_TABLE = "Phiếu chấm của các thành viên"
SCORE_MEMBER = "Thành viên"
SCORE_TOTAL = "Tổng"
SCORE_SUMMARY = (
    "{count} phiếu; điểm trung bình {average}; chênh lệch cao nhất – thấp nhất {spread} điểm. "
    "Đề xuất: {proposal} (ngưỡng {threshold} điểm; Chủ tịch Hội đồng quyết định)."
)
PROPOSALS = {True: "công nhận", False: "không công nhận"}

# ---- dashboard ----
DASHBOARD_LINK = "Thống kê"
DASHBOARD_TITLE = "Thống kê hồ sơ"
DASHBOARD_INTRO = (
    "Số liệu trong phạm vi Hội đồng của anh/chị. Mỗi biểu đồ có bảng số liệu bên cạnh và "
    "tệp CSV tải về."
)
DASHBOARD_CSV = "Tải số liệu (CSV)"
DASHBOARD_EMPTY = "Chưa có số liệu."
DASHBOARD_MEDIAN = (
    "Thời gian trung vị từ khi gửi đến khi có quyết định: {days} ngày ({count} hồ sơ đã có "
    "quyết định)."
)
DASHBOARD_NO_DECISION = "Chưa có hồ sơ nào được quyết định."
# chart key → (title, first column, description for screen readers)
CHARTS = {
    "thang": ("Hồ sơ theo tháng gửi", "Tháng", "Số hồ sơ gửi trong mỗi tháng"),
    "donvi": ("Hồ sơ theo đơn vị", "Đơn vị", "Số hồ sơ của mỗi đơn vị, nhiều nhất trước"),
    "linhvuc": ("Hồ sơ theo lĩnh vực", "Lĩnh vực", "Số hồ sơ của mỗi lĩnh vực, nhiều nhất trước"),
    "trangthai": ("Hồ sơ theo trạng thái", "Trạng thái", "Số hồ sơ ở mỗi trạng thái xử lý"),
    "dangxem": (
        "Hồ sơ đang xem xét theo người xử lý",
        "Người đưa vào xem xét",
        "Số hồ sơ còn ở trạng thái Đang xem xét, theo người đã chuyển sang trạng thái này",
    ),
}
COUNT_COLUMN = "Số hồ sơ"

# ---- council papers ----
SCORE_SHEET = "Tải phiếu đánh giá của anh/chị (.docx)"
RESULTS_LINK = "Tải danh sách kết quả chấm điểm (.xlsx)"
RESULTS_FILE = "ket-qua-cham-diem.xlsx"
RESULTS_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên sáng kiến",
    "Đơn vị",
    "Trạng thái",
    "Cấp xét",
    "Thành viên chấm",
    "Tổng điểm",
    "Nhận xét",
    "Điểm trung bình của hồ sơ",
    "Đề xuất",
)

# ---- the chair confirms the council's decision ----
CONFIRM_TITLE = "Xác nhận quyết định của Hội đồng"
CONFIRM_CHAIR = "Chủ tịch Hội đồng: {chair}."
CONFIRM_NO_CHAIR = (
    "Hội đồng xét hồ sơ này chưa có Chủ tịch. Quản trị viên chỉ định Chủ tịch trong cấu hình "
    "hoặc bằng lệnh sangkien councils."
)
CONFIRM_PROGRESS = "Đã có {scored}/{expected} thành viên chấm điểm."
CONFIRM_WAIT = "Chủ tịch Hội đồng xác nhận quyết định sau khi các thành viên chấm điểm."
CONFIRM_SCORE_FIRST = (
    "Anh/chị gửi phiếu chấm điểm của mình trước; sau đó mới xem được điểm của các thành viên "
    "và xác nhận quyết định."
)
CONFIRM_NO_SCORES = "Chưa có phiếu chấm điểm nào nên chưa xác nhận được quyết định."
CONFIRM_PROPOSAL = "Đề xuất theo điểm trung bình ({average} điểm): {decision}."
CONFIRM_DECISION = "Quyết định"
CONFIRM_KEEP = "{label} (theo đề xuất)"
CONFIRM_OVERRIDE = "{label} (khác đề xuất)"
CONFIRM_NOTE = "Ý kiến của Chủ tịch Hội đồng (gửi tác giả; bắt buộc khi khác đề xuất hoặc không công nhận)"
CONFIRM_EARLY = "Tôi xác nhận khi chưa đủ phiếu của các thành viên"
CONFIRM_EARLY_WARNING = (
    "Lưu ý: mới có {scored}/{expected} thành viên chấm điểm; còn thiếu phiếu của: {missing}."
)
CONFIRM_AS_ADMIN = "Tôi là quản trị viên, xác nhận thay Chủ tịch Hội đồng"
CONFIRM_BUTTON = "Xác nhận quyết định và báo tác giả"
CONFIRMED = "Đã xác nhận quyết định «{label}» cho {code}. Tác giả đã được báo trong kênh của mình."
CONFIRM_DONE = "{who} đã xác nhận «{label}» lúc {at} ({match})."
CONFIRM_MATCH = {True: "theo đề xuất", False: "khác đề xuất"}
CONFIRM_ACTING = {"chair": "Chủ tịch Hội đồng {principal}", "admin": "Quản trị viên {principal}"}
# why a confirmation is refused
CONFIRM_NOT_CHAIR = (
    "Chỉ Chủ tịch Hội đồng xét hồ sơ này (hoặc quản trị viên xác nhận thay) mới xác nhận được "
    "quyết định."
)
CONFIRM_ADMIN_EXPLICIT = (
    "Anh/chị không phải Chủ tịch Hội đồng xét hồ sơ này. Nếu xác nhận thay với tư cách quản trị "
    "viên, anh/chị đánh dấu ô «Tôi là quản trị viên, xác nhận thay Chủ tịch Hội đồng»."
)
CONFIRM_OWN_ENTRY = "Anh/chị là tác giả hoặc đồng tác giả của hồ sơ này nên không xác nhận quyết định."
CONFIRM_BAD_DECISION = "Quyết định phải là một trong hai: {options}."
CONFIRM_OVERRIDE_NOTE = "Khi quyết định khác đề xuất theo điểm, anh/chị ghi rõ lý do."
CONFIRM_EARLY_NEEDED = (
    "Mới có {scored}/{expected} thành viên chấm điểm. Nếu vẫn xác nhận, anh/chị đánh dấu ô "
    "«Tôi xác nhận khi chưa đủ phiếu của các thành viên»."
)
CONFIRM_REFUSED = "Chưa xác nhận được quyết định: {reason}"

# ---- «Biên bản họp Hội đồng sáng kiến» ----
MINUTES_LINK = "Tải biên bản họp Hội đồng (.docx)"
MINUTES_DATE = "Ngày họp (để trống là hôm nay)"
MINUTES_DATE_HINT = "ngày/tháng/năm"
MINUTES_BAD_DATE = "Ngày họp chưa đúng. Anh/chị nhập theo dạng ngày/tháng/năm, ví dụ 04/12/2026."
DOCUMENT_BUSY = "Tài liệu đang được tạo. Anh/chị vui lòng đợi vài giây rồi tải lại."
MINUTES_BUTTON = "Tải biên bản họp"
MINUTES_FILE = "bien-ban-hop-hoi-dong-{date}.docx"
# who set the decision, after its label in the minutes (a reviewer's change has no suffix)
MINUTES_BY = {
    "chair": " (Chủ tịch Hội đồng xác nhận)",
    "admin": " (quản trị viên xác nhận thay Chủ tịch Hội đồng)",
}

# ---- administration (admins only): roles, councils, API tokens, announcements ----
NAV = "Điều hướng chính"
NAV_QUEUE = "Hồ sơ"
NAV_ADMIN = "Quản trị"
ADMIN_NAV = "Các mục quản trị"
ADMIN_ONLY = "Trang này chỉ dành cho quản trị viên."
ADMIN_TITLE = "Quản trị"
ADMIN_INTRO = (
    "Mọi thao tác ở đây có cùng quy tắc với dòng lệnh sangkien và được ghi vào nhật ký quản "
    "trị, kèm người thực hiện."
)
ADMIN_PAGES = {
    "vaitro": "Vai trò",
    "hoidong": "Hội đồng",
    "ma-api": "Mã truy cập API",
    "thongbao": "Thông báo",
    "nhatky": "Nhật ký quản trị",
}
ACCOUNT = "Tài khoản (KÊNH:SỐ, ví dụ telegram:123456789 hoặc zalo:123456)"
ACCOUNT_HINT = "Nhóm Telegram có số âm, ví dụ telegram:-1001234567890."
ROLE = "Vai trò"
ROLE_LABELS = {"reviewer": "Người đánh giá", "admin": "Quản trị viên"}
ACTIONS = "Thao tác"

ROLES_TITLE = "Vai trò người đánh giá và quản trị viên"
ROLES_TABLE = "Người đang có vai trò"
ROLES_COLUMNS = ("Vai trò", "Tài khoản", "Nguồn", "Thao tác")
ROLE_FROM_CONFIG = "Tệp cấu hình (sửa trong tệp)"
ROLE_GRANTED = "Cấp lúc {at}, bởi {by}"
GRANT_TITLE = "Cấp vai trò"
GRANT_BUTTON = "Cấp vai trò"
REVOKE_BUTTON = "Thu hồi"
REVOKE_ROLE_LABEL = "Thu hồi vai trò {role} của {principal}"
ROLES_EMPTY = "Chưa có ai."

COUNCILS_TITLE = "Hội đồng sáng kiến"
COUNCIL_NEW = "Thêm Hội đồng"
COUNCIL_NAME = "Tên Hội đồng"
COUNCIL_LEVEL = "Cấp"
COUNCIL_UNITS = "Đơn vị thuộc Hội đồng (mỗi dòng một đơn vị; Hội đồng cấp tỉnh để trống)"
COUNCIL_SAVE = "Lưu cấp và đơn vị"
COUNCIL_CREATE = "Thêm Hội đồng"
COUNCIL_MEMBERS = "Thành viên"
COUNCIL_NO_MEMBERS = "Chưa có thành viên."
COUNCIL_NO_UNITS = "Chưa gắn đơn vị."
COUNCIL_FROM_CONFIG = "Khai báo trong tệp cấu hình: sửa trong tệp, không sửa ở đây."
COUNCIL_ADD_MEMBER = "Thêm thành viên"
COUNCIL_ROLE = "Vai trò trong Hội đồng"
COUNCIL_ROLES = {"member": "Thành viên", "chair": "Chủ tịch Hội đồng", "secretary": "Thư ký"}
COUNCIL_MEMBER_ACCOUNT = "Tài khoản thành viên mới của {council}"
COUNCIL_REMOVE_MEMBER_BUTTON = "Bỏ khỏi Hội đồng"
COUNCIL_REMOVE_MEMBER = "Bỏ khỏi Hội đồng: {member}, {council}"
COUNCIL_REMOVE = "Xóa Hội đồng này"
COUNCIL_REMOVE_LABEL = "Xóa Hội đồng này: {council} (các thành viên không còn xem hồ sơ của Hội đồng)"
COUNCILS_EMPTY = "Chưa có Hội đồng nào."

TOKENS_TITLE = "Mã truy cập API theo người"
TOKENS_INTRO = (
    "Mỗi người dùng API có mã riêng; máy chủ chỉ giữ bản băm của mã. Mã chỉ hiện một lần khi "
    "tạo. Thu hồi có hiệu lực ngay."
)
TOKENS_TABLE = "Các mã đã cấp"
TOKENS_COLUMNS = (
    "Số",
    "Tiền tố",
    "Người giữ",
    "Vai trò",
    "Tài khoản",
    "Ngày tạo",
    "Hết hạn",
    "Dùng lần cuối",
    "Trạng thái",
    "Thao tác",
)
TOKEN_STATES = {"active": "đang dùng", "expired": "hết hạn", "revoked": "đã thu hồi"}
TOKEN_NEVER = "không"
TOKEN_NEW = "Tạo mã mới"
TOKEN_NAME = "Họ và tên người giữ mã"
TOKEN_ACCOUNT = "Tài khoản chat của người giữ (không bắt buộc)"
TOKEN_DAYS = "Số ngày hiệu lực (để trống: không hết hạn)"
TOKEN_CREATE = "Tạo mã"
TOKEN_REVOKE_LABEL = "Thu hồi mã {prefix} của {name}"
TOKEN_SECRET = "Mã truy cập mới (chỉ hiện lần này)"
TOKEN_SECRET_NOTE = (
    "Anh/chị sao chép mã và trao cho người giữ ngay. Máy chủ không lưu mã này nên không xem "
    "lại được; nếu làm mất, anh/chị thu hồi và tạo mã mới."
)
TOKENS_EMPTY = "Chưa có mã nào."

BROADCASTS_TITLE = "Thông báo gửi người dùng"
BROADCAST_NEW = "Soạn thông báo"
BROADCAST_TEXT = "Nội dung thông báo (tối đa {limit} ký tự; xưng hô «quý vị»)"
BROADCAST_UNITS = "Chỉ gửi các đơn vị sau (mỗi dòng một đơn vị; để trống: gửi mọi người)"
BROADCAST_CHANNELS = "Kênh gửi (không chọn: mọi kênh)"
CHANNEL_LABELS = {"telegram": "Telegram", "zalo": "Zalo", "web": "Trò chuyện trên web"}
BROADCAST_AT = "Thời điểm gửi, giờ Việt Nam (để trống: gửi ngay)"
BROADCAST_QUIET = "Trong khung giờ nghỉ ({quiet}), thông báo chờ đến hết giờ nghỉ."
BROADCAST_CREATE = "Lên lịch gửi thông báo"
BROADCASTS_TABLE = "Thông báo gần đây"
BROADCASTS_COLUMNS = ("Số", "Nội dung", "Người nhận", "Gửi lúc", "Trạng thái", "Kết quả", "Thao tác")
BROADCAST_EVERYONE = "Mọi người"
BROADCAST_COUNTS = "đã gửi {sent}/{total}"
BROADCAST_EXPECTED = "dự kiến {count} người nhận"
BROADCAST_CANCEL_LABEL = "Hủy thông báo số {id}"
BROADCAST_CANCEL = "Hủy"
BROADCASTS_EMPTY = "Chưa có thông báo nào."

AUDIT_TITLE = "Nhật ký quản trị"
AUDIT_COLUMNS = ("Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Chi tiết")
AUDIT_EMPTY = "Chưa có thao tác nào."
AUDIT_ACTIONS = {
    "role.grant": "Cấp vai trò",
    "role.revoke": "Thu hồi vai trò",
    "council.create": "Thêm Hội đồng",
    "council.update": "Sửa cấp, đơn vị của Hội đồng",
    "council.remove": "Xóa Hội đồng",
    "council.member_add": "Thêm thành viên Hội đồng",
    "council.member_remove": "Bỏ thành viên Hội đồng",
    "token.create": "Tạo mã API",
    "token.revoke": "Thu hồi mã API",
    "broadcast.create": "Lên lịch thông báo",
    "broadcast.cancel": "Hủy thông báo",
}

# after a change (the address carries only the key, never a name or an account)
ADMIN_DONE = {
    "cap": "Đã cấp vai trò.",
    "thuhoi": "Đã thu hồi vai trò.",
    "khongdoi": "Không có gì thay đổi: người này đã có (hoặc không có) vai trò đó.",
    "trongtep": (
        "Không thu hồi được vai trò khai báo trong tệp cấu hình; anh/chị sửa mục [roles] của tệp."
    ),
    "hoidong": "Đã lưu Hội đồng.",
    "thanhvien": "Đã thêm thành viên.",
    "cothanhvien": "Người này đã là thành viên của Hội đồng.",
    "bothanhvien": "Đã bỏ thành viên khỏi Hội đồng.",
    "xoahoidong": "Đã xóa Hội đồng.",
    "khongthay": "Không tìm thấy Hội đồng hoặc thành viên đó.",
    "thuhoima": "Đã thu hồi mã; mã này không còn dùng được.",
    "khongma": "Không tìm thấy mã đó.",
    "thongbao": "Đã lên lịch thông báo số {id}; gửi từ {starts}.",
    "huy": "Đã hủy thông báo; những tin chưa gửi sẽ không gửi nữa.",
    "khonghuy": "Thông báo này đã gửi xong hoặc đã hủy nên không hủy được.",
}
# why an admin action was refused (bot.errors.AdminRefused codes)
ADMIN_REFUSED = {
    "principal": "Tài khoản «{value}» chưa đúng dạng KÊNH:SỐ, ví dụ telegram:123456789.",
    "role": "Vai trò chỉ có thể là người đánh giá hoặc quản trị viên.",
    "last_admin": (
        "Không thu hồi được: đây là quản trị viên cuối cùng. Anh/chị cấp quyền quản trị cho "
        "người khác trước."
    ),
    "council_name": "Tên Hội đồng cần từ 1 đến 200 ký tự.",
    "council_role": "Vai trò trong Hội đồng là thành viên, Chủ tịch hoặc Thư ký.",
    "unit": "Tên đơn vị dài quá 200 ký tự.",
    "level": "Cấp của Hội đồng là cấp cơ sở hoặc cấp tỉnh.",
    "token_name": "Họ và tên người giữ mã cần từ 1 đến 80 ký tự.",
    "expires": "Số ngày hiệu lực là số nguyên từ 1 đến {max}.",
    "text_empty": "Anh/chị chưa nhập nội dung thông báo.",
    "text_long": "Nội dung dài {length} ký tự, quá giới hạn {limit} ký tự.",
    "channels": "Kênh gửi không hợp lệ.",
    "send_at_zone": "Thời điểm gửi cần có múi giờ.",
    "bad_time": "Thời điểm gửi chưa đúng dạng ngày giờ.",
}
AUDIT_DETAIL = {
    "role": "vai trò",
    "level": "cấp",
    "units": "đơn vị",
    "member": "thành viên",
    "council_role": "vai trò trong Hội đồng",
    "expires_days": "số ngày hiệu lực",
    "agencies": "đơn vị nhận",
    "channels": "kênh",
    "send_at": "gửi lúc",
}
ADMIN_TOKEN_CREATED = "Đã tạo mã {prefix} cho {name}."
