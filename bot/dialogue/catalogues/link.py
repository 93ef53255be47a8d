"""Vietnamese text of account linking (/lienket): the code, the outcome and the refusals."""

from __future__ import annotations

CODE_ISSUED = (
    "Mã liên kết tài khoản của anh/chị: {code}\n"
    "Mã dùng một lần, có hiệu lực trong {minutes} phút. Anh/chị không chia sẻ mã này "
    "cho người khác.\n"
    "Trên kênh còn lại, gửi: /lienket {code}"
)
NEED_PROFILE = (
    "Để tạo mã liên kết, anh/chị cần hoàn tất thông tin cá nhân trên kênh này trước. Nếu anh/chị đã "
    "dùng Trợ lý Sáng kiến trên kênh khác, anh/chị gửi /lienket ở kênh đó để lấy mã, rồi "
    "gửi /lienket kèm mã ở đây."
)
PRIVATE_ONLY = (
    "Vì an toàn, mã liên kết chỉ được gửi trong cuộc trò chuyện riêng giữa anh/chị và "
    "Trợ lý Sáng kiến. Anh/chị vui lòng nhắn /lienket cho Trợ lý ở đó."
)
BAD_FORMAT = "Mã liên kết gồm 6 chữ số, ví dụ: /lienket 123456. Anh/chị vui lòng kiểm tra lại."
INVALID = "Mã liên kết không đúng, đã hết hạn hoặc đã được dùng."
TRIES_LEFT = (
    "Anh/chị gửi /lienket ở kênh còn lại để lấy mã mới. Anh/chị còn {left} lần thử trong giờ này."
)
TOO_MANY = (
    "Để bảo vệ tài khoản, Trợ lý tạm dừng nhận mã liên kết vì đã có {limit} lần nhập sai "
    "trong một giờ. Anh/chị vui lòng thử lại sau {minutes} phút."
)
SAME_PERSON = (
    "Tài khoản này đã là của anh/chị nên không cần liên kết. Mã liên kết chỉ dùng "
    "ở kênh còn lại."
)
DRAFT_OPEN = (
    "Anh/chị đang soạn dở một {kind} trên kênh này. Anh/chị vui lòng gửi xong hoặc gõ /huy "
    "để hủy bản nháp, rồi gửi lại /lienket {code}."
)
LINKED = (
    "Đã liên kết tài khoản. Từ nay anh/chị {name} dùng chung một thông tin cá nhân trên các kênh; "
    "các sáng kiến, hiến kế đã gửi ở mọi kênh đều xem được bằng lệnh /trangthai."
)
LINKED_ELSEWHERE = (
    "Tài khoản {channel} vừa được liên kết với tài khoản của anh/chị trên Trợ lý Sáng kiến. "
    "Nếu không phải anh/chị thực hiện, anh/chị vui lòng báo ngay cho Sở Khoa học và "
    "Công nghệ."
)
START_HINT = "Nếu anh/chị chưa dùng Trợ lý Sáng kiến ở kênh nào, gõ /start để bắt đầu."
ASK_OWNER = (
    "Tài khoản {channel} vừa nhập đúng mã liên kết của anh/chị và muốn liên kết với tài khoản "
    "này. Nếu đồng ý, tài khoản đó sẽ xem được thông tin cá nhân và các sáng kiến, hiến kế "
    "của anh/chị. Đồng ý?"
)
ACCEPT, DECLINE = "Đồng ý", "Từ chối"
WAIT_OWNER = (
    "Mã liên kết đúng. Trợ lý đã hỏi chủ tài khoản trên kênh {channel}; khi chủ tài khoản "
    "chọn «Đồng ý», hai tài khoản sẽ được liên kết và anh/chị sẽ nhận được thông báo. Nếu "
    "chưa được đồng ý trong {minutes} phút, yêu cầu tự hết hiệu lực và không có gì thay đổi."
)
REQUEST_EXPIRED = (
    "Yêu cầu liên kết đã hết hạn trước khi chủ tài khoản đồng ý nên hai tài khoản vẫn tách "
    "riêng. Nếu cần, anh/chị vui lòng lấy mã mới bằng /lienket ở kênh đó."
)
DECLINED = (
    "Chủ tài khoản đã từ chối liên kết nên hai tài khoản vẫn tách riêng. Nếu cần, anh/chị "
    "vui lòng liên hệ chủ tài khoản hoặc lấy mã mới bằng /lienket ở kênh đó."
)
OWNER_ACCEPTED = "Đã liên kết tài khoản {channel} với tài khoản này."
OWNER_DECLINED = (
    "Đã từ chối. Tài khoản {channel} không được liên kết. Nếu anh/chị không gửi mã cho ai, "
    "anh/chị nên báo cho Sở Khoa học và Công nghệ."
)
ANSWER_EXPIRED = "Yêu cầu liên kết này đã hết hạn hoặc đã được trả lời; không có gì thay đổi."
SLOW_DOWN = (
    "Để bảo vệ tài khoản, Trợ lý tạm dừng nhận mã liên kết vì có nhiều lần nhập sai. "
    "Anh/chị vui lòng thử lại sau {minutes} phút."
)
ASK_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "web": "trên trang web"}
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "web": "trên trang web"}
