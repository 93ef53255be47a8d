"""Vietnamese text of reviewing: refusals, reviewer replies, and what authors are told."""

from __future__ import annotations

from bot.dialogue.catalogues.common import STATUS_LABELS

__all__ = ["STATUS_LABELS"]

KIND_NAMES = {"sang_kien": "sáng kiến", "hien_ke": "hiến kế"}
KIND_TITLES = {"sang_kien": "Sáng kiến", "hien_ke": "Hiến kế"}

# ---- why a change is refused (chat and API) ----
UNKNOWN_STATUS = "không có trạng thái «{status}»."
SAME_STATUS = "hồ sơ đã ở trạng thái «{status}»."
SYSTEM_ONLY = {
    "forwarded": "trạng thái «Đã chuyển Hội đồng» do hệ thống đặt khi gửi bản tổng hợp.",
    "submitted": "chỉ tác giả gửi lại hồ sơ sau khi bổ sung mới đưa về «Đã tiếp nhận».",
}
WRONG_KIND = "trạng thái «{status}» không áp dụng cho {kind}."
ILLEGAL = "không thể chuyển từ «{current}» sang «{target}»."
NOTE_REQUIRED = "trạng thái «{status}» cần kèm ghi chú nêu rõ lý do."
PROVINCIAL_FIRST = (
    "chỉ xét công nhận hiệu quả và phạm vi ảnh hưởng cấp tỉnh sau khi sáng kiến đã được "
    "công nhận ở cấp cơ sở (trạng thái hiện tại: «{current}»)."
)

# ---- reviewer actions: typed verb → status; the button labels ----
ACTION_LABELS = {
    "under_review": "Nhận xem xét",
    "needs_revision": "Yêu cầu sửa đổi, bổ sung",
    "recognized": "Công nhận (cấp cơ sở)",
    "not_recognized": "Không công nhận",
    "provincial_review": "Đề nghị xét cấp tỉnh",
    "recognized_provincial": "Công nhận cấp tỉnh",
    "not_recognized_provincial": "Không công nhận cấp tỉnh",
    "adopted": "Tiếp thu",
    "declined": "Chưa tiếp thu",
    "withdrawn": "Ghi nhận tác giả rút",
    "archived": "Lưu trữ",
}
NOTE_WHAT = {
    "needs_revision": "nội dung cần sửa đổi, bổ sung",
    "not_recognized": "lý do không công nhận",
    "not_recognized_provincial": "lý do không công nhận cấp tỉnh",
    "declined": "lý do chưa tiếp thu",
}
CANCEL_LABEL = "Hủy"

# ---- replies to reviewers ----
NOT_A_REVIEWER = (
    "Thao tác này chỉ dành cho thành viên Hội đồng sáng kiến. "
    "Anh/chị gõ /menu để tiếp tục."
)
UNKNOWN_CODE = "Không tìm thấy hồ sơ {code}. Anh/chị kiểm tra lại mã (ví dụ SK-2026-00042)."
REFUSED = "Chưa đổi được trạng thái của {code}: {reason}"
CHANGED = "Đã chuyển {code} sang «{label}». Tác giả đã được thông báo."
ASK_NOTE = (
    "{code} → «{label}»: anh/chị vui lòng nhập {what} (trả lời ngay tin nhắn này). "
    "Gõ /huy để bỏ qua."
)
NOTE_CANCELLED = "Đã bỏ qua thao tác với {code}; trạng thái không đổi."
ENTRY_HEADER = "{code} · {kind} · {label}\n«{title}»"
ENTRY_PICK = "Anh/chị chọn thao tác:"
ENTRY_TYPED = "Anh/chị trả lời bằng một lệnh:"
ENTRY_TYPED_LINE = "• {verb} {code}{note} — {label}"
TYPED_NOTE = " <ghi chú>"
NO_ACTIONS = "Không còn thao tác nào cho hồ sơ ở trạng thái này."
REVIEWER_HELP = (
    "Lệnh dành cho Hội đồng (gõ kèm mã hồ sơ, có dấu hoặc không dấu):\n"
    "• xem SK-2026-00042 — xem các thao tác\n"
    "• xem xét SK-… — nhận xem xét\n"
    "• yêu cầu sửa đổi bổ sung SK-… <nội dung cần sửa đổi, bổ sung>\n"
    "• công nhận SK-… — công nhận sáng kiến ở cấp cơ sở\n"
    "• không công nhận SK-… <lý do>\n"
    "• đề nghị cấp tỉnh SK-… — sáng kiến đã được công nhận cấp cơ sở, đề nghị xét cấp tỉnh\n"
    "• công nhận cấp tỉnh SK-… · không công nhận cấp tỉnh SK-… <lý do>\n"
    "• tiếp thu HK-… · chưa tiếp thu HK-… <lý do>\n"
    "• lưu trữ SK-… — lưu trữ\n"
    "Ví dụ không dấu: congnhan SK-2026-00042. Gõ /hoidong để xem lại danh sách này.\n"
    "Bàn làm việc trên web: nhắn /dangnhap trong cuộc trò chuyện riêng với Trợ lý để nhận "
    "liên kết đăng nhập."
)
RESUBMITTED = (
    "{code} «{title}» đã được tác giả bổ sung và gửi lại (trạng thái: Đã tiếp nhận).\n"
    "Các mục đã sửa: {fields}."
)
NOTHING_CHANGED = "không có mục nào thay đổi"

