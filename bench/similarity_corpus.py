"""Deterministic synthetic Vietnamese initiatives for the similarity benchmark."""

from __future__ import annotations

import random
from collections.abc import Iterator


def _words(text: str) -> list[str]:
    return text.split()


# Domain → things an initiative acts on; realistic wording from agencies' lists.
OBJECTS: dict[str, list[str]] = {
    "Cải cách hành chính": [
        "hồ sơ thủ tục hành chính",
        "quy trình tiếp nhận và trả kết quả",
        "kết quả giải quyết TTHC",
        "bộ phận một cửa",
        "phiếu hẹn trả kết quả",
        "thành phần hồ sơ",
        "lịch tiếp công dân",
        "sổ theo dõi hồ sơ",
        "phản ánh kiến nghị của người dân",
        "hồ sơ trễ hạn",
    ],
    "Y tế": [
        "lịch khám bệnh",
        "hồ sơ sức khỏe điện tử",
        "bệnh án điện tử",
        "lịch tiêm chủng",
        "thẻ BHYT",
        "danh sách người bệnh mạn tính",
        "thuốc điều trị ngoại trú",
        "quy trình cấp cứu",
        "phiếu xét nghiệm",
        "sổ theo dõi thai sản",
    ],
    "Giáo dục": [
        "phiếu học tập",
        "bài giảng điện tử",
        "ngân hàng câu hỏi",
        "sổ điểm điện tử",
        "tiết học trải nghiệm",
        "kế hoạch phụ đạo học sinh yếu",
        "thư viện trường",
        "hồ sơ học sinh",
        "lịch thi học kỳ",
        "câu lạc bộ tiếng Anh",
    ],
    "Nông nghiệp": [
        "lịch thời vụ",
        "sâu bệnh trên lúa",
        "rơm rạ sau thu hoạch",
        "giống lúa chịu hạn",
        "vườn cây ăn quả",
        "đàn bò lai",
        "phân bón hữu cơ",
        "nông sản an toàn",
        "kênh mương nội đồng",
        "tem truy xuất nguồn gốc",
    ],
    "Thủy sản": [
        "nhật ký khai thác",
        "tàu cá xa bờ",
        "ao nuôi tôm",
        "lồng nuôi cá biển",
        "thiết bị giám sát hành trình",
        "cá ngừ đại dương",
        "cảng cá",
        "giấy phép khai thác",
    ],
    "Tài chính": [
        "dự toán ngân sách",
        "chứng từ kế toán",
        "công nợ học phí",
        "quyết toán kinh phí",
        "tài sản công",
        "hóa đơn điện tử",
        "nguồn thu phí chợ",
        "số liệu thu chi",
    ],
    "Chuyển đổi số": [
        "văn bản điện tử",
        "chữ ký số",
        "cơ sở dữ liệu dân cư",
        "tài khoản định danh điện tử",
        "hội nghị truyền hình",
        "trang thông tin điện tử",
        "thư điện tử công vụ",
        "dữ liệu dùng chung",
        "biểu mẫu báo cáo định kỳ",
        "kho lưu trữ số",
    ],
    "Tư pháp": [
        "sổ hộ tịch",
        "trích lục khai sinh",
        "phiếu lý lịch tư pháp",
        "hồ sơ chứng thực",
        "tủ sách pháp luật",
        "tổ hòa giải",
        "văn bản quy phạm pháp luật",
    ],
}
ACTIONS = [
    "Ứng dụng phần mềm quản lý",
    "Số hóa",
    "Niêm yết công khai",
    "Chuẩn hóa",
    "Tự động hóa",
    "Xây dựng quy trình theo dõi",
    "Tổ chức tiếp nhận",
    "Hướng dẫn tra cứu",
    "Cải tiến",
    "Tích hợp",
    "Phân loại",
    "Rút gọn",
    "Đổi mới cách quản lý",
    "Lập danh mục",
    "Tái sử dụng",
    "Sắp xếp lại",
    "Giám sát",
    "Kiểm tra định kỳ",
    "Công khai",
    "Thí điểm",
]
MEANS = [
    "bằng mã QR",
    "qua nhóm Zalo",
    "trên bảng tính dùng chung",
    "qua tin nhắn SMS",
    "trên Cổng dịch vụ công",
    "bằng chữ ký số",
    "qua tổng đài",
    "bằng bản đồ số",
    "bằng máy tính bảng",
    "trên ứng dụng điện thoại",
    "bằng mã vạch",
    "qua thư điện tử",
    "bằng biểu mẫu điện tử",
    "qua loa truyền thanh",
    "bằng camera giám sát",
]
PURPOSES = [
    "nhằm giảm thời gian chờ của người dân",
    "để người dân không phải đi lại nhiều lần",
    "giúp tiết kiệm chi phí in ấn",
    "nhằm hạn chế sai sót khi nhập liệu",
    "để cảnh báo sớm việc trễ hạn",
    "giúp lãnh đạo theo dõi kịp thời",
    "nhằm công khai, minh bạch",
    "để dễ tra cứu khi cần",
]
PLACES = [
    "UBND xã",
    "UBND phường",
    "TYT xã",
    "TTYT khu vực",
    "trường THCS",
    "trường THPT",
    "Văn phòng HĐND và UBND",
    "Hợp tác xã nông nghiệp",
    "Sở Tài chính",
    "Sở KH&CN",
    "Ban quản lý cảng cá",
    "Trung tâm Phục vụ hành chính công",
]
# Unit names composed the way local names are (Nghĩa Hòa, Bình Thuận, Đăk Long…).
NAMES = [
    f"{first} {second}"
    for first in (
        "Nghĩa",
        "Bình",
        "Tịnh",
        "Đức",
        "Phổ",
        "Sơn",
        "Trà",
        "Ba",
        "Đăk",
        "Kon",
        "Hành",
        "Long",
    )
    for second in (
        "An",
        "Hòa",
        "Thuận",
        "Phước",
        "Thành",
        "Tân",
        "Minh",
        "Hiệp",
        "Khánh",
        "Trung",
        "Phong",
        "Lộc",
        "Thạnh",
        "Mỹ",
        "Hải",
        "Kỳ",
    )
]
# Everyday words of agency writing; random runs of them give the long tail of real texts.
WORDS = _words(
    """
cán bộ công chức viên chức người dân doanh nghiệp hồ sơ giấy tờ thời gian chi phí số liệu
báo cáo kế hoạch tiến độ kết quả chất lượng hiệu quả quy định văn bản thông báo hướng dẫn
phối hợp kiểm tra giám sát tổng hợp đánh giá theo dõi cập nhật lưu trữ tra cứu tiếp nhận
xử lý giải quyết trả lời phản hồi ghi nhận thống kê phân công trách nhiệm lãnh đạo chuyên viên
thôn tổ dân phố khu dân cư hộ gia đình học sinh giáo viên phụ huynh bác sĩ điều dưỡng người bệnh
nông dân ngư dân hợp tác xã thương nhân du khách thanh niên phụ nữ người cao tuổi trẻ em
máy tính điện thoại mạng internet phần mềm ứng dụng dữ liệu biểu mẫu bảng tính camera loa
tuần tháng quý năm buổi sáng chiều tối định kỳ đột xuất thường xuyên kịp thời chính xác
minh bạch công khai thuận tiện nhanh chóng đơn giản an toàn tiết kiệm bền vững đồng bộ
"""
)
BEFORE = [
    "mỗi hồ sơ phải ghi chép thủ công vào sổ",
    "người dân phải đến trụ sở nhiều lần",
    "số liệu được tổng hợp bằng tay nên hay sai",
    "việc tra cứu mất nhiều thời gian",
    "thông tin chỉ được dán trên bảng giấy",
    "báo cáo phải in và ký tay",
]
UNITS = ["phút", "giờ", "ngày", "hồ sơ", "lượt", "triệu đồng", "%"]


