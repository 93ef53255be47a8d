"""Vietnamese text of the one-time profile and of /hoso (view and change the profile)."""

from __future__ import annotations

from bot.dialogue.steps import StepText

NAME = StepText(
    question="Họ và tên đầy đủ của anh/chị là gì?",
    guidance="Ghi đủ họ, tên đệm và tên, có dấu.",
    example="Nguyễn Thị Minh Anh",
)
AGENCY = StepText(
    question="Anh/chị công tác ở cơ quan, đơn vị nào?",
    guidance="Gõ một phần tên để tìm, ví dụ: y tế, Cẩm Thành, Lý Sơn.",
    example="Gõ «khoa học» để tìm Sở Khoa học và Công nghệ.",
)
AGENCY_OTHER = StepText(
    question="Anh/chị ghi tên đầy đủ của cơ quan, đơn vị công tác.",
    guidance="Ghi tên đầy đủ, không viết tắt.",
    example="Trạm Y tế phường Cẩm Thành",
)
POSITION = StepText(
    question="Chức vụ hoặc vị trí công tác của anh/chị là gì?",
    guidance="Ví dụ: Chuyên viên, Phó Trưởng phòng, Giáo viên, Bác sĩ.",
    example="Chuyên viên Phòng Văn hóa - Xã hội",
)
PHONE = StepText(
    question="Số điện thoại di động của anh/chị?",
    guidance="Để cán bộ tiếp nhận liên hệ khi cần. Không muốn cung cấp thì chọn «Bỏ qua».",
    example="0912345678",
)

UNIT_OTHER = "Tự nhập tên đơn vị"
UNIT_FOUND = "Anh/chị chọn đúng đơn vị trong danh sách:"
UNIT_FOUND_MORE = (
    "Có {total} đơn vị phù hợp, dưới đây là {shown} đơn vị đầu. Gõ thêm chữ để thu hẹp."
)
UNIT_NONE = (
    "Trợ lý không tìm thấy đơn vị nào khớp với «{query}». Anh/chị gõ lại một phần tên khác, "
    "hoặc chọn «Tự nhập tên đơn vị»."
)
UNIT_QUERY_SHORT = "Anh/chị gõ ít nhất 2 chữ cái của tên đơn vị."

HOSO_PICK = StepText(
    question=(
        "Thông tin cá nhân của anh/chị:\n{profile_summary}\nAnh/chị muốn sửa mục nào? "
        "Chọn «Xong» nếu không sửa."
    ),
)
HOSO_LINES = {
    "name": "Họ tên",
    "agency": "Đơn vị",
    "position": "Chức vụ",
    "phone": "Số điện thoại",
}
HOSO_EMPTY_VALUE = "(chưa có)"
HOSO_EDIT = {
    "name": "Sửa họ tên",
    "agency": "Sửa đơn vị",
    "position": "Sửa chức vụ",
    "phone": "Sửa số điện thoại",
}
HOSO_SAVED = "Đã cập nhật thông tin cá nhân."
HOSO_DONE = "Thông tin cá nhân đã được lưu."
