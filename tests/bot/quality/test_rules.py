"""Each quality rule on Vietnamese examples, good and bad, filler included."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from bot.quality import HIEN_KE, SANG_KIEN
from bot.quality.catalogue import FILLER
from tests.bot.quality.examples import (
    GOOD_HIEN_KE,
    GOOD_SANG_KIEN,
    TITLE,
    assert_verdict,
    item,
)

# --- the title -----------------------------------------------------------------------------

SAMPLE_TITLES = [
    "Số hoá, tái sử dụng kết quả giải quyết thủ tục hành chính để người dân không phải nộp lại "
    "giấy tờ đã có.",
    TITLE,
    "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn cho công chức tiếp nhận tại phường.",
    "Phân luồng và hẹn giờ khám bệnh qua tổng đài, tin nhắn nhằm giảm thời gian chờ tại khoa "
    "Khám bệnh.",
    "Sử dụng phiếu học tập số kết hợp trò chơi trực tuyến để phụ đạo học sinh lớp 6 môn Toán.",
    "Ứng dụng bản đồ số theo dõi lịch xuống giống và tình hình sâu bệnh trên lúa tại xã.",
    "Hướng dẫn ngư dân khai báo nhật ký khai thác thủy sản điện tử tại đặc khu Lý Sơn.",
    "Gộp các báo cáo định kỳ trùng chỉ tiêu giữa các phòng thành một biểu mẫu.",
    "Nâng cao chất lượng dạy học môn Toán lớp 6 bằng phiếu học tập số",
    "Tăng cường tiếng Việt cho trẻ em dân tộc thiểu số qua tranh ảnh, bài hát",
    unicodedata.normalize("NFD", "Số hoá hồ sơ hộ tịch cũ để cấp bản sao trích lục nhanh"),
]


@pytest.mark.parametrize("title", SAMPLE_TITLES)
def test_titles_that_state_the_solution_pass(title: str) -> None:
    assert_verdict(item(SANG_KIEN, "title_states_solution", title=title), True, "nêu rõ")


@pytest.mark.parametrize(
    ("title", "fragment"),
    [
        ("", "nhập tên sáng kiến"),
        (None, "nhập tên sáng kiến"),
        ("Số hóa hồ sơ", "quá ngắn"),
        ("NIÊM YẾT MÃ QR TRA CỨU THỦ TỤC HÀNH CHÍNH TẠI TRỤ SỞ XÃ", "chữ in hoa"),
        ("Nâng cao hiệu quả công tác cải cách hành chính", "khẩu hiệu"),
        ("Đổi mới sáng tạo vì nhân dân phục vụ", "khẩu hiệu"),
        ("Một số giải pháp nâng cao chất lượng dạy học môn Toán lớp 6", "khẩu hiệu"),
        ("Tăng cường công tác quản lý nhà nước về đất đai trên địa bàn xã", "khẩu hiệu"),
        ("Góp phần xây dựng nông thôn mới ngày càng giàu đẹp", "khẩu hiệu"),
        ("Sáng kiến hay của chúng tôi năm nay", "khẩu hiệu"),
        ("rất rất rất hiệu quả hiệu quả", "lặp lại"),
        ("Lorem ipsum dolor sit amet consectetur", "chữ điền tạm"),
        ("asdf qwer zxcv hjkl uiop", "chữ điền tạm"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ký tự lặp lại"),
        ("🙂🙂🙂 !!! ??? …", "ký hiệu"),
        (
            "Ứng dụng mã QR để người dân tra cứu quy trình, thành phần hồ sơ, lệ phí, thời hạn "
            "giải quyết và kết quả của các thủ tục hành chính thuộc lĩnh vực hộ tịch, chứng "
            "thực, đất đai, xây dựng, kinh doanh, lao động, thương binh xã hội, giáo dục, y tế "
            "tại bộ phận một cửa của trụ sở Ủy ban nhân dân xã và các thôn, tổ dân phố trên địa "
            "bàn",
            "dài hơn 50 từ",
        ),
    ],
)
def test_weak_titles_fail_with_a_concrete_suggestion(title: str | None, fragment: str) -> None:
    assert_verdict(item(SANG_KIEN, "title_states_solution", title=title), False, fragment)


# --- known solution, solution, novelty -----------------------------------------------------

FILLER_CASES = [
    ("", "Anh/chị"),
    ("Hiệu quả cao.", "Anh/chị"),
    ("rất rất rất hiệu quả hiệu quả " * 5, FILLER["repetition"]),
    (
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
        FILLER["foreign"],
    ),
    ("a" * 200, FILLER["noise"]),
    ("." * 80, FILLER["noise"]),
    ("👍👍👍👍👍 !!! ??? ✨✨✨ ok", FILLER["noise"]),
]


@pytest.mark.parametrize(
    "rule", ["known_solution_described", "solution_described", "novelty_described"]
)
@pytest.mark.parametrize(("text", "fragment"), FILLER_CASES)
def test_descriptions_are_not_fooled_by_filler(rule: str, text: str, fragment: str) -> None:
    field = rule.removesuffix("_described")
    assert_verdict(item(SANG_KIEN, rule, **{field: text}), False, fragment)


@pytest.mark.parametrize(
    ("field", "text", "passed", "fragment"),
    [
        ("known_solution", GOOD_SANG_KIEN["known_solution"], True, "Đã mô tả"),
        ("known_solution", "Làm thủ công, mất thời gian.", False, "cách làm trước đây"),
        ("solution", GOOD_SANG_KIEN["solution"], True, "Đã mô tả"),
        ("solution", TITLE, False, FILLER["copy_of_title"]),
        ("solution", TITLE + ". " + TITLE, False, FILLER["copy_of_title"]),
        ("solution", TITLE + " cho người dân dễ xem hơn", False, FILLER["copy_of_title"]),
        ("solution", "Dán mã QR ở cổng.", False, "theo từng bước"),
        ("novelty", GOOD_SANG_KIEN["novelty"], True, "điểm mới"),
        ("novelty", "Mới, sáng tạo, hiệu quả.", False, "điểm mới so với"),
    ],
)
def test_descriptions(field: str, text: str, passed: bool, fragment: str) -> None:
    found = item(SANG_KIEN, f"{field}_described", **{field: text})
    assert_verdict(found, passed, fragment)


@pytest.mark.parametrize(
    ("changes", "passed", "fragment"),
    [
        ({}, True, "khác với"),
        ({"solution": GOOD_SANG_KIEN["known_solution"]}, False, "gần như trùng"),
        (
            {
                "solution": GOOD_SANG_KIEN["known_solution"].replace("Trước đây, ", "Nay "),
                "novelty": GOOD_SANG_KIEN["known_solution"],
            },
            False,
            "100% từ ngữ",
        ),
        ({"known_solution": ""}, False, "cả giải pháp đã biết"),
        ({"solution": "", "novelty": ""}, False, "cả giải pháp đã biết"),
        ({"known_solution": "rất rất rất hiệu quả hiệu quả " * 5}, False, "cả giải pháp đã biết"),
        ({"novelty": ""}, True, "khác với"),  # the solution alone is compared
    ],
)
def test_the_new_solution_is_not_a_copy_of_the_known_one(
    changes: dict[str, str], passed: bool, fragment: str
) -> None:
    assert_verdict(item(SANG_KIEN, "new_differs_from_known", **changes), passed, fragment)


# --- first application date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "passed", "fragment"),
    [
        ("2025-03-01", True, "01/03/2025"),
        ("2025-11-01", True, "01/11/2025"),  # today counts as applied
        (date(2024, 7, 1), True, "01/07/2024"),
        (datetime(2024, 7, 1, 9, 30), True, "01/07/2024"),
        (None, False, "bắt buộc"),
        ("", False, "bắt buộc"),
        ("2025-11-02", False, "còn ở phía trước"),
        ("2030-01-01", False, "01/01/2030"),
        ("01/03/2025", False, "Chưa đọc được"),
        ("tháng trước", False, "ngày/tháng/năm"),
        ("1900-05-01", False, "kiểm tra lại năm"),
    ],
)
def test_first_application_date(value: object, passed: bool, fragment: str) -> None:
    assert_verdict(
        item(SANG_KIEN, "first_applied_on_valid", first_applied_on=value), passed, fragment
    )


# --- benefits ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "passed", "fragment"),
    [
        ("Thời gian xử lý giảm từ 30 phút xuống 10 phút mỗi hồ sơ.", True, "30 phút"),
        ("Tiết kiệm 2,5 triệu đồng tiền in giấy mỗi năm cho đơn vị.", True, "2,5 triệu"),
        ("Tỷ lệ hồ sơ trễ hạn giảm 15% so với năm trước.", True, "15%"),
        ("Mỗi tháng tiếp nhận thêm 1.200 hồ sơ trực tuyến.", True, "1.200 hồ sơ"),
        (
            "Hiệu quả cao, thiết thực, góp phần nâng cao chất lượng phục vụ nhân dân.",
            False,
            "ít nhất một con số",
        ),
        ("Rất hiệu quả 100%", False, "con số"),
        (
            "Được áp dụng từ năm 2024 theo Quyết định số 123/QĐ-UBND ngày 12/3/2024 của Ủy ban "
            "nhân dân xã, người dân rất hài lòng.",
            False,
            "giảm từ 30 phút xuống 10 phút",
        ),
        ("rất rất rất hiệu quả hiệu quả " * 4, False, FILLER["repetition"]),
        ("Lorem ipsum dolor sit amet 30 phút", False, FILLER["foreign"]),
        ("", False, "ít nhất một con số"),
    ],
)
def test_benefits_need_a_measurable_figure(text: str, passed: bool, fragment: str) -> None:
    assert_verdict(item(SANG_KIEN, "benefits_measurable", benefits=text), passed, fragment)


# --- conditions and applicability ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "field", "text", "passed"),
    [
        ("conditions_described", "conditions", GOOD_SANG_KIEN["conditions"], True),
        ("conditions_described", "conditions", "Không có.", False),
        ("conditions_described", "conditions", "Cần máy tính.", False),
        ("conditions_described", "conditions", "cần cần cần máy máy máy tính tính", False),
        ("applicability_described", "applicability", GOOD_SANG_KIEN["applicability"], True),
        ("applicability_described", "applicability", "Áp dụng rộng rãi.", False),
        ("applicability_described", "applicability", "✓✓✓✓✓✓✓✓✓✓", False),
    ],
)
def test_conditions_and_applicability_have_substance(
    rule: str, field: str, text: str, passed: bool
) -> None:
    assert item(SANG_KIEN, rule, **{field: text}).passed is passed


# --- authors' shares -----------------------------------------------------------------------


def authors(*shares: object) -> list[dict[str, object]]:
    return [{"name": f"Tác giả {n}", "share": s} for n, s in enumerate(shares, start=1)]


@pytest.mark.parametrize(
    ("value", "passed", "fragment"),
    [
        (authors(100), True, "100%"),
        (authors(60, 40), True, "100%"),
        (authors("50%", "50 %"), True, "100%"),
        (authors("33,3", "33,3", "33,4"), True, "100%"),
        (authors(33.3, 33.3, 33.3), True, "100%"),  # 99,9 is within rounding
        (authors(50, 40), False, "hiện cộng lại là 90%"),
        (authors(50, 49.5), False, "99,5%"),
        (authors(70, 50), False, "120%"),
        (authors(60, "bốn mươi"), False, "Tác giả 2"),
        (authors(100, 0), False, "lớn hơn 0"),
        (authors(120), False, "Tác giả 1"),
        (authors(True), False, "Tác giả 1"),
        ([{"share": 50}, {"name": "Lê Văn Cường"}], False, "Lê Văn Cường"),
        ([{"share": 50}, {"share": "x"}], False, "tác giả thứ 2"),
        ([], False, "tỷ lệ % đóng góp"),
        (None, False, "tỷ lệ % đóng góp"),
        ("Nguyễn Văn An 100%", False, "tỷ lệ % đóng góp"),
    ],
)
def test_shares_add_up_to_100(value: object, passed: bool, fragment: str) -> None:
    assert_verdict(item(SANG_KIEN, "shares_total_100", authors=value), passed, fragment)


# --- hiến kế -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "changes", "passed", "fragment"),
    [
        ("problem_described", {"problem": "Khó khăn."}, False, "vấn đề đang gặp"),
        ("problem_described", {"problem": "hhhhhhhhhhhhhhhh"}, False, FILLER["noise"]),
        ("proposal_described", {"proposal": "Nên cải tiến."}, False, "đề xuất"),
        (
            "proposal_described",
            {"proposal": "lorem ipsum dolor sit amet elit"},
            False,
            FILLER["foreign"],
        ),
        ("benefit_concrete", {"benefit": "Giảm 2 ngày tổng hợp báo cáo."}, True, "cụ thể"),
        ("benefit_concrete", {"benefit": "Hiệu quả cao, thiết thực."}, False, "«hiệu quả cao»"),
        (
            "benefit_concrete",
            {"benefit": "Rất tốt, rất hiệu quả, rất thiết thực, tốt hơn nhiều"},
            False,
            "cụ thể",
        ),
        ("benefit_concrete", {"benefit": "tốt tốt tốt tốt tốt tốt tốt tốt"}, False, "lặp lại"),
        ("benefit_concrete", {"benefit": ""}, False, "cụ thể"),
        (
            "proposal_differs_from_problem",
            {"proposal": GOOD_HIEN_KE["problem"]},
            False,
            "lặp lại phần vấn đề",
        ),
        ("proposal_differs_from_problem", {"problem": ""}, False, "cả vấn đề và đề xuất"),
    ],
)
def test_hien_ke_rules(rule: str, changes: dict[str, str], passed: bool, fragment: str) -> None:
    assert_verdict(item(HIEN_KE, rule, **changes), passed, fragment)