# ---- what the author is told ----
NOTICE = "{kind} {code} «{title}»\nTrạng thái mới: {label}.\n{meaning}"
NOTICE_NOTE = "Ghi chú của Hội đồng: {note}"
REVISE_BUTTON = "Bổ sung hồ sơ"
MEANINGS = {
    "submitted": "Hồ sơ đã được tiếp nhận lại.",
    "forwarded": "Hồ sơ đã được chuyển tới Hội đồng sáng kiến để xem xét.",
    "under_review": "Hội đồng đang xem xét hồ sơ của anh/chị.",
    "needs_revision": (
        "Hội đồng sáng kiến yêu cầu anh/chị sửa đổi, bổ sung một số nội dung trước khi xem "
        "xét tiếp."
    ),
    "recognized": "Sáng kiến của anh/chị được công nhận ở cấp cơ sở.",
    "provincial_review": (
        "Sáng kiến đã được công nhận cấp cơ sở và được đề nghị xét công nhận hiệu quả áp "
        "dụng, phạm vi ảnh hưởng cấp tỉnh."
    ),
    "recognized_provincial": (
        "Sáng kiến của anh/chị được công nhận hiệu quả áp dụng và phạm vi ảnh hưởng cấp tỉnh."
    ),
    "not_recognized_provincial": (
        "Sáng kiến chưa được công nhận hiệu quả áp dụng và phạm vi ảnh hưởng cấp tỉnh. "
        "Công nhận sáng kiến ở cấp cơ sở vẫn giữ nguyên giá trị."
    ),
    "not_recognized": "Hội đồng sáng kiến không công nhận sáng kiến này.",
    "adopted": "Hiến kế của anh/chị được tiếp thu.",
    "declined": "Hiến kế của anh/chị chưa được tiếp thu ở thời điểm này.",
    "withdrawn": "Hồ sơ được ghi nhận là tác giả rút.",
    "archived": "Hồ sơ đã được lưu trữ.",
}
WAIT = "Anh/chị chưa cần làm gì thêm; Trợ lý Sáng kiến sẽ báo ngay khi có kết quả."
CONGRATULATE = "Xin chúc mừng anh/chị! Quyết định công nhận sẽ được gửi về đơn vị theo quy định."
NEXT_STEPS = {
    "submitted": WAIT,
    "forwarded": WAIT,
    "under_review": WAIT,
    "needs_revision": (
        "Anh/chị bấm «Bổ sung hồ sơ» (hoặc gõ /bosunghoso {code}) để mở lại hồ sơ, sửa các "
        "mục được nêu rồi chọn «Gửi». Mã hồ sơ vẫn là {code}."
    ),
    "recognized": CONGRATULATE,
    "provincial_review": WAIT,
    "recognized_provincial": CONGRATULATE,
    "not_recognized_provincial": (
        "Anh/chị có thể tiếp tục hoàn thiện, mở rộng phạm vi áp dụng để được đề nghị xét "
        "cấp tỉnh ở đợt sau."
    ),
    "not_recognized": (
        "Anh/chị có thể tham khảo lý do trên, hoàn thiện giải pháp và gửi sáng kiến mới "
        "bất cứ lúc nào (gõ /menu)."
    ),
    "adopted": "Cảm ơn anh/chị đã đóng góp; cơ quan có thẩm quyền sẽ nghiên cứu áp dụng.",
    "declined": "Cảm ơn anh/chị đã đóng góp; anh/chị có thể gửi hiến kế mới bất cứ lúc nào.",
    "withdrawn": "Nếu đây là nhầm lẫn, anh/chị vui lòng liên hệ Sở Khoa học và Công nghệ.",
    "archived": "Anh/chị không cần làm gì thêm.",
}
# Zalo has no buttons: the same next step, typed.
NEXT_STEPS_TYPED = {
    "needs_revision": (
        "Anh/chị gõ /bosunghoso {code} để mở lại hồ sơ, sửa các mục được nêu rồi gõ số của "
        "«Gửi» ở bước cuối. Mã hồ sơ vẫn là {code}."
    ),
}
