"""Zalo has no buttons: a choice typed as its number, its label, or its label without accents."""

from __future__ import annotations

import pytest

from bot.dialogue.catalogues import common
from bot.dialogue.matching import fold, match_button, search_key
from bot.messages import Button
from tests.bot.dialogue.driver import reach

MENU = (
    Button("Gửi sáng kiến", "menu:sang_kien"),
    Button("Gửi hiến kế", "menu:hien_ke"),
    Button("Tra cứu trạng thái", "menu:status"),
    Button("Hướng dẫn", "menu:guide"),
)


@pytest.mark.parametrize(("typed", "value"), [
    ("1", "menu:sang_kien"), ("2.", "menu:hien_ke"), (" 3) ", "menu:status"), ("4", "menu:guide"),
    ("Gửi sáng kiến", "menu:sang_kien"), ("gui sang kien", "menu:sang_kien"),
    ("Sáng kiến", "menu:sang_kien"), ("sang kien", "menu:sang_kien"), ("SANG KIEN", "menu:sang_kien"),
    ("hiến kế", "menu:hien_ke"), ("hien ke", "menu:hien_ke"), ("  tra   cuu  ", "menu:status"),
    ("huong dan!", "menu:guide"), ("menu:guide", "menu:guide"),
    ("0", None), ("5", None), ("gửi", None), ("ki", None), ("xin chào", None), ("", None),
])
def test_match_button(typed: str, value: str | None) -> None:
    assert match_button(typed, MENU) == value


@pytest.mark.parametrize(("raw", "folded"), [
    ("Đặc khu Lý Sơn", "dac khu ly son"), ("  Hòa   THUẬN ", "hoa thuan"),
    ("Hoà", "hoa"), ("Thuỷ", "thuy"), ("KH&CN", "kh&cn"),
])
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_search_key_merges_tone_position_i_y_and_abbreviations() -> None:
    assert search_key("kỹ thuật") == search_key("kĩ thuật")
    assert search_key("Hòa") == search_key("Hoà")
    assert search_key("UBND tỉnh") == search_key("Ủy ban nhân dân tỉnh")
    assert search_key("Sở KH&CN") == search_key("Sở Khoa học và Công nghệ")


@pytest.mark.parametrize(("where", "typed", "field", "value"), [
    (("sang_kien", "solution_type"), "1", "solution_type", "ky_thuat"),
    (("sang_kien", "solution_type"), "quan ly", "solution_type", "quan_ly"),
    (("sang_kien", "solution_type"), "Giải pháp tác nghiệp", "solution_type", "tac_nghiep"),
    (("sang_kien", "solution_type"), "ung dung tien bo ky thuat", "solution_type",
     "ung_dung_tien_bo_ky_thuat"),
    (("sang_kien", "scope"), "2", "scope", "cap_tinh"),
    (("sang_kien", "scope"), "co so", "scope", "co_so"),
    (("sang_kien", "investor"), "1", "investor", "Sở Khoa học và Công nghệ"),
])
def test_choice_steps_accept_typed_answers(where: tuple[str, str], typed: str, field: str,
                                           value: object) -> None:
    chat = reach(*where).send(typed)
    assert chat.answers[field] == value


def test_typed_number_of_a_navigation_button() -> None:
    chat = reach("sang_kien", "field")
    assert chat.labels == [common.EXAMPLE, common.BACK]
    chat.send("2")
    assert chat.at == ("sang_kien", "solution_type")
    chat = reach("sang_kien", "field").send("1")
    assert chat.last_text.startswith(common.EXAMPLE_HEADER)


def test_a_number_is_the_answer_on_share_steps() -> None:
    chat = reach("sang_kien", "author_share").send("2")
    assert chat.answers["authors"][0]["share"] == 2


def test_text_matching_nothing_at_a_choice_step() -> None:
    chat = reach("sang_kien", "solution_type")
    state = chat.state
    chat.send("loại khác")
    assert chat.last_text.startswith(common.PICK_ONE)
    assert chat.state == state and "ky_thuat" in chat.values


def test_menu_by_text_on_zalo() -> None:
    chat = reach("menu", "menu")
    chat.channel = "zalo"
    chat.send("sáng kiến")
    assert chat.at == ("sang_kien", "title")
