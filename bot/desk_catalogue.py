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
MINUTES_DATE = "Ngày họp"
MINUTES_BUTTON = "Tải biên bản họp"
MINUTES_FILE = "bien-ban-hop-hoi-dong-{date}.docx"
