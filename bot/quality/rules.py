"""Quality-check thresholds and word lists: the data the rules read, in one place."""

from __future__ import annotations

from datetime import date


def _phrases(text: str) -> tuple[str, ...]:
    # One phrase per line reads better than a long literal list; blank lines are ignored.
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


# Distinct meaningful syllables a field needs (Vietnamese words are mostly two syllables).
MIN_SYLLABLES: dict[str, int] = {
    "known_solution": 12,
    "solution": 20,
    "novelty": 10,
    "benefits": 8,
    "conditions": 8,
    "applicability": 10,
    "problem": 8,
    "proposal": 8,
    "benefit": 5,  # hiến kế: a concrete effect once vague praise is removed
}

TITLE_MIN_WORDS = 6
TITLE_MAX_WORDS = 50
TITLE_MIN_CONCRETE = 3  # syllables left once stop-words, slogan and action words are removed
ALL_CAPS_RATIO = 0.8  # share of upper-case letters that makes a title "shouting"
ALL_CAPS_MIN_LETTERS = 10

FIGURE_MIN_CONCRETE = 3  # syllables besides praise around a figure ("rất hiệu quả 100%" fails)

COPY_SIMILARITY = 0.7  # token-set Jaccard at or above which one field copies another
TITLE_COVERAGE = 0.6  # share of a text's words taken from the title that makes it a copy
REPETITION_FACTOR = 2.0  # words per distinct word at or above which a text just repeats
REPETITION_MIN_WORDS = 6
FOREIGN_RATIO = 0.5  # share of non-Vietnamese syllables that makes a text foreign/filler
FOREIGN_MIN_WORDS = 4
NOISE_LETTER_RATIO = 0.5  # below this share of letters a text is symbols or emoji
RUN_LENGTH = 3  # a token of one character repeated this often ("aaaa", "…") is not a word

SHARE_TOTAL = 100.0
SHARE_TOLERANCE = 0.15  # three authors at 33,3% make 99,9%; 99,5% is a mistake
EARLIEST_APPLICATION = date(1975, 1, 1)

# Openers of titles written "theo phong trào": they need a means ("bằng", "qua"…) after them.
SLOGAN_OPENERS = _phrases(
    """
    một số giải pháp
    một số biện pháp
    giải pháp
    biện pháp
    nâng cao
    tăng cường
    đẩy mạnh
    đổi mới
    góp phần
    """
)
MEANS_MARKERS = _phrases(
    """
    bằng
    qua
    thông qua
    nhờ
    ứng dụng
    sử dụng
    áp dụng
    dùng
    """
)
# Words that praise without informing; removed before looking for concrete content.
VAGUE_WORDS = _phrases(
    """
    một số
    giải pháp
    biện pháp
    nâng cao
    tăng cường
    đẩy mạnh
    đổi mới
    sáng tạo
    hiệu quả
    chất lượng
    công tác
    góp phần
    phục vụ
    nhân dân
    tốt hơn
    tốt
    cao
    rất
    thiết thực
    tích cực
    đáng kể
    rõ rệt
    to lớn
    hơn
    nhiều
    mang lại
    đem lại
    """
)
# Verbs that name an action: a title needs one to state a solution rather than a wish.
ACTION_WORDS = _phrases(
    """
    ứng dụng
    sử dụng
    dùng
    áp dụng
    xây dựng
    lập
    thiết lập
    thành lập
    tổ chức
    niêm yết
    số hóa
    tái sử dụng
    gộp
    hợp nhất
    phân luồng
    hẹn
    hướng dẫn
    triển khai
    thiết kế
    chế tạo
    cải tiến
    cải tạo
    tích hợp
    kết nối
    tự động
    chuẩn hóa
    rút gọn
    rút ngắn
    thay
    thay thế
    chuyển
    đưa
    lắp
    gắn
    dán
    in
    gửi
    nhắc
    cảnh báo
    theo dõi
    giám sát
    quản lý
    tra cứu
    thanh toán
    ký số
    trồng
    nuôi
    ủ
    phun
    xử lý
    bảo quản
    tiêm
    khám
    dạy
    phụ đạo
    tập huấn
    bồi dưỡng
    mở
    bố trí
    sắp xếp
    phân loại
    đánh giá
    khảo sát
    tuyên truyền
    vận động
    kiểm tra
    nhập
    tạo
    soạn
    kết hợp
    lồng ghép
    đăng ký
    cấp
    tiếp nhận
    hỗ trợ
    phối hợp
    thu
    chi trả
    công khai
    phát hiện
    cài đặt
    đo
    chấm
    lưu trữ
    """
)
# Units after a number that make a benefit measurable: "30 phút", "2 triệu đồng", "15%".
UNITS = _phrases(
    """
    %
    phần trăm
    giây
    phút
    giờ
    tiếng
    ngày
    tuần
    tháng
    năm
    đồng
    đ
    vnđ
    nghìn
    ngàn
    triệu
    tỷ
    tỉ
    hồ sơ
    lượt
    người
    hộ
    học sinh
    bệnh nhân
    người bệnh
    lần
    bộ
    bản
    trang
    tờ
    văn bản
    báo cáo
    thủ tục
    km
    m
    m2
    m²
    m3
    ha
    kg
    tấn
    tạ
    lít
    kwh
    máy
    xe
    chuyến
    cuộc
    buổi
    ca
    mẫu
    phiếu
    tin nhắn
    cuộc gọi
    sản phẩm
    con
    cây
    tàu
    đơn vị
    điểm
    """
)
# Placeholder Latin pasted into forms.
LOREM_WORDS = frozenset(
    _phrases(
        """
        lorem
        ipsum
        dolor
        amet
        consectetur
        adipiscing
        elit
        eiusmod
        tempor
        incididunt
        labore
        dolore
        magna
        aliqua
        """
    )
)