def _benefit(rng: random.Random) -> str:
    unit = rng.choice(UNITS)
    before = rng.randint(10, 90)
    return f"giảm từ {before} {unit} xuống {rng.randint(1, before - 1)} {unit}"


def _title(rng: random.Random, domain: str) -> str:
    obj = rng.choice(OBJECTS[domain])
    place = f"{rng.choice(PLACES)} {rng.choice(NAMES)}"
    return f"{rng.choice(ACTIONS)} {obj} {rng.choice(MEANS)} tại {place}"


def entry(rng: random.Random) -> tuple[str, str, str]:
    """(domain, title, content) of one made-up initiative."""
    domain = rng.choice(list(OBJECTS))
    title = _title(rng, domain)
    content = (
        f"Trước đây {rng.choice(BEFORE)}. Giải pháp {rng.choice(ACTIONS).lower()} "
        f"{rng.choice(OBJECTS[domain])} {rng.choice(MEANS)} {rng.choice(PURPOSES)}. "
        f"Sau khi áp dụng, thời gian xử lý {_benefit(rng)}. "
        f"{' '.join(rng.choices(WORDS, k=rng.randint(8, 16))).capitalize()}."
    )
    return domain, title, content


def corpus(size: int, seed: int = 2026) -> Iterator[tuple[str, str, dict[str, object]]]:
    """(entry_id, text, meta) rows for SimilarityIndex.add_many, the same for a given seed."""
    rng = random.Random(seed)
    for number in range(1, size + 1):
        domain, title, content = entry(rng)
        year = rng.randint(2015, 2025)
        code = f"SK-{year}-{number:05d}"
        meta = {
            "code": code,
            "title": title,
            "agency": domain,
            "year": year,
            "status": "recognized",
        }
        yield code, f"{title}. {content}", meta


def queries(count: int, seed: int = 7) -> list[str]:
    """Title + solution texts as the dialogue would send them, each a fresh composition."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        _domain, title, content = entry(rng)
        found.append(f"{title}. {content}")
    return found
